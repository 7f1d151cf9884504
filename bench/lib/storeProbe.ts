/**
 * The store at scale, in a fresh Node process standing in for the extension host: a cold listing
 * of a big workspace (time to first rows and to all, event-loop delay, heap, the rows a redraw
 * would send with one range open), typing in Find Person once it is loaded, and a warm start from
 * a snapshot (time to a full tree, requests sent before it shows).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { AsanaClient } from '../../src/asana/client';
import { silentLogger } from '../../src/asana/logger';
import { localPeople } from '../../src/search/localPeople';
import { PeopleSearch } from '../../src/search/peopleSearch';
import { TypeaheadController } from '../../src/search/typeaheadController';
import { AccountStore } from '../../src/store/accountStore';
import { MEMBER_GROUPS } from '../../src/store/memberRoles';
import { SnapshotFiles } from '../../src/store/snapshotFiles';
import { GroupRowsCache, RANGE_SIZE } from '../../src/tree/groupRows';
import { NO_FILTER } from '../../src/members/memberFilter';
import { runInFreshProcess, serveProbe } from './freshProcess';
import { now } from './stats';

export interface StoreProbeConfig {
  readonly mode: 'cold' | 'warm';
  readonly baseUrl: string;
  readonly token: string;
  readonly accountGid: string;
  readonly workspace: string;
  /** Snapshot folder root: written by a cold run, read by a warm one. */
  readonly snapshotRoot?: string;
  /** Queries typed after a cold listing, a key at a time. */
  readonly queries?: readonly string[];
}

export interface StoreProbeResult {
  readonly firstRowsMs: number;
  readonly allMs: number;
  readonly members: number;
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
  readonly heapEndMB: number;
  /** Rows a redraw sends with one range of the biggest group open (groups + ranges + members), largest seen. */
  readonly rowsPerRedrawMax: number;
  readonly redraws: number;
  readonly keyToResultsMs: number[];
  readonly typeaheadRequests: number;
  readonly requestsBeforeShown: number;
  readonly error?: string;
}

async function counters(baseUrl: string): Promise<number> {
  const res = await fetch(new URL('/__emulator/counters', baseUrl));
  return ((await res.json()) as { total: number }).total;
}

/** What the tree sends at one redraw with one range of the biggest group open: as workspaceTree.ts builds it. */
function rowsOfRedraw(cache: GroupRowsCache, account: AccountStore, workspace: string): number {
  const members = account.membersOf(workspace);
  if (!members) return 0;
  let rows = 1; // the loading row
  let biggest = 0;
  for (const group of MEMBER_GROUPS) {
    const count = cache.rows(workspace, members.index, group, NO_FILTER).count;
    if (count > 0) rows++;
    biggest = Math.max(biggest, count);
  }
  if (biggest > RANGE_SIZE) rows += Math.ceil(biggest / RANGE_SIZE) + RANGE_SIZE;
  else rows += biggest;
  return rows;
}

async function probe(config: StoreProbeConfig): Promise<StoreProbeResult> {
  const client = new AsanaClient({ token: config.token, baseUrl: config.baseUrl });
  const snapshots = config.snapshotRoot
    ? new SnapshotFiles(config.snapshotRoot, { accountGid: config.accountGid, apiBaseUrl: client.baseUrl.href }, silentLogger)
    : undefined;
  const account = new AccountStore({ client, accountGid: config.accountGid, snapshots, logger: silentLogger });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const cache = new GroupRowsCache();
  let firstRowsMs = Number.NaN;
  let rowsPerRedrawMax = 0;
  let redraws = 0;
  let dirty = false;
  // The workspace list comes first in the extension too (the root rows); the clock starts at the expansion.
  if (config.mode === 'cold') await account.start();
  const requestsAtStart = await counters(config.baseUrl);
  const started = now();
  loop.enable();
  account.onDidChangeMembers(() => {
    if (Number.isNaN(firstRowsMs) && (account.membersOf(config.workspace)?.index.size ?? 0) > 0) firstRowsMs = now() - started;
    dirty = true;
  });
  // The tree's redraw: at most every 250 ms, only after a change.
  const redraw = setInterval(() => {
    if (!dirty) return;
    dirty = false;
    redraws++;
    rowsPerRedrawMax = Math.max(rowsPerRedrawMax, rowsOfRedraw(cache, account, config.workspace));
  }, 250);
  await account.start();
  const members = account.membersOf(config.workspace)!;
  let requestsBeforeShown = 0;
  if (config.mode === 'warm') {
    await members.start();
    firstRowsMs = now() - started;
    requestsBeforeShown = (await counters(config.baseUrl)) - requestsAtStart;
  } else {
    await members.start();
  }
  const allMs = config.mode === 'warm' ? firstRowsMs : now() - started;
  clearInterval(redraw);
  loop.disable();
  const count = members.index.activeCount;

  // Typing in Find Person with everyone loaded: each key's local answer, and what reaches Asana.
  const keyToResultsMs: number[] = [];
  const controller = new TypeaheadController((q, signal) => client.typeaheadUsers(config.workspace, q, { signal, count: 20 }), { debounceMs: 250 });
  const search = new PeopleSearch(localPeople(account, config.workspace), controller);
  let answered: () => void = () => {};
  search.listen({ results: () => answered() });
  for (const query of config.queries ?? []) {
    for (let i = 1; i <= query.length; i++) {
      const shown = new Promise<void>((resolve) => (answered = resolve));
      const t = now();
      search.setQuery(query.slice(0, i));
      await shown;
      keyToResultsMs.push(now() - t);
      await new Promise((r) => setTimeout(r, 40));
    }
  }
  await new Promise((r) => setTimeout(r, 400)); // a debounced request would have gone out by now
  const typeaheadRequests = controller.requestsSent;
  search.dispose();
  controller.dispose();

  global.gc?.();
  const heapEndMB = process.memoryUsage().heapUsed / 1024 / 1024;
  const error = members.error?.message ?? members.emailError?.message;
  const result: StoreProbeResult = {
    firstRowsMs,
    allMs,
    members: count,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    loopDelayMaxMs: loop.max / 1e6,
    heapEndMB,
    rowsPerRedrawMax,
    redraws,
    keyToResultsMs,
    typeaheadRequests,
    requestsBeforeShown,
    ...(error ? { error } : {}),
  };
  account.dispose();
  await client.dispose();
  return result;
}

/** Runs the probe in a fresh process (so heap and JIT start cold) and returns what it measured. */
export function runStoreProbe(config: StoreProbeConfig): Promise<StoreProbeResult> {
  return runInFreshProcess<StoreProbeConfig, StoreProbeResult>(__filename, config, `store probe (${config.mode})`);
}

if (require.main === module) serveProbe(probe);
