// The in-VS-Code suite: mocha inside a real extension host. Starts code-server with the smoke-test
// driver, opens the workbench in headless Chromium with a development payload (this repository as the
// extension, out/test/suite/index.js as the tests), relays the extension host's console (mocha's
// reporter) to the terminal, and ends with the suite's exit code. Builds nothing: run
// `npm run compile-tests && npm run build` first.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import type { ConsoleMessage } from 'playwright-core';
import { launchChromium } from './browser';
import { startCodeServer } from './codeServer';
import { makeCompanyRoot } from './companyRoot';
import type { CodeServer } from './codeServer';
import type { Installation } from './install';
import { ensureInstalled } from './install';
import { exitWhenDone, onInterrupt } from './lifecycle';
import { formatDuration, log, warn } from './log';
import { extensionBundle, logsDir, repoRoot, screenshotsDir, suiteEntry } from './paths';
import { TimeoutError, withTimeout } from './proc';

/**
 * Lines `test/suite/index.ts` prints before mocha starts and when it ends. The page console carries the
 * workbench's own logs in the same form as the extension host's, so only what lies between the two is
 * relayed to the terminal (everything goes to test-results/logs/suite-browser-console.log); the result
 * line becomes the closing `N passed, N failed` line.
 */
export const START_MARKER = 'ASANA_SUITE_START';
export const RESULT_MARKER = 'ASANA_SUITE_RESULT ';

export interface SuiteOptions {
  readonly installation?: Installation;
  /** Extra user settings, e.g. `{ 'asana.apiBaseUrl': 'http://127.0.0.1:4010' }`. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Extra environment for the extension host (the runner always sets `ASANA_TEST_MODE=1`). */
  readonly env?: Readonly<Record<string, string>>;
  /** The folder the workbench opens (`vscode.workspace.workspaceFolders[0]`); an empty temporary one by default. */
  readonly folder?: string;
  /** Whole run, from starting code-server to the suite's end: `ASANA_VSCODE_TIMEOUT_MS` or 5 minutes. */
  readonly timeoutMs?: number;
  /** The module the extension host runs (`run()`, printing the markers below): the in-VS-Code suite by default; the benchmarks pass their own. */
  readonly extensionTestsPath?: string;
}

export interface SuiteCounts {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
}

export interface SuiteResult {
  /** 0 when every test passed. */
  readonly exitCode: number;
  /** Undefined when the suite never reported (it did not load, or timed out). */
  readonly counts?: SuiteCounts;
}

function requireBuilt(testsEntry: string): void {
  const missing = [testsEntry, extensionBundle].filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(`missing ${missing.map((f) => path.relative(repoRoot, f)).join(' and ')}: run \`npm run compile-tests && npm run build\` first`);
  }
}

/**
 * Harmless workbench logs that can land between the markers (offline gallery lookups, the
 * workbench's own startup lines): kept in the console log file, not relayed.
 */
const WORKBENCH_NOISE: readonly RegExp[] = [
  /^Failed: getaddrinfo ENOTFOUND /,
  /^Failed to load resource: /,
  /^\[(AccountPolicyGate|AgentHost:remote|Service Worker|reconnection-grace-time)\]/,
];

function defaultTimeout(): number {
  const fromEnv = Number(process.env['ASANA_VSCODE_TIMEOUT_MS']);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 5 * 60_000;
}

/**
 * Rebuilds a console line of the page. Logs of the extension host (and of the workbench) arrive as
 * `['%c INFO' | '%c  ERR' | …, '<css>', format, ...args]`; errors are turned into their stacks.
 */
async function consoleText(message: ConsoleMessage): Promise<string> {
  const values = await Promise.all(
    message.args().map((arg) => arg.evaluate((v: unknown) => (v instanceof Error ? (v.stack ?? String(v)) : v)).catch(() => '<unserialisable>')),
  );
  const first = values[0];
  if (typeof first === 'string' && first.startsWith('%c') && values.length >= 3) return util.format(...values.slice(2));
  return message.text();
}

export async function runSuite(options: SuiteOptions = {}): Promise<SuiteResult> {
  const testsEntry = options.extensionTestsPath ?? suiteEntry;
  requireBuilt(testsEntry);
  const installation = options.installation ?? (await ensureInstalled());
  const timeoutMs = options.timeoutMs ?? defaultTimeout();
  const started = Date.now();
  let server: CodeServer | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;
  let cleaning: Promise<void> | undefined;
  const companyRoot = makeCompanyRoot();
  const cleanup = (): Promise<void> =>
    (cleaning ??= (async () => {
      await closeBrowser?.().catch(() => undefined);
      await server?.stop();
      companyRoot.remove();
    })());
  const unregister = onInterrupt(cleanup);
  fs.mkdirSync(logsDir, { recursive: true });
  const consoleLog = path.join(logsDir, 'suite-browser-console.log');
  fs.writeFileSync(consoleLog, '');
  let counts: SuiteCounts | undefined;
  let relay = Promise.resolve();
  let screenshotPage: (() => Promise<void>) | undefined;

  const run = async (): Promise<number> => {
    server = await startCodeServer({
      installation,
      name: 'suite',
      testDriver: true,
      folder: options.folder,
      settings: options.settings,
      env: { ASANA_TEST_MODE: '1', ...companyRoot.env, ...options.env },
    });
    log(`code-server ${installation.codeServerVersion} at ${server.url} (log: ${path.relative(repoRoot, server.logFile)})`);
    const context = await launchChromium(installation.chromium, path.join(server.runDir, 'chromium'));
    closeBrowser = () => context.close();
    const page = context.pages()[0] ?? (await context.newPage());
    screenshotPage = async () => {
      fs.mkdirSync(screenshotsDir, { recursive: true });
      const file = path.join(screenshotsDir, 'suite-timeout.png');
      await page.screenshot({ path: file, timeout: 10_000 });
      warn(`screenshot of the workbench: ${path.relative(repoRoot, file)}`);
    };

    let reportExit: (code: number) => void = () => undefined;
    const exit = new Promise<number>((resolve) => (reportExit = resolve));
    // The workbench calls this when the suite's run() settles; logs are the workbench's log files.
    await page.exposeFunction('codeAutomationExit', (code: number, logs?: ReadonlyArray<{ relativePath: string; contents: string }>) => {
      const dir = path.join(logsDir, 'suite-workbench');
      fs.rmSync(dir, { recursive: true, force: true });
      for (const entry of logs ?? []) {
        const file = path.join(dir, entry.relativePath);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, entry.contents);
      }
      reportExit(code);
    });
    let relaying = false;
    page.on('console', (message) => {
      relay = relay.then(async () => {
        const text = await consoleText(message);
        fs.appendFileSync(consoleLog, `[${message.type()}] ${text}\n`);
        if (text === START_MARKER) relaying = true;
        else if (text.startsWith(RESULT_MARKER)) {
          relaying = false;
          counts = JSON.parse(text.slice(RESULT_MARKER.length)) as SuiteCounts;
        } else if (relaying && !WORKBENCH_NOISE.some((pattern) => pattern.test(text))) console.log(text);
      }).catch((error: unknown) => fs.appendFileSync(consoleLog, `[relay] ${String(error)}\n`));
    });
    page.on('pageerror', (error) => fs.appendFileSync(consoleLog, `[pageerror] ${error.stack ?? error.message}\n`));

    const payload: Array<[string, string]> = [
      ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
      ['extensionTestsPath', server.remoteUri(testsEntry)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(server.workbenchUrl(payload));
    log(`workbench opened after ${formatDuration(Date.now() - started)}; the suite runs in the extension host…`);
    const code = await exit;
    await relay;
    return code;
  };

  try {
    const exitCode = await withTimeout(run(), timeoutMs, `the in-VS-Code suite did not finish within ${formatDuration(timeoutMs)}`);
    if (exitCode !== 0 && counts === undefined) {
      warn(`the suite ended with code ${exitCode} before mocha reported: it did not load or run() threw (see ${path.relative(repoRoot, consoleLog)})`);
    }
    return { exitCode, counts };
  } catch (error) {
    if (error instanceof TimeoutError) {
      warn(`${error.message}: a test hangs, or the workbench never started the tests (for example an extension that fails to activate).`);
      warn(`browser console: ${path.relative(repoRoot, consoleLog)}; server log: ${server ? path.relative(repoRoot, server.logFile) : '-'}`);
      await screenshotPage?.().catch(() => undefined);
      return { exitCode: 1, counts };
    }
    throw error;
  } finally {
    await cleanup();
    unregister();
  }
}

if (require.main === module) {
  runSuite().then(
    ({ exitCode, counts }) => {
      if (counts) console.log(`vscode-suite: ${counts.passed} passed, ${counts.failed} failed, ${counts.pending} skipped`);
      return exitWhenDone(exitCode);
    },
    (error: unknown) => {
      warn(error instanceof Error ? (error.stack ?? error.message) : String(error));
      return exitWhenDone(1);
    },
  );
}
