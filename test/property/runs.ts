/**
 * Runs fast-check properties and keeps the tally the suite prints at the end: properties,
 * runs each, and other counts (inputs tried, requests seen). `ASANA_PROPERTY_RUNS_SCALE=10` runs
 * every property ten times as often; `ASANA_PROPERTY_SEED` replays a failure (fast-check prints it).
 */
import fc from 'fast-check';

interface Tally {
  readonly name: string;
  readonly runs: number;
}

const tallies: Tally[] = [];
const counts = new Map<string, number>();
const started = performance.now();

const SCALE = Number(process.env['ASANA_PROPERTY_RUNS_SCALE'] ?? '1') || 1;
const SEED = process.env['ASANA_PROPERTY_SEED'] === undefined ? undefined : Number(process.env['ASANA_PROPERTY_SEED']);

function params<T>(numRuns: number): fc.Parameters<T> {
  return { numRuns: Math.max(1, Math.round(numRuns * SCALE)), ...(SEED === undefined ? {} : { seed: SEED }) };
}

export function check<Ts>(name: string, property: fc.IProperty<Ts>, numRuns: number): void {
  const p = params<Ts>(numRuns);
  fc.assert(property, p);
  tallies.push({ name, runs: p.numRuns! });
}

export async function checkAsync<Ts>(name: string, property: fc.IAsyncProperty<Ts>, numRuns: number): Promise<void> {
  const p = params<Ts>(numRuns);
  await fc.assert(property, p);
  tallies.push({ name, runs: p.numRuns! });
}

/** Adds to a named count printed at the end (e.g. "inputs tried"). */
export function count(what: string, n = 1): void {
  counts.set(what, (counts.get(what) ?? 0) + n);
}

// A root-level hook (this module is loaded by the test files, inside mocha): the summary after everything.
after(() => {
  if (tallies.length === 0) return;
  const runs = tallies.reduce((sum, t) => sum + t.runs, 0);
  const lines = ['', `Property tests: ${tallies.length} properties, ${runs} runs in all, ${((performance.now() - started) / 1000).toFixed(1)} s.`];
  for (const t of tallies) lines.push(`  ${String(t.runs).padStart(6)} × ${t.name}`);
  for (const [what, n] of counts) lines.push(`  ${what}: ${n}`);
  console.log(lines.join('\n'));
});
