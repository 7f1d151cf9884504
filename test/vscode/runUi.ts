// The UI suite: a person's path through the real workbench. Packages the extension as a .vsix
// (from the built dist/, in a staging copy so the working tree is left alone), installs it into an
// isolated code-server started WITHOUT the test driver, and runs the scenarios of
// out/test/ui/*.ui.js under mocha in this process, driving headless Chromium with playwright-core.
// One code-server and one browser for the scenario files that share the runner's emulator; one
// workbench page per scenario file. A file that exports its own `emulator` options (a 100,000-member
// Acme Corp, say), or `isolated = true` (a fresh window state), gets an emulator, code-server and
// browser of its own, started after the shared ones have stopped. The Asana API emulator runs in this process too: the server's user settings point
// the extension's `asana.apiBaseUrl` at it, scenarios reach it as `workbench.emulator`, and it is
// reset (seeded data, no faults, start-up latency) before each scenario file.
// `ASANA_UI_FILES` narrows the run to some files, `ASANA_UI_GREP` to some scenarios.
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
import { packageVsix } from './packageVsix';
import { packPseudoLanguagePack, PSEUDO_LOCALE } from './pseudoLanguagePack';
import { extensionBundle, logsDir, repoRoot, screenshotsDir, uiTestsDir } from './paths';

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

/** Stops mocha after the scenario that is running (set while scenarios run). */
let abortScenarios: (() => void) | undefined;

/**
 * The compiled scenario files, sorted; `ASANA_UI_FILES` (comma-separated parts of file names, e.g.
 * `signIn,bigWorkspace`) keeps only the files whose name contains one of them.
 */
function scenarioFiles(): string[] {
  if (!fs.existsSync(uiTestsDir)) return [];
  const only = (process.env['ASANA_UI_FILES'] ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  return fs
    .readdirSync(uiTestsDir)
    .filter((file) => file.endsWith('.ui.js'))
    .filter((file) => only.length === 0 || only.some((part) => file.includes(part)))
    .sort()
    .map((file) => path.join(uiTestsDir, file));
}

/** A scenario file, loaded. */
interface LoadedFile {
  readonly name: string;
  readonly module: UiScenarioFile;
}

/**
 * What a group of scenario files runs against: one emulator, one code-server, one browser. The files
 * that export no `emulator` share the first; a file that exports its own options, or `isolated`, gets
 * one of its own.
 */
interface Environment {
  readonly title: string;
  /** Names the code-server's temporary folder and log (`test-results/logs/<name>-code-server.log`). */
  readonly name: string;
  readonly emulator: EmulatorOptions | undefined;
  readonly files: readonly LoadedFile[];
  readonly locale?: string;
}

/** What an environment has running while its files' scenarios run. */
interface Running {
  emulator?: Emulator;
  server?: CodeServer;
  context?: BrowserContext;
}

async function stopRunning(running: Running): Promise<void> {
  const { context, server, emulator } = running;
  running.context = running.server = running.emulator = undefined;
  await context?.close().catch(() => undefined);
  await server?.stop();
  await emulator?.close();
}

function describeEmulator(options: EmulatorOptions | undefined): string {
  const members = options?.sizes?.bigWorkspaceMembers;
  const latency = options?.latencyMs;
  const parts = [members === undefined ? 'the seeded emulator' : `an emulator with ${members.toLocaleString('en-US')} members in Acme Corp`];
  if (latency !== undefined) parts.push(`latency ${Array.isArray(latency) ? latency.join('–') : latency} ms`);
  return parts.join(', ');
}

async function environments(files: readonly string[], options: UiOptions): Promise<Environment[]> {
  const loaded = await Promise.all(
    files.map(async (file) => ({ name: path.basename(file, '.ui.js'), module: (await import(pathToFileURL(file).href)) as UiScenarioFile })),
  );
  const ownServer = (f: LoadedFile): boolean => f.module.emulator !== undefined || f.module.isolated === true || f.module.locale !== undefined;
  const shared = loaded.filter((f) => !ownServer(f));
  const result: Environment[] = [];
  if (shared.length) result.push({ title: `code-server with ${describeEmulator(options.emulator)}`, name: 'ui', emulator: options.emulator, files: shared });
  for (const file of loaded.filter(ownServer)) {
    const emulator: EmulatorOptions | undefined = file.module.emulator ? { ...options.emulator, ...file.module.emulator } : options.emulator;
    result.push({ title: `${file.name}: code-server of its own with ${describeEmulator(emulator)}`, name: `ui-${file.name}`, emulator, files: [file], locale: file.module.locale });
  }
  return result;
}

export async function runUi(options: UiOptions = {}): Promise<UiResult> {
  const files = scenarioFiles();
  if (!fs.existsSync(extensionBundle) || files.length === 0) {
    throw new Error(
      process.env['ASANA_UI_FILES']
        ? `no out/test/ui/*.ui.js matches ASANA_UI_FILES=${process.env['ASANA_UI_FILES']}, or dist/extension.js is missing`
        : 'missing dist/extension.js or out/test/ui/*.ui.js: run `npm run compile-tests && npm run build` first',
    );
  }
  const installation = options.installation ?? (await ensureInstalled());
  fs.mkdirSync(logsDir, { recursive: true });
  // A failure screenshot left by an earlier run would read as this run's.
  if (fs.existsSync(screenshotsDir)) {
    for (const file of fs.readdirSync(screenshotsDir)) if (/^FAILED-.*\.png$/.test(file)) fs.rmSync(path.join(screenshotsDir, file));
  }
  const envs = await environments(files, options);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-vscode-vsix-'));
  const running: Running[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaning ??= (async () => {
      for (const r of running) await stopRunning(r);
      fs.rmSync(scratch, { recursive: true, force: true });
    })());
  const unregister = onInterrupt(async () => {
    abortScenarios?.();
    await cleanup();
  });
  try {
    const vsix = await packageVsix(scratch);
    log(`packaged ${path.basename(vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(1)} KB)`);
    const start = async (env: Environment, into: Running): Promise<void> => {
      into.emulator = await startEmulator(env.emulator);
      log(`Asana emulator at ${into.emulator.baseUrl} (${describeEmulator(env.emulator)})`);
      into.server = await startCodeServer({
        installation,
        name: env.name,
        vsixFiles: env.locale === PSEUDO_LOCALE ? [vsix, await packPseudoLanguagePack(scratch)] : [vsix],
        settings: { 'asana.apiBaseUrl': into.emulator.baseUrl, ...options.settings },
        env: { ASANA_TEST_MODE: '1', ...options.env },
        ...(env.locale ? { locale: env.locale } : {}),
      });
      log(`code-server ${installation.codeServerVersion} at ${into.server.url} (log: ${path.relative(repoRoot, into.server.logFile)})`);
      into.context = await launchChromium(installation.chromium, path.join(into.server.runDir, 'chromium'));
    };
    const result = await runScenarios(envs, running, start);
    return { ...result, exitCode: result.failed > 0 ? 1 : 0 };
  } finally {
    await cleanup();
    unregister();
  }
}

/**
 * One mocha run for every environment: an environment's suite starts its emulator, code-server and
 * browser before its files and stops them after, so that two never run at once on a small machine.
 */
async function runScenarios(
  envs: readonly Environment[],
  running: Running[],
  start: (env: Environment, into: Running) => Promise<void>,
): Promise<Omit<UiResult, 'exitCode'>> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 60_000, grep: process.env['ASANA_UI_GREP'] || undefined });
  for (const env of envs) {
    const current: Running = {};
    running.push(current);
    const envSuite = envs.length === 1 ? mocha.suite : Mocha.Suite.create(mocha.suite, env.title);
    envSuite.beforeAll(`start ${env.title}`, async function () {
      this.timeout(180_000);
      await start(env, current);
    });
    envSuite.afterAll(`stop ${env.title}`, async function () {
      this.timeout(60_000);
      await stopRunning(current);
    });
    for (const { name, module } of env.files) addFileSuite(envSuite, name, module, current);
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

/** One scenario file: a fresh workbench page (and a reset emulator), its scenarios in order on it. */
function addFileSuite(parent: Mocha.Suite, name: string, { scenarios }: UiScenarioFile, env: Running): void {
  const suite = Mocha.Suite.create(parent, name);
  let page: Page | undefined;
  let workbench: Workbench | undefined;
  suite.beforeAll(`open the workbench for ${name}`, async function () {
    this.timeout(90_000);
    const { emulator, server, context } = env;
    if (!emulator || !server || !context) throw new Error('the emulator, code-server or browser of this file did not start');
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
    suite.addTest(test);
    test.timeout(timeoutMs ?? 60_000); // after addTest, which gives the test its suite's timeout
  }
  suite.afterEach(async function () {
    const current = this.currentTest;
    if (current?.state === 'failed' && workbench) {
      const shot = await workbench.screenshot(`FAILED-${name}-${current.title}`).catch(() => undefined);
      if (shot) console.log(`      screenshot of the failure: ${path.relative(repoRoot, shot)}`);
    }
  });
  suite.afterAll(async function () {
    this.timeout(30_000);
    // Leave the workbench as a person closes a window: navigating away runs its shutdown, which saves
    // its state (the extension's global state, say, such as which rows the view keeps expanded); a
    // plain close can lose the last seconds of it, and the next file would start from older state.
    await page?.goto('about:blank', { timeout: 20_000 }).catch(() => undefined);
    await page?.close().catch(() => undefined);
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
