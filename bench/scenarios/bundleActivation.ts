/**
 * 1. Bundle and activation. Sizes of dist/extension.js (production build) and of the packaged
 * .vsix; the API client alone against the SDK (bundled the same way) and how long each takes to
 * load in a fresh Node; then activation inside the real extension host (code-server through
 * test/vscode/runSuite.ts), one fresh code-server (fresh user-data-dir, so no stored token) per
 * round, with `asana.apiBaseUrl` at the emulator to check that activating sends nothing.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as esbuild from 'esbuild';
import { ensureInstalled } from '../../test/vscode/install';
import { runCommand } from '../../test/vscode/proc';
import { runSuite } from '../../test/vscode/runSuite';
import type { ActivationReport } from '../vscode/activationEntry';
import type { ScenarioContext } from '../lib/context';
import type { Row, ScenarioResult } from '../lib/report';
import { median, now } from '../lib/stats';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const bundlePath = path.join(repoRoot, 'dist', 'extension.js');
/** The second bundle (esbuild.mjs): undici, required at the extension's first request, not at activation. */
const deferredPath = path.join(repoRoot, 'dist', 'undici.js');
const activationEntry = path.join(repoRoot, 'out', 'bench', 'vscode', 'activationEntry.js');
const KB = 1024;

/** The options of esbuild.mjs --production, so the analysis builds match the shipped bundle. */
const PRODUCTION: esbuild.BuildOptions = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: true,
  legalComments: 'none',
  logLevel: 'silent',
  write: false,
  metafile: true,
};

/** As esbuild.mjs's plugin: undiciParts.ts's `require('./undiciBundle')` stays a require of dist/undici.js. */
const deferUndici: esbuild.Plugin = {
  name: 'defer-undici',
  setup(build) {
    build.onResolve({ filter: /^\.\/undiciBundle$/ }, (args) => (args.kind === 'require-call' ? { path: './undici.js', external: true } : undefined));
  },
};

async function buildToFile(options: esbuild.BuildOptions, outfile: string): Promise<esbuild.Metafile> {
  const result = await esbuild.build({ ...PRODUCTION, ...options, outfile });
  const file = result.outputFiles?.[0];
  if (!file) throw new Error(`esbuild produced nothing for ${outfile}`);
  fs.writeFileSync(outfile, file.contents);
  return result.metafile as esbuild.Metafile;
}

/** Bytes each package (or src/ folder) contributes to an output. */
function composition(meta: esbuild.Metafile): Map<string, number> {
  const by = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [file, info] of Object.entries(output.inputs)) {
      const parts = file.split('/');
      const key = parts[0] === 'node_modules' ? parts.slice(0, parts[1]?.startsWith('@') ? 3 : 2).join('/') : parts.slice(0, 2).join('/');
      by.set(key, (by.get(key) ?? 0) + info.bytesInOutput);
    }
  }
  return by;
}

/** Milliseconds to require `file` in a fresh Node process, measured inside it (process start excluded). */
function loadTime(file: string): number {
  const script = `const t=performance.now();require(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t))`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

/**
 * Packages dist/ as built, like the UI suite does (test/vscode/runUi.ts, not exported): on a
 * staging copy whose package.json has no `vscode:prepublish`, so vsce does not rebuild the
 * working tree's dist/.
 */
async function packageVsix(dir: string): Promise<string> {
  const staging = path.join(dir, 'staging');
  fs.mkdirSync(staging, { recursive: true });
  for (const name of ['package.json', '.vscodeignore', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
    if (fs.existsSync(path.join(repoRoot, name))) fs.copyFileSync(path.join(repoRoot, name), path.join(staging, name));
  }
  for (const sub of ['dist', 'media']) fs.cpSync(path.join(repoRoot, sub), path.join(staging, sub), { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(staging, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  delete manifest.scripts?.['vscode:prepublish'];
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const vsix = path.join(dir, 'asana-workspaces.vsix');
  await runCommand(process.execPath, [path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--skip-license', '--out', vsix], {
    cwd: staging,
    logFile: path.join(dir, 'vsce.log'),
  });
  return vsix;
}

/** The harness logs progress with console.log; stdout is for the table, so it goes to stderr meanwhile. */
async function withConsoleOnStderr<T>(fn: () => Promise<T>): Promise<T> {
  const original = console.log;
  console.log = (...args: unknown[]) => console.error(...args);
  try {
    return await fn();
  } finally {
    console.log = original;
  }
}

interface ActivationRound {
  readonly report?: ActivationReport;
  readonly apiRequests: number;
  readonly windowSeconds: number;
  readonly error?: string;
}

/**
 * Opens fresh windows until `wanted` of them could be timed. A window where VS Code activated the
 * extension on its own before the entry ran (see vscode/activationEntry.ts) still counts for the
 * network check, not for the timing; at most `maxWindows` are opened.
 */
async function activationWindows(ctx: ScenarioContext, wanted: number, maxWindows: number, scratch: string): Promise<ActivationRound[]> {
  const emu = ctx.emulator;
  const installation = await withConsoleOnStderr(() => ensureInstalled());
  const out: ActivationRound[] = [];
  const timed = (): number => out.filter((r) => r.report && !r.report.wasActive && !r.error).length;
  for (let round = 0; round < maxWindows && timed() < wanted; round++) {
    const file = path.join(scratch, `activation-${round}.json`);
    await emu.reset();
    const started = now();
    let error: string | undefined;
    try {
      const result = await withConsoleOnStderr(() =>
        runSuite({
          installation,
          extensionTestsPath: activationEntry,
          // No token is stored in a fresh user-data-dir: the extension starts signed out.
          settings: { 'asana.apiBaseUrl': emu.baseUrl },
          env: { ASANA_BENCH_OUT: file },
          timeoutMs: 180_000,
        }),
      );
      if (result.exitCode !== 0) error = `the activation run ended with code ${result.exitCode}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    // Everything the emulator saw from the window's start to its end, activation included.
    const apiRequests = (await emu.counters()).total;
    const report = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ActivationReport) : undefined;
    const failure = error ?? report?.error;
    const r: ActivationRound = { apiRequests, windowSeconds: (now() - started) / 1000, ...(report ? { report } : {}), ...(failure ? { error: failure } : {}) };
    out.push(r);
    ctx.log(
      `  activation window ${round + 1}: ${report ? (report.wasActive ? 'already activated by VS Code (not timed)' : `${report.activateMs.toFixed(1)} ms`) : 'no report'}, ` +
        `${apiRequests} API requests, ${report ? report.socketsDuring.length + report.socketsAfter.length : '?'} sockets (${r.windowSeconds.toFixed(1)} s)${r.error ? `, error: ${r.error.split('\n')[0]}` : ''}`,
    );
  }
  return out;
}

export async function bundleActivationScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const started = now();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-bench-'));
  try {
    if (!fs.existsSync(bundlePath)) throw new Error('dist/extension.js is missing: run `node esbuild.mjs --production` first');
    const bundle = fs.readFileSync(bundlePath);
    const production = !bundle.includes('//# sourceMappingURL=');
    const gzip = zlib.gzipSync(bundle, { level: 9 }).length;

    // What the shipped bundle is made of (the same build, analysed rather than written).
    const extMeta = await buildToFile({ entryPoints: [path.join(repoRoot, 'src', 'extension.ts')], absWorkingDir: repoRoot, plugins: [deferUndici] }, path.join(scratch, 'extension.js'));
    const deferredBytes = fs.existsSync(deferredPath) ? fs.statSync(deferredPath).size : 0;
    const parts = composition(extMeta);
    const analysed = fs.statSync(path.join(scratch, 'extension.js')).size;
    const undici = parts.get('node_modules/undici') ?? 0;
    const srcBytes = [...parts].filter(([k]) => k.startsWith('src/')).reduce((n, [, v]) => n + v, 0);

    // The API client alone against the SDK, bundled alike: what each would put into an extension.
    const oursClient = path.join(scratch, 'client-ours.js');
    const peerClient = path.join(scratch, 'client-sdk.js');
    await buildToFile({ entryPoints: [path.join(repoRoot, 'src', 'asana', 'index.ts')], absWorkingDir: repoRoot }, oursClient);
    await buildToFile({ stdin: { contents: "module.exports = require('asana');", resolveDir: repoRoot, loader: 'js' }, absWorkingDir: repoRoot }, peerClient);
    // The two undici modules the client imports, alone: how much of the client's load is theirs.
    const undiciOnly = path.join(scratch, 'undici-parts.js');
    await buildToFile({ entryPoints: [path.join(repoRoot, 'src', 'asana', 'undiciParts.ts')], absWorkingDir: repoRoot }, undiciOnly);
    const loads = ctx.quick ? 3 : 7;
    const loadMs: { ours: number[]; peer: number[]; undici: number[] } = { ours: [], peer: [], undici: [] };
    for (let i = 0; i < loads; i++) {
      loadMs.ours.push(loadTime(oursClient));
      loadMs.peer.push(loadTime(peerClient));
      loadMs.undici.push(loadTime(undiciOnly));
    }

    const vsix = await packageVsix(scratch);
    const vsixBytes = fs.statSync(vsix).size;
    ctx.log(`  dist/extension.js ${(bundle.length / KB).toFixed(1)} KB (${production ? 'production' : 'NOT a production build'}), undici ${(undici / KB).toFixed(1)} KB, .vsix ${(vsixBytes / KB).toFixed(1)} KB`);

    let activation: ActivationRound[] = [];
    let activationError: string | undefined;
    try {
      activation = await activationWindows(ctx, ctx.quick ? 1 : 3, ctx.quick ? 3 : 7, scratch);
    } catch (e) {
      // No code-server here (install failed, no Chromium): the sizes still stand.
      activationError = e instanceof Error ? e.message : String(e);
      ctx.log(`  activation not measured: ${activationError}`);
    }
    const valid = activation.filter((a) => a.report && !a.report.wasActive && Number.isFinite(a.report.activateMs));
    const activateMs = valid.map((a) => (a.report as ActivationReport).activateMs);
    const readyMs = valid.map((a) => (a.report as ActivationReport).readyMs).filter(Number.isFinite);
    const splits = valid.flatMap((a) => (a.report?.split ? [a.report.split] : []));
    const splitNote =
      splits.length > 0
        ? `Of it (medians): VS Code before our bundle runs ${median(splits.map((x) => x.hostMs)).toFixed(1)} ms; evaluating dist/extension.js ${median(splits.map((x) => x.bundleMs)).toFixed(1)} ms ` +
          `(compiling it and require('vscode') included); VS Code until it calls activate() ${median(splits.map((x) => x.contextMs)).toFixed(1)} ms; activate()'s body ${median(splits.map((x) => x.bodyMs)).toFixed(1)} ms. ` +
          `VS Code loads the module while it reads the extension's stored state for its ExtensionContext and calls activate() when both are done, ` +
          `so the bundle's share overlaps VS Code's and only activate()'s body adds to the total. `
        : '';
    const preActivated = activation.filter((a) => a.report?.wasActive).length;
    const sockets = activation.flatMap((a) => [...(a.report?.socketsDuring ?? []), ...(a.report?.socketsAfter ?? [])]);
    const requests = activation.reduce((n, a) => n + a.apiRequests, 0);
    const sample = valid[0]?.report;

    const scenario = '1 bundle & activation';
    const rows: Row[] = [
      {
        scenario,
        metric: 'dist/extension.js',
        unit: 'KB',
        ours: bundle.length / KB,
        note:
          `${production ? 'production build (minified, no source map)' : 'NOT a production build: run `node esbuild.mjs --production` first'}; ` +
          `what activation loads; dist/undici.js (${(deferredBytes / KB).toFixed(1)} KB) waits for the first request. ` +
          `Of the ${(analysed / KB).toFixed(1)} KB production bundle, ${(undici / KB).toFixed(1)} KB (${((undici / analysed) * 100).toFixed(0)} %) is undici, ` +
          `${((parts.get('node_modules/zod') ?? 0) / KB).toFixed(1)} KB zod, ${(srcBytes / KB).toFixed(1)} KB our src/ (esbuild metafile)`,
      },
      { scenario, metric: 'dist/extension.js gzipped', unit: 'KB', ours: gzip / KB },
      { scenario, metric: '.vsix (vsce package)', unit: 'KB', ours: vsixBytes / KB },
      {
        scenario,
        metric: 'API client bundle (minified)',
        unit: 'KB',
        ours: fs.statSync(oursClient).size / KB,
        peer: fs.statSync(peerClient).size / KB,
        note: "src/asana/index.ts vs `require('asana')` (v3 + superagent), each bundled with the options of esbuild.mjs --production",
      },
      {
        scenario,
        metric: 'API client load (fresh Node)',
        unit: 'ms',
        ours: median(loadMs.ours),
        peer: median(loadMs.peer),
        note: `require() of the bundle above in a fresh Node ${process.version}, median of ${loads}; the two undici modules alone: ${median(loadMs.undici).toFixed(1)} ms (${(fs.statSync(undiciOnly).size / KB).toFixed(0)} KB)`,
      },
      {
        scenario,
        metric: 'activation in the extension host',
        unit: 'ms',
        ours: activateMs.length > 0 ? median(activateMs) : 'n/a',
        note:
          activationError !== undefined
            ? `not measured: ${activationError.split('\n')[0]}`
            : `await extension.activate() (loads dist/extension.js and runs activate()) in code-server ${sample?.vscodeVersion ?? '?'} / Node ${sample?.node ?? '?'}, ` +
              `median of ${activateMs.length} fresh window(s): ${activateMs.map((v) => v.toFixed(0)).join(', ')} ms; no token stored, so it starts signed out (view state ${sample?.viewState ?? '?'}). ` +
              splitNote +
              `The stored sign-in read and the view's state set (api.ready, not awaited by activate()): ${readyMs.length > 0 ? `${median(readyMs).toFixed(0)} ms median` : 'n/a'}. ` +
              `In ${preActivated} of ${activation.length} window(s) VS Code had already activated it on its own (onLanguage:plaintext fires in an empty window at start-up), so those were not timed`,
      },
      {
        scenario,
        metric: 'API requests while activating',
        unit: 'req',
        ours: activation.length > 0 ? requests : 'n/a',
        limit: 0,
        note: `the emulator behind asana.apiBaseUrl counted every request from code-server's start to the window's end (${activation.length} window(s)); sockets the extension host opened during activate() and the second after: ${sockets.length}${sockets.length ? ` (${[...new Set(sockets)].slice(0, 3).join(', ')})` : ''}`,
      },
    ];
    return {
      id: 'bundle',
      title: 'Bundle and activation',
      rows,
      details: {
        bundleBytes: bundle.length,
        analysedBundleBytes: analysed,
        production,
        gzipBytes: gzip,
        composition: Object.fromEntries([...parts].sort((a, b) => b[1] - a[1])),
        vsixBytes,
        clientBundleBytes: { ours: fs.statSync(oursClient).size, peer: fs.statSync(peerClient).size },
        clientLoadMs: loadMs,
        activation,
        activationError,
      },
      seconds: (now() - started) / 1000,
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
