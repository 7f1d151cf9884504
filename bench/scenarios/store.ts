/**
 * 6. The store at scale: a window reload with a 10,000-member snapshot (warm start), and a
 * 100,000-member workspace at 300 ms a request (the real Asana from far away): time to first rows
 * and to all, event-loop delay while loading, rows a redraw sends, heap at the end, and typing in
 * Find Person once everyone is loaded. Peer: Asana's SDK, which keeps nothing between sessions and
 * has no local search (a request per query).
 * Physical limits: a reload can show what it kept without a request; a listing is a chain of
 * dependent pages, so pages × latency; a local answer needs no request.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ScenarioContext } from '../lib/context';
import { DEFAULT_LATENCY_MS } from '../lib/context';
import { startBenchEmulator } from '../lib/emulatorProcess';
import { runListingProbe } from '../lib/listingProbe';
import type { Row, ScenarioResult } from '../lib/report';
import { median, now, percentile } from '../lib/stats';
import { runStoreProbe } from '../lib/storeProbe';

const FAR_LATENCY_MS = 300;
const PAGE_SIZE = 100;
const QUERIES = ['ada lovelace', 'grace', 'zo', 'mar'];

export async function storeScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const started = now();
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};

  // Warm start: fill a snapshot with a cold run, then start again from it.
  const emu = ctx.emulator;
  await emu.reset();
  await emu.configure({ latencyMs: DEFAULT_LATENCY_MS, rateLimitPerMinute: null });
  const workspace = emu.seedInfo.workspaces.acme;
  const accountGid = emu.seedInfo.tokenUsers.admin;
  const snapshotRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-bench-snapshots-'));
  try {
    const base = { baseUrl: emu.baseUrl, token: emu.tokens.admin, accountGid, workspace, snapshotRoot };
    await runStoreProbe({ ...base, mode: 'cold' });
    await new Promise((r) => setTimeout(r, 500)); // the snapshot is written just after the listing ends
    const warm = [];
    for (let i = 0; i < (ctx.quick ? 1 : 5); i++) warm.push(await runStoreProbe({ ...base, mode: 'warm' }));
    const cold = await runListingProbe({ impl: 'peer', baseUrl: emu.baseUrl, token: emu.tokens.admin, workspace });
    const members = warm[0]!.members;
    ctx.log(`  warm start: ${warm.map((w) => w.allMs.toFixed(0)).join(', ')} ms for ${members} members; SDK cold listing ${cold.allMs.toFixed(0)} ms`);
    details['warm'] = warm;
    rows.push(
      {
        scenario: `6 reload with a ${members.toLocaleString('en')}-member snapshot`,
        metric: 'time to the full tree',
        unit: 'ms',
        ours: median(warm.map((w) => w.allMs)),
        peer: cold.allMs,
        limit: 0,
        note: 'ours: snapshot read, decoded and indexed in a fresh process (the extension host after a reload); peer: the SDK keeps nothing, so a full listing. Goal ≤ 150 ms.',
      },
      { scenario: '', metric: '… requests sent before it shows', unit: 'req', ours: Math.max(...warm.map((w) => w.requestsBeforeShown)), peer: Math.ceil(members / PAGE_SIZE) * 2, limit: 0 },
    );
  } finally {
    fs.rmSync(snapshotRoot, { recursive: true, force: true });
    await emu.reset();
  }

  // A big organization far away.
  const big = ctx.quick ? 10_000 : 100_000;
  const far = await startBenchEmulator({ sizes: { bigWorkspaceMembers: big }, latencyMs: FAR_LATENCY_MS });
  try {
    const farWorkspace = far.seedInfo.workspaces.acme;
    const total = await far.memberCount(farWorkspace);
    ctx.log(`  ${total.toLocaleString('en')} members at ${FAR_LATENCY_MS} ms a request: ours…`);
    const ours = await runStoreProbe({
      mode: 'cold',
      baseUrl: far.baseUrl,
      token: far.tokens.admin,
      accountGid: far.seedInfo.tokenUsers.admin,
      workspace: farWorkspace,
      queries: QUERIES,
    });
    ctx.log(`  ours: first rows ${ours.firstRowsMs.toFixed(0)} ms, all ${(ours.allMs / 1000).toFixed(1)} s, loop p99 ${ours.loopDelayP99Ms.toFixed(1)} ms, heap ${ours.heapEndMB.toFixed(0)} MB; peer…`);
    const peer = await runListingProbe({ impl: 'peer', baseUrl: far.baseUrl, token: far.tokens.admin, workspace: farWorkspace });
    ctx.log(`  peer: first page ${peer.firstPageMs.toFixed(0)} ms, all ${(peer.allMs / 1000).toFixed(1)} s`);
    details['far'] = { ours, peer, total, latencyMs: FAR_LATENCY_MS };
    const floor = Math.ceil(total / PAGE_SIZE) * FAR_LATENCY_MS;
    const scenario = `6 ${total.toLocaleString('en')} members at ${FAR_LATENCY_MS} ms`;
    rows.push(
      { scenario, metric: 'time to first rows', unit: 'ms', ours: ours.firstRowsMs, peer: peer.firstPageMs, limit: FAR_LATENCY_MS },
      { scenario: '', metric: '… time to all members + emails', unit: 's', ours: ours.allMs / 1000, peer: peer.allMs / 1000, limit: floor / 1000, note: 'Goal ≤ 1.05× the limit.' },
      {
        scenario: '',
        metric: '… event-loop delay p99 (max) while loading',
        unit: 'ms',
        ours: ours.loopDelayP99Ms,
        limit: undefined,
        note: `max ${ours.loopDelayMaxMs.toFixed(1)} ms; goal p99 ≤ 50 ms. Measured in a Node process running the store as the extension host would.`,
      },
      {
        scenario: '',
        metric: '… rows sent per redraw (one range open)',
        unit: 'count',
        ours: ours.rowsPerRedrawMax,
        peer: total,
        note: `the largest redraw over ${ours.redraws} redraws, counting the rows the tree returns (groups, ranges, a range of members); the previous tree sent every member at each redraw.`,
      },
      { scenario: '', metric: '… heap at the end (after GC)', unit: 'MB', ours: ours.heapEndMB, peer: peer.heapRetainedBytes / 1024 / 1024, note: 'Goal ≤ 300 MB.' },
    );
    const keys = ours.keyToResultsMs;
    rows.push(
      {
        scenario: `6 Find Person, ${total.toLocaleString('en')} members loaded`,
        metric: 'keystroke → results, median (p95)',
        unit: 'ms',
        ours: median(keys),
        limit: 0,
        note: `p95 ${percentile(keys, 95).toFixed(1)} ms over ${keys.length} keystrokes of ${QUERIES.map((q) => `"${q}"`).join(', ')}; the peer asks Asana for every query (one round trip, ${FAR_LATENCY_MS} ms here). Goal ≤ 30 ms.`,
      },
      { scenario: '', metric: '… requests for people in the workspace', unit: 'req', ours: ours.typeaheadRequests, peer: keys.length, limit: 0 },
    );
  } finally {
    await far.close();
  }
  return { id: 'store', title: 'The store at scale', rows, details, seconds: (now() - started) / 1000 };
}
