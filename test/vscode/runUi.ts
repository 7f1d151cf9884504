// The UI suite: a person's path through the real workbench. Packages the extension as a .vsix
// (from the built dist/, in a staging copy so the working tree is left alone), installs it into an
// isolated code-server started WITHOUT the test driver, and runs the scenarios of
// out/test/ui/*.ui.js under mocha in this process, driving headless Chromium with playwright-core.
// One code-server and one browser for the whole run; one workbench page per scenario file.
// The Asana API emulator runs in this process too: the server's user settings point the extension's
// `asana.apiBaseUrl` at it, scenarios reach it as `workbench.emulator`, and it is reset (seeded data,
// no faults, start-up latency) before each scenario file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Mocha from 'mocha';
import type { BrowserContext, Page } from 'playwright-core';
import { startEmulator } from '../emulator';
import type { Emulator, EmulatorOptions } from '../emulator';
import type { UiScenarioFile } from '../ui/workbench';
import { Workbench } from '../ui/workbench';
import { launchChromium } from './browser';
import { startCodeServer } from './codeServer';
import type { CodeServer } from './codeServer';
import type { Installation } from './install';
import { ensureInstalled } from './install';
import { exitWhenDone, onInterrupt } from './lifecycle';
import { log } from './log';
import { extensionBundle, logsDir, repoRoot, screenshotsDir, uiTestsDir } from './paths';
import { runCommand } from './proc';

export interface UiOptions {
  readonly installation?: Installation;
  /** Extra user settings (`asana.apiBaseUrl` is already the emulator's; these win). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Options of the emulator the runner starts (seeded, 10,000 members in Acme Corp by default). */
  readonly emulator?: EmulatorOptions;
  /** Extra environment for the extension host (the runner always sets `ASANA_TEST_MODE=1`). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface UiResult {
  readonly exitCode: number;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
}

/** Files that go into the .vsix besides dist/ and media/ (the rest is excluded by .vscodeignore). */
const PACKAGED_FILES = ['package.json', '.vscodeignore', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/**
 * Packages dist/ as it was built. vsce would run `vscode:prepublish` (a production rebuild of
 * dist/ in the working tree), so it runs on a staging copy whose package.json has no prepublish.
 */
export async function packageVsix(outDir: string, logName = 'ui-vsce.log'): Promise<string> {
  const staging = path.join(outDir, 'vsix-staging');
  fs.mkdirSync(staging, { recursive: true });
  for (const name of PACKAGED_FILES) {
    if (fs.existsSync(path.join(repoRoot, name))) fs.copyFileSync(path.join(repoRoot, name), path.join(staging, name));
  }
  for (const dir of ['dist', 'media']) {
    if (fs.existsSync(path.join(repoRoot, dir))) fs.cpSync(path.join(repoRoot, dir), path.join(staging, dir), { recursive: true });
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(staging, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  delete manifest.scripts?.['vscode:prepublish'];
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const vsix = path.join(outDir, 'asana-workspaces.vsix');
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  fs.mkdirSync(logsDir, { recursive: true });
  const logFile = path.join(logsDir, logName);
  fs.writeFileSync(logFile, '');
  await runCommand(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--no-rewrite-relative-links', '--out', vsix], { cwd: staging, logFile });
  return vsix;
}

/** Stops mocha after the scenario that is running (set while scenarios run). */
let abortScenarios: (() => void) | undefined;

function scenarioFiles(): string[] {
  if (!fs.existsSync(uiTestsDir)) return [];
  return fs
    .readdirSync(uiTestsDir)
    .filter((file) => file.endsWith('.ui.js'))
    .sort()
    .map((file) => path.join(uiTestsDir, file));
}

export async function runUi(options: UiOptions = {}): Promise<UiResult> {
  const files = scenarioFiles();
  if (!fs.existsSync(extensionBundle) || files.length === 0) {
    throw new Error('missing dist/extension.js or out/test/ui/*.ui.js: run `npm run compile-tests && npm run build` first');
  }
  const installation = options.installation ?? (await ensureInstalled());
  fs.mkdirSync(logsDir, { recursive: true });
  // A failure screenshot left by an earlier run would read as this run's.
  if (fs.existsSync(screenshotsDir)) {
    for (const file of fs.readdirSync(screenshotsDir)) if (/^FAILED-.*\.png$/.test(file)) fs.rmSync(path.join(screenshotsDir, file));
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-vscode-vsix-'));
  let server: CodeServer | undefined;
  let context: BrowserContext | undefined;
  let emulator: Emulator | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaning ??= (async () => {
      await context?.close().catch(() => undefined);
      await server?.stop();
      await emulator?.close();
      fs.rmSync(scratch, { recursive: true, force: true });
    })());
  const unregister = onInterrupt(async () => {
    abortScenarios?.();
    await cleanup();
  });
  try {
    const vsix = await packageVsix(scratch);
    log(`packaged ${path.basename(vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(1)} KB)`);
    emulator = await startEmulator(options.emulator);
    log(`Asana emulator at ${emulator.baseUrl}`);
    server = await startCodeServer({
      installation,
      name: 'ui',
      vsixFiles: [vsix],
      settings: { 'asana.apiBaseUrl': emulator.baseUrl, ...options.settings },
      env: { ASANA_TEST_MODE: '1', ...options.env },
    });
    log(`code-server ${installation.codeServerVersion} at ${server.url} (log: ${path.relative(repoRoot, server.logFile)})`);
    context = await launchChromium(installation.chromium, path.join(server.runDir, 'chromium'));
    const result = await runScenarios(files, server, context, emulator);
    return { ...result, exitCode: result.failed > 0 ? 1 : 0 };
  } finally {
    await cleanup();
    unregister();
  }
}

async function runScenarios(
  files: readonly string[],
  server: CodeServer,
  context: BrowserContext,
  emulator: Emulator,
): Promise<Omit<UiResult, 'exitCode'>> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 60_000, grep: process.env['ASANA_UI_GREP'] || undefined });
  for (const file of files) {
    const { scenarios } = (await import(pathToFileURL(file).href)) as UiScenarioFile;
    const name = path.basename(file, '.ui.js');
    const suite = Mocha.Suite.create(mocha.suite, name);
    let page: Page | undefined;
    let workbench: Workbench | undefined;
    suite.beforeAll(`open the workbench for ${name}`, async function () {
      this.timeout(90_000);
      emulator.reset();
      page = await context.newPage();
      workbench = await Workbench.open(page, server.workbenchUrl(), screenshotsDir, emulator);
    });
    for (const { title, run, timeoutMs, skip } of scenarios) {
      if (skip) {
        suite.addTest(new Mocha.Test(`${title} (skipped: ${skip})`)); // no function: pending
        continue;
      }
      const test = new Mocha.Test(title, async () => {
        if (!workbench) throw new Error('the workbench did not open');
        await run(workbench);
      });
      test.timeout(timeoutMs ?? 60_000);
      suite.addTest(test);
    }
    suite.afterEach(async function () {
      const current = this.currentTest;
      if (current?.state === 'failed' && workbench) {
        const shot = await workbench.screenshot(`FAILED-${name}-${current.title}`).catch(() => undefined);
        if (shot) console.log(`      screenshot of the failure: ${path.relative(repoRoot, shot)}`);
      }
    });
    suite.afterAll(async () => {
      await page?.close();
    });
  }
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      abortScenarios = undefined;
      const stats = runner.stats;
      resolve({ passed: stats?.passes ?? 0, failed: stats?.failures ?? 1, pending: stats?.pending ?? 0 });
    });
    abortScenarios = () => runner.abort();
  });
}

if (require.main === module) {
  runUi().then(
    ({ exitCode, passed, failed, pending }) => {
      console.log(`vscode-ui: ${passed} passed, ${failed} failed, ${pending} skipped`);
      return exitWhenDone(exitCode);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      return exitWhenDone(1);
    },
  );
}
