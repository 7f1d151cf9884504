/**
 * 5. Mutations in bulk: add 200 people to Acme, then remove them, through runBulk with the client
 * (what "Add People…" and "Remove from Workspace…" run), 25 ms latency, the emulator enforcing
 * Asana's 15 writes in flight. Afterwards the emulator's state must show each added person with
 * exactly one active membership and each removed one with none active: no lost and no duplicated
 * write. Limit: 15 in flight per 25 ms round trip, i.e. 200 writes in 14 waves = 571 per second.
 * Peer: the SDK one call after another (the safe way without a cap), and once with Promise.all and
 * no cap, to show what the emulator's concurrency cap does to it.
 */
import { AsanaClient } from '../../src/asana/client';
import { runBulk } from '../../src/members/bulk';
import type { ScenarioContext } from '../lib/context';
import { DEFAULT_LATENCY_MS } from '../lib/context';
import type { BenchEmulator } from '../lib/emulatorProcess';
import { cpuTimer } from '../lib/memory';
import type { Row, ScenarioResult } from '../lib/report';
import { sdkAddUser, sdkClient, sdkErrorStatus, sdkRemoveUser } from '../lib/sdkPeer';
import { median, now } from '../lib/stats';

const PEOPLE = 200;
const WRITES_IN_FLIGHT = 15;
/** 200 writes, 15 at a time, 25 ms each: ceil(200/15) = 14 waves, 350 ms, 571 ops/s (600 ops/s for an endless stream). */
const LIMIT_OPS_PER_S = PEOPLE / ((Math.ceil(PEOPLE / WRITES_IN_FLIGHT) * DEFAULT_LATENCY_MS) / 1000);

type Mode = 'ours' | 'sequential' | 'unbounded';

interface Phase {
  readonly ms: number;
  /** CPU time of the benchmark process (the client side) during the phase. */
  readonly cpuMs: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly statuses: Record<string, number>;
  readonly maxWritesInFlight: number;
  readonly rejected429: number;
  readonly requests: number;
  /** People whose memberships are not what the phase should have left (after add: 1 active of 1; after remove: 0 active). */
  readonly wrongState: number;
}

interface Round {
  readonly mode: Mode;
  readonly add: Phase;
  readonly remove: Phase;
}

function emailsFor(tag: string): string[] {
  // New addresses in Acme's domain: each add creates a person, so nothing is a no-op.
  return Array.from({ length: PEOPLE }, (_, i) => `bench.${tag}.${String(i).padStart(3, '0')}@acme.test`);
}

async function stateErrors(emu: BenchEmulator, workspace: string, emails: readonly string[], added: readonly string[], phase: 'add' | 'remove'): Promise<number> {
  const checks = await emu.membershipCheck(workspace, emails);
  const ok = new Set(added);
  let wrong = 0;
  for (const c of checks) {
    // Only operations reported as done are held to it; a reported failure is not a lost write.
    if (!ok.has(c.email)) continue;
    if (phase === 'add' ? !(c.exists && c.active === 1 && c.total === 1) : c.active !== 0) wrong++;
  }
  return wrong;
}

async function measure(
  emu: BenchEmulator,
  workspace: string,
  emails: readonly string[],
  phase: 'add' | 'remove',
  run: (emails: readonly string[]) => Promise<Array<{ email: string; ok: boolean; status?: string }>>,
): Promise<Phase & { done: string[] }> {
  await emu.resetCounters();
  const cpu = cpuTimer();
  const started = now();
  const outcomes = await run(emails);
  const ms = now() - started;
  const cpuMs = cpu();
  const c = await emu.counters();
  const done = outcomes.filter((o) => o.ok).map((o) => o.email);
  const statuses: Record<string, number> = {};
  for (const o of outcomes) if (!o.ok) statuses[o.status ?? '?'] = (statuses[o.status ?? '?'] ?? 0) + 1;
  return {
    ms,
    cpuMs,
    succeeded: done.length,
    failed: outcomes.length - done.length,
    statuses,
    maxWritesInFlight: c.maxInFlight.writes,
    rejected429: c.rejected429,
    requests: c.total,
    wrongState: await stateErrors(emu, workspace, emails, done, phase),
    done,
  };
}

/** The JSON keeps counts, not 200 addresses per phase. */
function withoutList(phase: Phase & { done: string[] }): Phase {
  const { done: _done, ...rest } = phase;
  return rest;
}

async function oursRound(emu: BenchEmulator, workspace: string, emails: readonly string[]): Promise<Round> {
  const client = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl });
  try {
    const viaBulk = (op: (email: string, signal: AbortSignal | undefined) => Promise<unknown>) => async (list: readonly string[]) =>
      (await runBulk(list, op)).map((o) => ({ email: o.input, ok: o.ok, ...(o.ok ? {} : { status: `${o.error.kind}${o.error.status ? ` ${o.error.status}` : ''}` }) }));
    const add = await measure(emu, workspace, emails, 'add', viaBulk((e, signal) => client.addUser(workspace, e, { signal })));
    const remove = await measure(emu, workspace, add.done, 'remove', viaBulk((e, signal) => client.removeUser(workspace, e, { signal })));
    return { mode: 'ours', add: withoutList(add), remove: withoutList(remove) };
  } finally {
    await client.dispose();
  }
}

async function sdkRound(emu: BenchEmulator, workspace: string, emails: readonly string[], mode: 'sequential' | 'unbounded'): Promise<Round> {
  const client = sdkClient(emu.baseUrl, emu.tokens.admin);
  const one = async (call: () => Promise<unknown>, email: string): Promise<{ email: string; ok: boolean; status?: string }> => {
    try {
      await call();
      return { email, ok: true };
    } catch (e) {
      return { email, ok: false, status: String(sdkErrorStatus(e) ?? 'network') };
    }
  };
  const runAll = (op: (email: string) => Promise<unknown>) => async (list: readonly string[]) => {
    if (mode === 'unbounded') return Promise.all(list.map((e) => one(() => op(e), e)));
    const out = [];
    for (const e of list) out.push(await one(() => op(e), e));
    return out;
  };
  const add = await measure(emu, workspace, emails, 'add', runAll((e) => sdkAddUser(client, workspace, e)));
  const remove = await measure(emu, workspace, add.done, 'remove', runAll((e) => sdkRemoveUser(client, workspace, e)));
  return { mode, add: withoutList(add), remove: withoutList(remove) };
}

export async function bulkScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const started = now();
  const emu = ctx.emulator;
  const workspace = emu.seedInfo.workspaces.acme;
  const rounds = ctx.quick ? 1 : 3;
  const results: Round[] = [];
  const fresh = async (): Promise<void> => {
    await emu.reset();
    await emu.configure({ latencyMs: DEFAULT_LATENCY_MS, rateLimitPerMinute: null });
  };
  try {
    for (let round = 0; round < rounds; round++) {
      const order: Array<'ours' | 'sequential'> = round % 2 === 0 ? ['ours', 'sequential'] : ['sequential', 'ours'];
      for (const mode of order) {
        await fresh();
        const emails = emailsFor(`r${round}${mode}`);
        const r = mode === 'ours' ? await oursRound(emu, workspace, emails) : await sdkRound(emu, workspace, emails, 'sequential');
        results.push(r);
        ctx.log(
          `  bulk round ${round + 1}/${rounds} ${mode}: add ${r.add.ms.toFixed(0)} ms (${r.add.failed} failed), remove ${r.remove.ms.toFixed(0)} ms (${r.remove.failed} failed), ` +
            `max ${Math.max(r.add.maxWritesInFlight, r.remove.maxWritesInFlight)} writes in flight, wrong state ${r.add.wrongState + r.remove.wrongState}`,
        );
      }
    }
    await fresh();
    const unbounded = await sdkRound(emu, workspace, emailsFor('unbounded'), 'unbounded');
    results.push(unbounded);
    ctx.log(`  bulk SDK Promise.all: add ${unbounded.add.failed}/${PEOPLE} failed ${JSON.stringify(unbounded.add.statuses)}, remove ${unbounded.remove.failed}/${unbounded.add.succeeded} failed`);
  } finally {
    await emu.reset();
  }

  const of = (mode: Mode): Round[] => results.filter((r) => r.mode === mode);
  const opsPerS = (p: Phase, n: number): number => n / (p.ms / 1000);
  const ours = of('ours');
  const seq = of('sequential');
  const unb = of('unbounded')[0] as Round;
  const scenario = `5 bulk ${PEOPLE} add + ${PEOPLE} remove`;
  const totalFailed = (rs: Round[]): number => rs.reduce((n, r) => n + r.add.failed + r.remove.failed, 0);
  const wrong = (rs: Round[]): number => rs.reduce((n, r) => n + r.add.wrongState + r.remove.wrongState, 0);
  const unbFailures = unb.add.failed + unb.remove.failed;
  const rows: Row[] = [
    {
      scenario,
      metric: 'add throughput',
      unit: 'ops/s',
      ours: median(ours.map((r) => opsPerS(r.add, PEOPLE))),
      peer: median(seq.map((r) => opsPerS(r.add, PEOPLE))),
      limit: LIMIT_OPS_PER_S,
      note: `median of ${rounds} round(s); peer = SDK one call after another; limit = ${PEOPLE} writes in waves of ${WRITES_IN_FLIGHT} (the cap) × ${DEFAULT_LATENCY_MS} ms latency = ${Math.ceil(PEOPLE / WRITES_IN_FLIGHT)} waves`,
    },
    {
      scenario,
      metric: 'remove throughput',
      unit: 'ops/s',
      ours: median(ours.map((r) => opsPerS(r.remove, r.add.succeeded))),
      peer: median(seq.map((r) => opsPerS(r.remove, r.add.succeeded))),
      limit: LIMIT_OPS_PER_S,
    },
    {
      scenario,
      metric: 'operations failed (all rounds)',
      unit: 'count',
      ours: totalFailed(ours),
      peer: totalFailed(seq),
      limit: 0,
    },
    {
      scenario,
      metric: 'lost or duplicated writes',
      unit: 'count',
      ours: wrong(ours),
      peer: wrong(seq),
      limit: 0,
      note: 'checked in the emulator after each phase: every reported add has exactly one membership, active; every reported remove left none active',
    },
    {
      scenario,
      metric: 'max writes in flight',
      unit: 'count',
      ours: Math.max(...ours.map((r) => Math.max(r.add.maxWritesInFlight, r.remove.maxWritesInFlight))),
      peer: Math.max(...seq.map((r) => Math.max(r.add.maxWritesInFlight, r.remove.maxWritesInFlight))),
      limit: WRITES_IN_FLIGHT,
    },
    {
      scenario,
      metric: 'SDK with Promise.all, no cap: failed ops',
      unit: 'count',
      ours: totalFailed(ours),
      peer: unbFailures,
      limit: 0,
      note:
        `peer column: one round of the SDK firing all ${PEOPLE} adds at once, then removing those that succeeded: ` +
        `adds failed ${unb.add.failed}/${PEOPLE} (${Object.entries(unb.add.statuses).map(([s, n]) => `${n}× ${s}`).join(', ') || 'none'}), ` +
        `removes failed ${unb.remove.failed}/${unb.add.succeeded}; the emulator answered ${unb.add.rejected429 + unb.remove.rejected429} 429s; ` +
        `${(unb.add.ms).toFixed(0)} ms for the adds`,
    },
  ];
  return {
    id: 'bulk',
    title: 'Mutations in bulk',
    rows,
    details: { people: PEOPLE, rounds, latencyMs: DEFAULT_LATENCY_MS, writesInFlight: WRITES_IN_FLIGHT, results },
    seconds: (now() - started) / 1000,
  };
}
