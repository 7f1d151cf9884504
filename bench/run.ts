/**
 * `npm run bench`: every scenario, ours against its peer, in one process run against one emulator,
 * printing one table to stdout and writing it with the machine's description to
 * bench/results/latest.json (gitignored). Figures only: nothing passes or fails on time.
 *
 *   node out/bench/run.js [--quick] [--only=bundle,listing,listing-300,typeahead,storm,bulk,store]
 *
 * Builds nothing: `npm run compile-tests && node esbuild.mjs --production` first (the npm script does).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ScenarioContext } from './lib/context';
import { DEFAULT_LATENCY_MS } from './lib/context';
import { startBenchEmulator } from './lib/emulatorProcess';
import type { Row, ScenarioResult } from './lib/report';
import { ratio, renderTable } from './lib/report';
import { now } from './lib/stats';
import { bundleActivationScenario } from './scenarios/bundleActivation';
import { bulkScenario } from './scenarios/bulk';
import { listingFarScenario, listingScenario } from './scenarios/listing';
import { rateLimitStormScenario } from './scenarios/rateLimitStorm';
import { storeScenario } from './scenarios/store';
import { typeaheadScenario } from './scenarios/typeahead';

const SCENARIOS: ReadonlyArray<{ id: string; run: (ctx: ScenarioContext) => Promise<ScenarioResult> }> = [
  // Activation first: it needs the two cores for code-server and Chromium, before anything warms up.
  { id: 'bundle', run: bundleActivationScenario },
  { id: 'listing', run: listingScenario },
  { id: 'listing-300', run: listingFarScenario },
  { id: 'typeahead', run: typeaheadScenario },
  { id: 'storm', run: rateLimitStormScenario },
  { id: 'bulk', run: bulkScenario },
  { id: 'store', run: storeScenario },
];

/** The members seeded into Acme: the big workspace of scenario 2 (and of the storm). */
const BIG_WORKSPACE_MEMBERS = 10_000;

const repoRoot = path.resolve(__dirname, '..', '..');
const resultsDir = path.join(repoRoot, 'bench', 'results');

function parseArgs(argv: readonly string[]): { quick: boolean; only: Set<string> | undefined } {
  let quick = false;
  let only: Set<string> | undefined;
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg.startsWith('--only=')) only = new Set(arg.slice('--only='.length).split(',').map((s) => s.trim()).filter(Boolean));
    else throw new Error(`unknown argument ${arg}\nusage: node out/bench/run.js [--quick] [--only=${SCENARIOS.map((s) => s.id).join(',')}]`);
  }
  for (const id of only ?? []) {
    if (!SCENARIOS.some((s) => s.id === id)) throw new Error(`unknown scenario ${id}; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  }
  return { quick, only };
}

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    // Other work on the machine skews every figure; the load average says whether there was any.
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function main(): Promise<number> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const started = now();
  const host = machine();
  log(`${quick ? 'quick run' : 'full run'} on ${host['cpuModel']} (${host['cores']} cores), Node ${process.version}`);
  const [load1] = os.loadavg();
  if ((load1 ?? 0) > os.cpus().length / 2) log(`warning: load average ${load1?.toFixed(2)} before starting: something else is running, figures will be noisy`);
  const emulator = await startBenchEmulator({ sizes: { bigWorkspaceMembers: BIG_WORKSPACE_MEMBERS }, latencyMs: DEFAULT_LATENCY_MS });
  log(`emulator at ${emulator.baseUrl} (pid ${emulator.pid}, ${BIG_WORKSPACE_MEMBERS.toLocaleString('en')} members in Acme)`);
  const ctx: ScenarioContext = { quick, emulator, log };
  const results: ScenarioResult[] = [];
  const failures: Array<{ id: string; error: string }> = [];
  try {
    for (const scenario of SCENARIOS) {
      if (only && !only.has(scenario.id)) continue;
      log(`▶ ${scenario.id}`);
      const t = now();
      try {
        const result = await scenario.run(ctx);
        results.push(result);
        log(`✔ ${scenario.id} (${((now() - t) / 1000).toFixed(1)} s)`);
      } catch (e) {
        // One broken scenario must not hide the others' figures; it is reported and sets the exit code.
        const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
        failures.push({ id: scenario.id, error });
        log(`✘ ${scenario.id} could not run: ${error}`);
        await emulator.reset().catch(() => undefined);
      }
    }
  } finally {
    await emulator.close();
  }

  const rows: Row[] = results.flatMap((r) => r.rows);
  const totalSeconds = (now() - started) / 1000;
  const table = renderTable(rows);
  console.log(table);
  console.log(`\n${quick ? 'quick run, ' : ''}total ${totalSeconds.toFixed(0)} s on ${host['cpuModel']} (${host['cores']} cores, ${host['memoryGiB']} GiB), Node ${process.version}`);
  for (const f of failures) console.log(`scenario ${f.id} did not run: ${f.error.split('\n')[0]}`);

  fs.mkdirSync(resultsDir, { recursive: true });
  const date = new Date();
  const json = {
    date: date.toISOString(),
    quick,
    only: only ? [...only] : null,
    totalSeconds,
    machine: { ...host, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    rows: rows.map((r) => ({ ...r, oursOverPeer: ratio(r.ours, r.peer), oursOverLimit: ratio(r.ours, r.limit) })),
    scenarios: results.map((r) => ({ id: r.id, title: r.title, seconds: r.seconds, details: r.details })),
    failures,
    table,
  };
  // latest.json for tools and the README; a dated copy so earlier runs stay comparable.
  const file = path.join(resultsDir, 'latest.json');
  const text = JSON.stringify(json, null, 2) + '\n';
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(resultsDir, `bench-${date.toISOString().replace(/[:.]/g, '-')}.json`), text);
  log(`wrote ${path.relative(repoRoot, file)} (and a dated copy)`);
  return failures.length > 0 ? 1 : 0;
}

/** Ends the process once output is flushed, even if a stray keep-alive socket or timer would hold it open. */
function exit(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 2000).unref();
}

main().then(exit, (e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  exit(1);
});
