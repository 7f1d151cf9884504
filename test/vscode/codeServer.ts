// One isolated code-server: its own port, user data, extensions, XDG folders and TMPDIR, all in a
// per-run temporary folder; started in its own process group and stopped as a whole.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Installation } from './install';
import { registerLanguagePacks } from './languagePacks';
import { log, warn } from './log';
import { logsDir } from './paths';
import { freePort, runCommand, waitForHttp } from './proc';

/** User settings that keep a test instance quiet and offline-friendly. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': 'off',
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export interface CodeServerOptions {
  readonly installation: Installation;
  /** Names the temporary folder and the log file (`test-results/logs/<name>-code-server.log`). */
  readonly name: string;
  /** Adds `--vscode-option enable-smoke-test-driver`: needed for development payloads (the in-VS-Code suite). */
  readonly testDriver?: boolean;
  /** The folder the workbench opens; an empty folder of the run by default. */
  readonly folder?: string;
  /** Extra user settings, e.g. `{ 'asana.apiBaseUrl': emulator.baseUrl }`. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Extra environment for the server, which its extension host inherits. */
  readonly env?: Readonly<Record<string, string>>;
  /** `.vsix` files installed into the run's extensions folder before the server starts. */
  readonly vsixFiles?: readonly string[];
  /** Keep the temporary folder after `stop()` (also with env `ASANA_VSCODE_KEEP=1`). */
  readonly keep?: boolean;
  /** The display language (`--locale`), e.g. `qps-ploc`, the pseudo-locale. */
  readonly locale?: string;
}

export interface CodeServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** The run's temporary folder; a browser profile may live in it too. */
  readonly runDir: string;
  /** The folder the workbench opens. */
  readonly folder: string;
  readonly logFile: string;
  /** `vscode-remote://127.0.0.1:<port><absPath>`: how the workbench names a file of the server. */
  remoteUri(absPath: string): string;
  /** The workbench URL for `folder`, with an optional development/test payload. */
  workbenchUrl(payload?: ReadonlyArray<readonly [string, string]>): string;
  /** Stops the whole process group and removes the run's folder. */
  stop(): Promise<void>;
}

/** The server's environment: ours without VS Code's own variables (inside a VS Code terminal, `VSCODE_IPC_HOOK_CLI` turns code-server into a client of that VS Code). */
function serverEnv(runDir: string, extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VSCODE_') || key === 'NODE_OPTIONS' || key === 'ELECTRON_RUN_AS_NODE') continue;
    env[key] = value;
  }
  const xdg = (name: string): string => {
    const dir = path.join(runDir, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  return {
    ...env,
    XDG_DATA_HOME: xdg('xdg-data'),
    XDG_CONFIG_HOME: xdg('xdg-config'),
    XDG_CACHE_HOME: xdg('xdg-cache'),
    TMPDIR: xdg('tmp'),
    ...extra,
  };
}

function isGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/**
 * `-r legacyCodeServerArgs.js` for a code-server that predates `--vscode-option` (4.96.x): it turns the
 * harness's options into ones that code-server accepts. Nothing for the code-server the harness installs by default.
 */
function legacyPreload(installation: Installation): string[] {
  const cli = path.join(path.dirname(installation.codeServerEntry), 'cli.js');
  const knowsVscodeOption = fs.existsSync(cli) && fs.readFileSync(cli, 'utf8').includes('"vscode-option"');
  return knowsVscodeOption ? [] : ['-r', path.join(__dirname, 'legacyCodeServerArgs.js')];
}

/** Process groups still running, killed if this process exits without stopping them. */
const liveGroups = new Set<number>();
process.on('exit', () => {
  for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
});

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { installation } = options;
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), `asana-vscode-${options.name}-`));
  const keep = options.keep ?? process.env['ASANA_VSCODE_KEEP'] === '1';
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const folder = options.folder ?? path.join(runDir, 'workspace');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2) + '\n',
  );
  const env = serverEnv(runDir, options.env ?? {});
  fs.mkdirSync(logsDir, { recursive: true });
  const logFile = path.join(logsDir, `${options.name}-code-server.log`);
  fs.writeFileSync(logFile, '');
  const configFile = path.join(runDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const vsix of options.vsixFiles ?? []) {
    await runCommand(installation.nodeBin, [installation.codeServerEntry, ...common, '--install-extension', vsix], { env, logFile });
    log(`  installed ${path.basename(vsix)} into the run's extensions folder`);
  }
  const languages = registerLanguagePacks(userDataDir, extensionsDir);
  if (languages.length > 0) log(`  registered the language packs of ${languages.join(', ')}`);

  let child: ChildProcess | undefined;
  let port = 0;
  // A port found free can be taken before the server binds it: try another one then.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const args = [
      ...legacyPreload(installation),
      installation.codeServerEntry,
      ...common,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--reconnection-grace-time', '5',
      ...(options.testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      ...(options.locale ? ['--locale', options.locale] : []),
      folder,
    ];
    const out = fs.openSync(logFile, 'a');
    // detached: setsid, so the server and every child it starts share one process group.
    const started = spawn(installation.nodeBin, args, { cwd: runDir, env, detached: true, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    if (started.pid === undefined) throw new Error(`could not start ${installation.nodeBin}`);
    liveGroups.add(started.pid);
    let exited: string | undefined;
    started.on('exit', (code, signal) => {
      exited = `code-server exited early (${signal ?? `code ${code}`}); its log: ${logFile}`;
    });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, () => exited);
      child = started;
      break;
    } catch (error) {
      killGroup(started.pid, 'SIGKILL');
      liveGroups.delete(started.pid);
      const inUse = fs.readFileSync(logFile, 'utf8').includes('EADDRINUSE');
      if (!inUse || attempt >= 3) {
        if (!keep) fs.rmSync(runDir, { recursive: true, force: true });
        throw error;
      }
      warn(`port ${port} was taken, trying another one`);
    }
  }

  const pgid = child.pid as number;
  const url = `http://127.0.0.1:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    killGroup(pgid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (isGroupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isGroupAlive(pgid)) killGroup(pgid, 'SIGKILL');
    liveGroups.delete(pgid);
    if (!keep) fs.rmSync(runDir, { recursive: true, force: true });
    else log(`  kept ${runDir}`);
  };
  return {
    url,
    port,
    runDir,
    folder,
    logFile,
    remoteUri: (absPath) => `vscode-remote://127.0.0.1:${port}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`,
    workbenchUrl: (payload) => {
      const query = [`folder=${encodeURIComponent(folder)}`];
      if (payload) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
      return `${url}/?${query.join('&')}`;
    },
    stop: () => (stopping ??= stop()),
  };
}
