// Entry of the in-VS-Code suite: the extension host loads this file (extensionTestsPath) and calls
// run(). It runs every out/test/suite/**/*.test.js with mocha; the output reaches the terminal through
// the harness (test/vscode/runSuite.ts). Env `ASANA_SUITE_GREP` narrows the run to matching titles,
// `ASANA_SUITE_FILES` (comma-separated parts of file names, e.g. `extension,signIn`) to those files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Read by test/vscode/runSuite.ts (keep in step with its markers): the window console carries the
 * workbench's own logs too, so the runner relays only what lies between these two lines. */
const START_MARKER = 'ASANA_SUITE_START';
const RESULT_MARKER = 'ASANA_SUITE_RESULT ';

function testFiles(dir: string): string[] {
  const only = (process.env['ASANA_SUITE_FILES'] ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .filter((file) => only.length === 0 || only.some((part) => file.includes(part)))
    .sort()
    .map((file) => path.join(dir, file));
}

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: 20_000,
    grep: process.env['ASANA_SUITE_GREP'] || undefined,
  });
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  console.log(START_MARKER);
  let stats: Mocha.Stats;
  try {
    stats = await new Promise<Mocha.Stats>((resolve, reject) => {
      try {
        // run() requires the test files first: a file that fails to load throws here.
        const runner = mocha.run(() => resolve(runner.stats ?? ({ passes: 0, failures: 1, pending: 0 } as Mocha.Stats)));
      } catch (error) {
        reject(error);
      }
    });
  } catch (error) {
    console.error(`The suite could not load its test files:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    console.log(RESULT_MARKER + JSON.stringify({ passed: 0, failed: 1, pending: 0 }));
    throw error;
  }
  console.log(RESULT_MARKER + JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending }));
  if (stats.failures > 0) throw new Error(`${stats.failures} test(s) failed`);
}
