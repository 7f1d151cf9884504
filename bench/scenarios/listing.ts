/**
 * 2. Listing a big workspace: 10,000 members with emails (memberships listing + users listing with
 * opt_fields=name,email), through the store's WorkspaceMembers, against the SDK doing the same concurrently.
 * Physical limit: each listing is a chain of dependent requests (a page's offset comes from the
 * previous page), so with the two chains running side by side the floor is pages × latency of the
 * longer one; the first page cannot come sooner than one round trip.
 */
import type { ScenarioContext } from '../lib/context';
import { DEFAULT_LATENCY_MS } from '../lib/context';
import type { Impl, ProbeResult } from '../lib/listingProbe';
import { runListingProbe } from '../lib/listingProbe';
import type { Row, ScenarioResult } from '../lib/report';
import { median, now } from '../lib/stats';

const PAGE_SIZE = 100;
const MB = 1024 * 1024;

interface Sample extends ProbeResult {
  readonly requests: number;
  readonly maxReadsInFlight: number;
}

export function listingScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  return listingAt(ctx, DEFAULT_LATENCY_MS, ctx.quick ? 1 : 5);
}

/** The same table with Asana's latency from far away: 300 ms a request, so 30 s a listing; fewer rounds. */
export function listingFarScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  return listingAt(ctx, FAR_LATENCY_MS, ctx.quick ? 1 : 2);
}

const FAR_LATENCY_MS = 300;

async function listingAt(ctx: ScenarioContext, latencyMs: number, rounds: number): Promise<ScenarioResult> {
  const started = now();
  const emu = ctx.emulator;
  const workspace = emu.seedInfo.workspaces.acme;
  await emu.reset();
  await emu.configure({ latencyMs, rateLimitPerMinute: null });
  const memberCount = await emu.memberCount(workspace);
  // One untimed listing first: the emulator builds its sorted user list and JIT-compiles its
  // handlers on first use, which would otherwise land on whichever side goes first.
  await runListingProbe({ impl: 'ours', baseUrl: emu.baseUrl, token: emu.tokens.admin, workspace });
  const samples: Record<Impl, Sample[]> = { ours: [], peer: [] };

  for (let round = 0; round < rounds; round++) {
    // Alternate who goes first, so neither always meets a colder (or warmer) emulator.
    const order: Impl[] = round % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
    for (const impl of order) {
      await emu.resetCounters();
      const result = await runListingProbe({ impl, baseUrl: emu.baseUrl, token: emu.tokens.admin, workspace });
      const counters = await emu.counters();
      samples[impl].push({ ...result, requests: counters.total, maxReadsInFlight: counters.maxInFlight.reads });
      ctx.log(
        `  listing round ${round + 1}/${rounds} ${impl}: first page ${result.firstPageMs.toFixed(0)} ms, all ${result.allMs.toFixed(0)} ms, ` +
          `${result.members} members, ${result.emails} with email, ${counters.total} requests${result.error ? `, error: ${result.error}` : ''}`,
      );
    }
  }
  await emu.reset();

  const pagesPerListing = Math.ceil(memberCount / PAGE_SIZE);
  const floorMs = pagesPerListing * latencyMs;
  const m = (impl: Impl, pick: (s: Sample) => number): number => median(samples[impl].map(pick));
  const scenario = `2 listing ${memberCount.toLocaleString('en')} @${latencyMs} ms`;
  const complete = (impl: Impl): string =>
    samples[impl].every((s) => s.members === memberCount && s.emails === memberCount && !s.error) ? 'complete' : 'INCOMPLETE';
  const rows: Row[] = [
    {
      scenario,
      metric: 'time to first page of members',
      unit: 'ms',
      ours: m('ours', (s) => s.firstPageMs),
      peer: m('peer', (s) => s.firstPageMs),
      limit: latencyMs,
      note: `median of ${rounds} round(s), each listing in a fresh Node process (cold JIT, first connection); limit = one round trip at ${latencyMs} ms injected latency`,
    },
    {
      scenario,
      metric: 'time to all members + emails',
      unit: 'ms',
      ours: m('ours', (s) => s.allMs),
      peer: m('peer', (s) => s.allMs),
      limit: floorMs,
      note: `limit = ${pagesPerListing} sequential pages × ${latencyMs} ms (the two listings run concurrently in both). Ours ${complete('ours')}, peer ${complete('peer')} (members and emails all loaded)`,
    },
    {
      scenario,
      metric: 'requests sent',
      unit: 'req',
      ours: m('ours', (s) => s.requests),
      peer: m('peer', (s) => s.requests),
      limit: 2 * pagesPerListing,
    },
    {
      scenario,
      metric: 'client CPU time (user+sys)',
      unit: 'ms',
      ours: m('ours', (s) => s.cpuMs),
      peer: m('peer', (s) => s.cpuMs),
      note: 'CPU of the client process only (the emulator runs in its own process): HTTP, JSON, validation, bookkeeping',
    },
    {
      scenario,
      metric: 'peak RSS growth',
      unit: 'MB',
      ours: m('ours', (s) => s.rssDeltaBytes / MB),
      peer: m('peer', (s) => s.rssDeltaBytes / MB),
    },
    {
      scenario,
      metric: 'peak heap growth',
      unit: 'MB',
      ours: m('ours', (s) => s.heapPeakDeltaBytes / MB),
      peer: m('peer', (s) => s.heapPeakDeltaBytes / MB),
      note: 'sampled every 5 ms against a baseline taken after a full GC',
    },
    {
      scenario,
      metric: 'heap retained by the loaded members',
      unit: 'MB',
      ours: m('ours', (s) => s.heapRetainedBytes / MB),
      peer: m('peer', (s) => s.heapRetainedBytes / MB),
      note: 'after a full GC, with the listing still referenced',
    },
    {
      scenario,
      metric: 'TCP connections opened',
      unit: 'count',
      ours: m('ours', (s) => s.connections),
      peer: m('peer', (s) => s.connections),
      limit: 2,
      note: 'loopback hides it; against app.asana.com every new connection is a TCP + TLS handshake (2–3 extra round trips). The SDK uses superagent without an agent: one connection per request',
    },
  ];
  return {
    id: latencyMs === DEFAULT_LATENCY_MS ? 'listing' : `listing-${latencyMs}`,
    title: `Listing a workspace of ${memberCount} members at ${latencyMs} ms a request`,
    rows,
    details: { rounds, latencyMs, memberCount, pagesPerListing, floorMs, samples },
    seconds: (now() - started) / 1000,
  };
}
