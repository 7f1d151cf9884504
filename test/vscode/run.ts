// Entry of the real-VS-Code tests: `node out/test/vscode/run.js <install|suite|ui|all|demo>`.
//   install  Debian packages, Node 24 and code-server into the cache (fast when already there)
//   suite    the in-VS-Code mocha suite (test/suite), after install
//   ui       the Playwright UI scenarios (test/ui), after install
//   all      install, suite, then ui (ui runs even when suite failed)
//   demo     `npm start`: the emulator and code-server with the extension, until Ctrl-C
//            (options: --port N, --latency MS|MIN-MAX, --members N; see demo.ts)
// Builds nothing: compile (`npm run compile-tests`) and bundle (`npm run build`) first.
import { parseDemoArgs, runDemo } from './demo';
import type { DemoOptions } from './demo';
import { InstallError, ensureInstalled } from './install';
import { exitWhenDone } from './lifecycle';
import { formatDuration, log, step, timings, warn } from './log';
import { runSuite } from './runSuite';
import { runUi } from './runUi';

type Mode = 'install' | 'suite' | 'ui' | 'all' | 'demo';
const MODES: readonly Mode[] = ['install', 'suite', 'ui', 'all', 'demo'];

interface Tally {
  passed: number;
  failed: number;
  pending: number;
}

async function main(mode: Mode, demoOptions: DemoOptions): Promise<number> {
  const started = Date.now();
  const tally: Tally = { passed: 0, failed: 0, pending: 0 };
  let exitCode = 0;
  const installation = await step('install (Node 24, code-server, Chromium)', ensureInstalled);

  // Runs until Ctrl-C (lifecycle.ts stops it and exits) or until code-server dies.
  if (mode === 'demo') return runDemo({ ...demoOptions, installation });

  if (mode === 'suite' || mode === 'all') {
    const result = await step('in-VS-Code suite (test/suite)', () => runSuite({ installation }), (r) => r.exitCode === 0);
    if (result.counts) {
      tally.passed += result.counts.passed;
      tally.failed += result.counts.failed;
      tally.pending += result.counts.pending;
    } else if (result.exitCode !== 0) {
      tally.failed += 1; // the suite never reported: count the run itself as one failure
    }
    if (result.exitCode !== 0) {
      warn(`in-VS-Code suite failed (exit code ${result.exitCode})`);
      exitCode = 1;
    }
  }

  if (mode === 'ui' || mode === 'all') {
    const result = await step('UI suite (test/ui)', () => runUi({ installation }), (r) => r.exitCode === 0);
    tally.passed += result.passed;
    tally.failed += result.failed;
    tally.pending += result.pending;
    if (result.exitCode !== 0) {
      warn('UI suite failed');
      exitCode = 1;
    }
  }

  log('timings:');
  for (const { name, ms, ok } of timings) log(`  ${ok ? '✔' : '✘'} ${name.padEnd(44)} ${formatDuration(ms)}`);
  log(`  total ${formatDuration(Date.now() - started)}`);
  if (mode !== 'install') console.log(`vscode: ${tally.passed} passed, ${tally.failed} failed, ${tally.pending} skipped`);
  return exitCode;
}

const mode = process.argv[2] as Mode | undefined;
if (!mode || !MODES.includes(mode)) {
  console.error(`usage: node out/test/vscode/run.js <${MODES.join('|')}> (demo takes [--port N] [--latency MS|MIN-MAX] [--members N])`);
  process.exit(2);
}
let demoOptions: DemoOptions = {};
try {
  if (mode === 'demo') demoOptions = parseDemoArgs(process.argv.slice(3));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
main(mode, demoOptions).then(
  (code) => exitWhenDone(code),
  (error: unknown) => {
    // An install failure says what to do; a stack would bury that.
    if (error instanceof InstallError) warn(error.message);
    else warn(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return exitWhenDone(1);
  },
);
