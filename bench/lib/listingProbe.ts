/**
 * One listing of a big workspace in a fresh Node process, ours (the store's WorkspaceMembers, what the tree uses)
 * or the peer's (the SDK), reporting times, CPU, memory and connections. A fresh process per
 * listing because RSS never shrinks back within a process: the second listing in the same process
 * would reuse the first one's pages and look free. Both sides pay the same cold start (JIT,
 * first connection); modules are loaded before the clock starts.
 */
import { AsanaClient } from '../../src/asana/client';
import { silentLogger } from '../../src/asana/logger';
import { loadUndici } from '../../src/asana/undiciParts';
import { WorkspaceMembers } from '../../src/store/workspaceMembers';
import { cpuTimer, MemorySampler } from './memory';
import { sdkClient, sdkListMembers } from './sdkPeer';
import { connectionsOpened, watchConnections } from './sockets';
import { runInFreshProcess, serveProbe } from './freshProcess';
import { now } from './stats';

export type Impl = 'ours' | 'peer';

export interface ProbeConfig {
  readonly impl: Impl;
  readonly baseUrl: string;
  readonly token: string;
  readonly workspace: string;
}

export interface ProbeResult {
  readonly impl: Impl;
  /** From starting the listing to the first page of members being available to show. */
  readonly firstPageMs: number;
  readonly allMs: number;
  readonly members: number;
  readonly emails: number;
  readonly rssDeltaBytes: number;
  readonly heapPeakDeltaBytes: number;
  /** Heap kept after a full GC while the loaded members are still referenced. */
  readonly heapRetainedBytes: number;
  readonly cpuMs: number;
  readonly connections: number;
  readonly error?: string;
}

async function listOurs(config: ProbeConfig): Promise<ProbeResult> {
  // In the extension a workspace's members are never the first request (the workspaces come first),
  // so undici, which loads at the first request, is loaded before the timer starts, as the SDK is.
  loadUndici();
  const client = new AsanaClient({ token: config.token, baseUrl: config.baseUrl });
  let started = 0;
  let firstPageMs = Number.NaN;
  const workspace = { gid: config.workspace, name: 'bench', is_organization: true, email_domains: [] };
  const listing: WorkspaceMembers = new WorkspaceMembers(
    client,
    workspace,
    undefined,
    silentLogger,
    () => {
      if (Number.isNaN(firstPageMs) && listing.index.size > 0) firstPageMs = now() - started;
    },
    () => undefined,
  );
  const sampler = new MemorySampler();
  const cpu = cpuTimer();
  const connections = connectionsOpened();
  started = now();
  await listing.start();
  const allMs = now() - started;
  const cpuMs = cpu();
  const peak = sampler.stop();
  const heapRetainedBytes = sampler.retainedHeap();
  const error = listing.error?.message ?? listing.emailError?.message;
  const all = listing.index.all();
  const result: ProbeResult = {
    impl: 'ours',
    firstPageMs,
    allMs,
    // Read after the retained-heap measure so the listing is still alive for it.
    members: all.length,
    emails: all.filter((m) => listing.index.emailOf(m.user.gid) !== undefined).length,
    rssDeltaBytes: peak.rssDelta,
    heapPeakDeltaBytes: peak.heapDelta,
    heapRetainedBytes,
    cpuMs,
    connections: connectionsOpened() - connections,
    ...(error ? { error } : {}),
  };
  listing.dispose();
  await client.dispose();
  return result;
}

async function listPeer(config: ProbeConfig): Promise<ProbeResult> {
  const client = sdkClient(config.baseUrl, config.token);
  let started = 0;
  let firstPageMs = Number.NaN;
  const sampler = new MemorySampler();
  const cpu = cpuTimer();
  const connections = connectionsOpened();
  started = now();
  const listing = await sdkListMembers(client, config.workspace, (members) => {
    if (Number.isNaN(firstPageMs) && members > 0) firstPageMs = now() - started;
  });
  const allMs = now() - started;
  const cpuMs = cpu();
  const peak = sampler.stop();
  const heapRetainedBytes = sampler.retainedHeap();
  const failure = listing.membershipsError ?? listing.emailsError;
  let emails = 0;
  for (const m of listing.memberships.values()) if (listing.emails.has(m.user.gid)) emails++;
  return {
    impl: 'peer',
    firstPageMs,
    allMs,
    members: listing.memberships.size,
    emails,
    rssDeltaBytes: peak.rssDelta,
    heapPeakDeltaBytes: peak.heapDelta,
    heapRetainedBytes,
    cpuMs,
    connections: connectionsOpened() - connections,
    ...(failure ? { error: failure instanceof Error ? failure.message : String(failure) } : {}),
  };
}

/** Runs one listing in a fresh process and returns what it measured. */
export function runListingProbe(config: ProbeConfig): Promise<ProbeResult> {
  return runInFreshProcess<ProbeConfig, ProbeResult>(__filename, config, `listing probe (${config.impl})`);
}

if (require.main === module) {
  watchConnections();
  serveProbe((config: ProbeConfig) => (config.impl === 'ours' ? listOurs(config) : listPeer(config)));
}
