/**
 * 4. Rate-limit storm. The emulator enforces 150 requests per minute per token (429 + Retry-After)
 * and the 50-reads-in-flight cap. Listing every member (with emails) of the three seeded
 * workspaces the way the tree does it when all three are expanded: the store loads each, all at
 * once. Acme keeps the 10,000 members of scenario 2 so the storm really happens: 205 requests
 * against a budget of 150 a minute (with Acme at 3,000, 65 requests fit in the first minute's
 * budget and no 429 ever comes back).
 * Limit: the window admits 150 requests in any 60 s and starts empty, so N requests need at least
 * floor((N−1)/150) minutes, plus the round trip of the last one. (N / 150 per minute, 82 s here,
 * is not a floor: the first 150 may all go at once.)
 * Peer: the SDK doing the same listings; v3 has no retry, so every 429 ends a listing.
 */
import { AsanaClient } from '../../src/asana/client';
import type { RateLimitWait } from '../../src/asana/requester';
import { silentLogger } from '../../src/asana/logger';
import { AccountStore } from '../../src/store/accountStore';
import type { ScenarioContext } from '../lib/context';
import { DEFAULT_LATENCY_MS } from '../lib/context';
import type { Row, ScenarioResult } from '../lib/report';
import { sdkClient, sdkErrorStatus, sdkListMembers, sdkListWorkspaces } from '../lib/sdkPeer';
import { now } from '../lib/stats';

const RATE_LIMIT_PER_MINUTE = 150;
const PAGE_SIZE = 100;

interface Outcome {
  readonly ms: number;
  /** Listings (memberships or emails, per workspace) that ended on an error. */
  readonly failedListings: number;
  readonly listings: number;
  /** Members loaded over members expected, over all workspaces. */
  readonly members: number;
  readonly emails: number;
  readonly errors: string[];
  readonly requests: number;
  readonly rejected429: number;
  readonly maxReadsInFlight: number;
}

async function oursStorm(baseUrl: string, token: string): Promise<Omit<Outcome, 'requests' | 'rejected429' | 'maxReadsInFlight'> & { waits: RateLimitWait[] }> {
  const client = new AsanaClient({ token, baseUrl });
  const waits: RateLimitWait[] = [];
  client.onRateLimitWait((w) => waits.push(w));
  const started = now();
  try {
    const account = new AccountStore({ client, accountGid: '0', snapshots: undefined, logger: silentLogger });
    await account.start();
    const listings = (account.workspaces ?? []).map((w) => account.membersOf(w.gid)!);
    await Promise.all(listings.map((l) => l.start()));
    const ms = now() - started;
    const errors = [account.workspacesError?.message, ...listings.flatMap((l) => [l.error?.message, l.emailError?.message])].filter(
      (e): e is string => e !== undefined,
    );
    let emails = 0;
    for (const l of listings) for (const m of l.index.all()) if (l.index.emailOf(m.user.gid)) emails++;
    account.dispose();
    return {
      ms,
      failedListings: errors.length,
      listings: listings.length * 2,
      members: listings.reduce((n, l) => n + l.index.size, 0),
      emails,
      errors,
      waits,
    };
  } finally {
    await client.dispose();
  }
}

async function peerStorm(baseUrl: string, token: string): Promise<Omit<Outcome, 'requests' | 'rejected429' | 'maxReadsInFlight'>> {
  const client = sdkClient(baseUrl, token);
  const started = now();
  const workspaces = await sdkListWorkspaces(client);
  const listings = await Promise.all(workspaces.map((w) => sdkListMembers(client, w.gid)));
  const ms = now() - started;
  const failures = listings.flatMap((l) => [l.membershipsError, l.emailsError]).filter((e) => e !== undefined);
  let emails = 0;
  for (const l of listings) for (const m of l.memberships.values()) if (l.emails.has(m.user.gid)) emails++;
  return {
    ms,
    failedListings: failures.length,
    listings: listings.length * 2,
    members: listings.reduce((n, l) => n + l.memberships.size, 0),
    emails,
    errors: failures.map((e) => `HTTP ${sdkErrorStatus(e) ?? '?'}: ${e instanceof Error ? e.message : String(e)}`),
  };
}

export async function rateLimitStormScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const started = now();
  const emu = ctx.emulator;
  const ws = emu.seedInfo.workspaces;
  const counts = await Promise.all([ws.acme, ws.guild, ws.personal].map((w) => emu.memberCount(w)));
  const expectedMembers = counts.reduce((a, b) => a + b, 0);
  // Pages each listing needs (memberships and users have the same count per workspace), plus /workspaces.
  const requestsNeeded = 1 + counts.reduce((n, c) => n + 2 * Math.max(1, Math.ceil(c / PAGE_SIZE)), 0);
  const floorMs = Math.floor((requestsNeeded - 1) / RATE_LIMIT_PER_MINUTE) * 60_000 + DEFAULT_LATENCY_MS;

  const run = async <T extends Omit<Outcome, 'requests' | 'rejected429' | 'maxReadsInFlight'>>(fn: () => Promise<T>): Promise<T & Outcome> => {
    // A fresh window per side: reset() empties the per-token rate windows (and restores settings).
    await emu.reset();
    await emu.configure({ latencyMs: DEFAULT_LATENCY_MS, rateLimitPerMinute: RATE_LIMIT_PER_MINUTE });
    const outcome = await fn();
    const c = await emu.counters();
    return { ...outcome, requests: c.total, rejected429: c.rejected429, maxReadsInFlight: c.maxInFlight.reads };
  };

  ctx.log(`  storm: ${requestsNeeded} requests needed at ${RATE_LIMIT_PER_MINUTE}/min; floor ${(floorMs / 1000).toFixed(1)} s`);
  const ours = await run(() => oursStorm(emu.baseUrl, emu.tokens.admin));
  ctx.log(
    `  storm ours: ${(ours.ms / 1000).toFixed(1)} s, ${ours.members}/${expectedMembers} members, ${ours.failedListings} failed listings, ` +
      `${ours.rejected429} 429s, ${ours.waits.length} waits, max ${ours.maxReadsInFlight} reads in flight`,
  );
  const peer = await run(() => peerStorm(emu.baseUrl, emu.tokens.admin));
  ctx.log(`  storm peer: ${(peer.ms / 1000).toFixed(1)} s, ${peer.members}/${expectedMembers} members, ${peer.failedListings} failed listings, ${peer.rejected429} 429s`);
  await emu.reset();

  const scenario = '4 rate-limit storm';
  const waitSeconds = ours.waits.map((w) => w.waitMs / 1000);
  const rows: Row[] = [
    {
      scenario,
      metric: 'time to list 3 workspaces',
      unit: 's',
      ours: ours.ms / 1000,
      peer: peer.failedListings > 0 ? `failed at ${(peer.ms / 1000).toFixed(2)} s` : peer.ms / 1000,
      limit: floorMs / 1000,
      note:
        `${expectedMembers.toLocaleString('en')} members (Acme ${counts[0]}, Guild ${counts[1]}, Personal ${counts[2]}) + emails = ${requestsNeeded} requests at ` +
        `${RATE_LIMIT_PER_MINUTE}/min (sliding 60 s window, 429s count against it), ${DEFAULT_LATENCY_MS} ms latency; one round each side. ` +
        `limit = floor((N−1)/150) min + one round trip; N/150 per min would say ${((requestsNeeded / RATE_LIMIT_PER_MINUTE) * 60).toFixed(0)} s`,
    },
    {
      scenario,
      metric: 'listings failed (of 6)',
      unit: 'count',
      ours: ours.failedListings,
      peer: peer.failedListings,
      limit: 0,
      note: peer.errors.length > 0 ? `peer: ${[...new Set(peer.errors)].slice(0, 2).join('; ')}` : undefined,
    },
    {
      scenario,
      metric: 'members loaded',
      unit: 'count',
      ours: ours.members,
      peer: peer.members,
      limit: expectedMembers,
    },
    {
      scenario,
      metric: 'requests sent (incl. rejected)',
      unit: 'req',
      ours: ours.requests,
      peer: peer.requests,
      limit: requestsNeeded,
    },
    {
      scenario,
      metric: '429s received',
      unit: 'count',
      ours: ours.rejected429,
      peer: peer.rejected429,
      note:
        `ours waited out ${ours.waits.length} Retry-After(s)` +
        (waitSeconds.length > 0 ? ` of ${Math.min(...waitSeconds).toFixed(0)}–${Math.max(...waitSeconds).toFixed(0)} s` : ''),
    },
    {
      scenario,
      metric: 'max reads in flight',
      unit: 'count',
      ours: ours.maxReadsInFlight,
      peer: peer.maxReadsInFlight,
      limit: 50,
    },
  ];
  return {
    id: 'storm',
    title: 'Rate-limit storm',
    rows,
    details: { rateLimitPerMinute: RATE_LIMIT_PER_MINUTE, latencyMs: DEFAULT_LATENCY_MS, counts, requestsNeeded, floorMs, ours, peer },
    seconds: (now() - started) / 1000,
  };
}
