// The demo behind `npm start`: the Asana API emulator (seeded, 10,000 members in "Acme Corp", a
// little latency so streaming is visible) and a real VS Code (code-server) with the packaged
// extension installed and `asana.apiBaseUrl` pointed at the emulator, a demo folder opened.
// Prints the URL to open and the token to paste, then runs until Ctrl-C, which stops the emulator
// and code-server's whole process group.
//
//   node out/test/vscode/run.js demo [--port N] [--latency MS|MIN-MAX] [--members N]
//
// Unlike the test runs, the server listens on a port a person can remember (8080 when free) and
// its settings open the demo folder's README.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../emulator';
import type { Emulator, LatencySpec } from '../emulator';
import { QUIET_SETTINGS } from './codeServer';
import type { Installation } from './install';
import { ensureInstalled } from './install';
import { onInterrupt } from './lifecycle';
import { log, warn } from './log';
import { extensionBundle, logsDir, repoRoot } from './paths';
import { freePort, runCommand, waitForHttp } from './proc';
import { packageVsix } from './packageVsix';

export const DEFAULT_DEMO_PORT = 8080;
export const DEFAULT_DEMO_LATENCY_MS: LatencySpec = 20;

export interface DemoOptions {
  readonly installation?: Installation;
  /** code-server's port; must be free. Without it: 8080 when free, else any free port. */
  readonly port?: number;
  /** The emulator's latency per request (default 20 ms). */
  readonly latencyMs?: LatencySpec;
  /** Active members of "Acme Corp" (the emulator's default: 10,000). */
  readonly members?: number;
}

export interface Demo {
  /** The workbench URL, with the demo folder opened. */
  readonly url: string;
  /** The emulator's admin token: what to paste at "Sign In". */
  readonly token: string;
  readonly emulator: Emulator;
  readonly folder: string;
  readonly logFile: string;
  /** Settles when code-server exits on its own (a crash): the reason. */
  readonly exited: Promise<string>;
  /** Stops code-server's process group and the emulator and removes the run's folder. Idempotent. */
  stop(): Promise<void>;
}

const USAGE = 'usage: node out/test/vscode/run.js demo [--port N] [--latency MS|MIN-MAX] [--members N]';

/** Parses the demo's options (what follows `demo` on the command line). */
export function parseDemoArgs(argv: readonly string[]): DemoOptions {
  const options: { port?: number; latencyMs?: LatencySpec; members?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.includes('=') ? (arg.split(/=(.*)/s) as [string, string]) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
      return v;
    };
    switch (name) {
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be 1..65535\n${USAGE}`);
        options.port = port;
        break;
      }
      case '--latency': {
        const m = /^(\d+)(?:-(\d+))?$/.exec(value());
        if (!m) throw new Error(`--latency must be MS or MIN-MAX\n${USAGE}`);
        options.latencyMs = m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])];
        break;
      }
      case '--members': {
        const members = Number(value());
        if (!Number.isInteger(members) || members < 3) throw new Error(`--members must be an integer ≥ 3\n${USAGE}`);
        options.members = members;
        break;
      }
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return options;
}

/** Whether 127.0.0.1:`port` can be listened on right now. */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A problem the person starting the demo can fix (a busy port): reported without a stack. */
export class DemoUsageError extends Error {
  override readonly name = 'DemoUsageError';
}

async function choosePort(requested: number | undefined): Promise<number> {
  if (requested !== undefined) {
    if (!(await isPortFree(requested))) throw new DemoUsageError(`port ${requested} is in use: pick another one with --port N`);
    return requested;
  }
  if (await isPortFree(DEFAULT_DEMO_PORT)) return DEFAULT_DEMO_PORT;
  const port = await freePort();
  log(`port ${DEFAULT_DEMO_PORT} is in use, using ${port}`);
  return port;
}

function describeLatency(latency: LatencySpec): string {
  return typeof latency === 'number' ? `${latency} ms` : `${latency[0]}–${latency[1]} ms`;
}

/** What the demo's README says of the emulator it was started with. */
interface DemoFacts {
  readonly token: string;
  /** A second account's token (a consultant who shares Design Guild): for "Sign In with Another Account…". */
  readonly secondToken: string;
  /** Active members of Acme Corp, counted in the emulator. */
  readonly members: number;
  readonly latency: string;
  /** The emulator's origin (scheme, host, port): its control API lives under it. */
  readonly origin: string;
}

function writeDemoFolder(folder: string, { token, secondToken, members, latency, origin }: DemoFacts): void {
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'README.md'),
    `# Asana Workspaces — demo

This VS Code talks to a local **Asana API emulator** (not the real Asana): three workspaces, and
${members.toLocaleString('en-US')} people in *Acme Corp*, answering each request after ${latency}.

1. Click the **Asana** icon in the activity bar (left).
2. Click **Sign In with a Personal Access Token** and paste the demo token:

   \`${token}\`

3. Expand **Acme Corp** and watch its members stream in, a hundred at a time.
   Expand **Design Guild** for a small team with admins and a guest; hover a person for details.
4. Open \`notes.md\` and type \`@\` and the start of a name (try \`@ada\`), then press **Ctrl+Space**
   if the list of people has not opened: pick someone to mention them.

## Try a second account

Run **Asana: Sign In with Another Account…** (the view's \`…\` menu, or the command palette) and
paste the token of Maya Okafor, a consultant who administers a client's organization and also
belongs to Design Guild:

\`${secondToken}\`

The view then shows both accounts, each with its own workspaces; VS Code's Accounts menu lists both.

## Try roster changes

The emulator can change *Acme Corp*'s roster while you watch. Paste this into a terminal to have
four people join, four leave and four change role (different people each time you run it):

\`\`\`sh
curl -s -X POST ${origin}/__emulator/roster -H 'Content-Type: application/json' \\
  -d '{"workspace": "Acme Corp", "random": {"joins": 4, "removals": 4, "roleChanges": 4}}'
\`\`\`

It answers with exactly who joined, left and changed role. Then run **Asana: Refresh** (Command
Palette, Ctrl+Shift+P) or click the refresh button in the Asana view to see what changed: under
*Acme Corp* a row such as "12 changes since 09:14" opens the report (who joined, who left, whose
role changed) with **Mark as Seen**, and the people who left are under **Former members**, where
the inline + adds them back. Hover a member for their out-of-office entries. To
change particular people, send \`"join": [{"name": "…", "email": "…@acme.test"}]\`,
\`"remove": ["<email or gid>"]\` or \`"role": [{"user": "<email or gid>", "role": "admin"}]\` instead.

Stop the demo with Ctrl-C in the terminal that runs \`npm start\`.
`,
  );
  fs.writeFileSync(
    path.join(folder, 'notes.md'),
    `# Meeting notes

Type @ and a few letters of a name (then Ctrl+Space if no list opens) to mention someone from Acme Corp:

- `,
  );
}

/** The server's environment: ours without VS Code's own variables, XDG folders and TMPDIR inside the run's folder. */
function serverEnv(runDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VSCODE_') || key === 'NODE_OPTIONS' || key === 'ELECTRON_RUN_AS_NODE') continue;
    env[key] = value;
  }
  for (const [key, dir] of [['XDG_DATA_HOME', 'xdg-data'], ['XDG_CONFIG_HOME', 'xdg-config'], ['XDG_CACHE_HOME', 'xdg-cache'], ['TMPDIR', 'tmp']] as const) {
    env[key] = path.join(runDir, dir);
    fs.mkdirSync(env[key], { recursive: true });
  }
  return env;
}

function killGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // gone
  }
}

/** Starts the emulator and code-server; resolves once the workbench URL answers. */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  if (!fs.existsSync(extensionBundle)) throw new Error('missing dist/extension.js: run `npm run compile-tests && npm run build` first');
  const installation = options.installation ?? (await ensureInstalled());
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-vscode-demo-'));
  const keep = process.env['ASANA_VSCODE_KEEP'] === '1';
  let emulator: Emulator | undefined;
  let pgid: number | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (pgid !== undefined && killGroup(pgid, 'SIGTERM')) {
        const deadline = Date.now() + 5000;
        while (killGroup(pgid, 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        if (killGroup(pgid, 0)) killGroup(pgid, 'SIGKILL');
      }
      await emulator?.close();
      if (keep) log(`kept ${runDir}`);
      else fs.rmSync(runDir, { recursive: true, force: true });
      if (pgid !== undefined) log('demo stopped: code-server and the emulator are down');
    })());
  const unregister = onInterrupt(stop);
  // If this process exits without stop() (an uncaught error), code-server's group must not outlive it.
  const onExit = (): void => {
    if (pgid !== undefined) killGroup(pgid, 'SIGKILL');
  };
  process.on('exit', onExit);

  try {
    const port = await choosePort(options.port);
    emulator = await startEmulator({
      latencyMs: options.latencyMs ?? DEFAULT_DEMO_LATENCY_MS,
      ...(options.members !== undefined ? { sizes: { bigWorkspaceMembers: options.members } } : {}),
    });
    const token = emulator.tokens.admin;
    const members = emulator.state.membershipsOf(emulator.state.seedInfo.workspaces.acme, { activeOnly: true }).length;
    const latency = describeLatency(options.latencyMs ?? DEFAULT_DEMO_LATENCY_MS);
    log(`Asana emulator at ${emulator.baseUrl} (${members.toLocaleString('en-US')} members in Acme Corp, ${latency} per request)`);

    const folder = path.join(runDir, 'asana-demo');
    writeDemoFolder(folder, { token, secondToken: emulator.tokens.consultant, members, latency, origin: emulator.origin });
    const userDataDir = path.join(runDir, 'user-data');
    const extensionsDir = path.join(runDir, 'extensions');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    const settings = {
      ...QUIET_SETTINGS,
      'workbench.startupEditor': 'readme',
      'asana.apiBaseUrl': emulator.baseUrl,
      // @-completion and Find Person search this workspace when none is selected in the view.
      'asana.defaultWorkspace': emulator.state.seedInfo.workspaces.acme,
    };
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
    const configFile = path.join(runDir, 'config.yaml');
    fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
    const env = serverEnv(runDir);
    fs.mkdirSync(logsDir, { recursive: true });
    const logFile = path.join(logsDir, 'demo-code-server.log');
    fs.writeFileSync(logFile, '');
    const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

    const vsix = await packageVsix(runDir, 'demo-vsce.log');
    await runCommand(installation.nodeBin, [installation.codeServerEntry, ...common, '--install-extension', vsix], { env, logFile });
    log(`installed ${path.basename(vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(1)} KB)`);

    const out = fs.openSync(logFile, 'a');
    // detached: setsid, so the server and every child it starts (extension host, watchers) share one process group.
    const child = spawn(
      installation.nodeBin,
      [
        installation.codeServerEntry,
        ...common,
        '--bind-addr', `127.0.0.1:${port}`,
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        folder,
      ],
      { cwd: runDir, env, detached: true, stdio: ['ignore', out, out] },
    );
    fs.closeSync(out);
    if (child.pid === undefined) throw new Error(`could not start ${installation.nodeBin}`);
    pgid = child.pid;
    let exitReason: string | undefined;
    const exited = new Promise<string>((resolve) => {
      child.on('exit', (code, signal) => {
        exitReason = `code-server exited (${signal ?? `code ${code}`}); its log: ${path.relative(repoRoot, logFile)}`;
        if (!stopping) resolve(exitReason); // stopped by us: not news
      });
    });
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, () => exitReason);

    return {
      url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`,
      token,
      emulator,
      folder,
      logFile,
      exited,
      stop: async () => {
        await stop();
        unregister();
        process.off('exit', onExit);
      },
    };
  } catch (error) {
    await stop();
    unregister();
    process.off('exit', onExit);
    throw error;
  }
}

/** The banner a person reads: where to go, what to paste, how to stop. */
export function demoBanner(demo: Demo, startedMs: number): string {
  const line = '─'.repeat(78);
  return [
    '',
    line,
    `  Asana Workspaces demo is ready (${(startedMs / 1000).toFixed(1)} s)`,
    '',
    `  1. Open in your browser:   ${demo.url}`,
    '  2. Click the Asana icon in the activity bar, then "Sign In with a Personal Access Token".',
    `  3. Paste this token:       ${demo.token}`,
    `  A second account (Asana: Sign In with Another Account…): ${demo.emulator.tokens.consultant}`,
    '',
    `  Asana API emulator:        ${demo.emulator.baseUrl}  (control API: ${demo.emulator.origin}/__emulator/)`,
    `  code-server log:           ${path.relative(repoRoot, demo.logFile)}`,
    '',
    '  Press Ctrl-C to stop everything (code-server and the emulator).',
    line,
    '',
  ].join('\n');
}

/** Runs the demo until Ctrl-C (resolves 0 never: lifecycle.ts exits after stopping) or a crash of code-server (resolves 1). */
export async function runDemo(options: DemoOptions = {}): Promise<number> {
  const started = Date.now();
  let demo: Demo;
  try {
    demo = await startDemo(options);
  } catch (error) {
    if (!(error instanceof DemoUsageError)) throw error;
    warn(error.message);
    return 2;
  }
  console.log(demoBanner(demo, Date.now() - started));
  const reason = await demo.exited;
  warn(reason);
  await demo.stop();
  return 1;
}

if (require.main === module) {
  void (async () => {
    let options: DemoOptions;
    try {
      options = parseDemoArgs(process.argv.slice(2));
    } catch (error) {
      console.error((error as Error).message);
      process.exit(2);
    }
    process.exit(await runDemo(options));
  })().catch((error: unknown) => {
    warn(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
