/**
 * The messages between the benchmark and its emulator process (lib/emulatorChild.ts). The emulator
 * runs in a process of its own so that the client under test has the benchmark's process to
 * itself: its CPU time, RSS and heap are not mixed with the server's, and serving (JSON, latency
 * timers) does not steal the client's event loop, as it would not against the real Asana.
 */
import type { EmulatorOptions, RuntimeOptions, SeedInfo, SeedTokens } from '../../test/emulator/types';

export interface CountersSnapshot {
  readonly total: number;
  readonly byRoute: Readonly<Record<string, number>>;
  readonly inFlight: { readonly reads: number; readonly writes: number };
  readonly maxInFlight: { readonly reads: number; readonly writes: number };
  readonly rejected429: number;
}

export interface StartedInfo {
  readonly baseUrl: string;
  readonly origin: string;
  readonly tokens: SeedTokens;
  readonly seedInfo: SeedInfo;
}

/** Per email: whether the user exists, and its memberships of the workspace (active, all). */
export interface MembershipCheck {
  readonly email: string;
  readonly exists: boolean;
  readonly active: number;
  readonly total: number;
}

export interface Ops {
  start: { args: EmulatorOptions; result: StartedInfo };
  configure: { args: Partial<RuntimeOptions>; result: null };
  counters: { args: null; result: CountersSnapshot };
  resetCounters: { args: null; result: null };
  reset: { args: null; result: null };
  /** Names of `count` active members spread evenly over the workspace's gid order (deterministic per seed). */
  sampleNames: { args: { workspace: string; count: number }; result: string[] };
  /** Active members of a workspace. */
  memberCount: { args: { workspace: string }; result: number };
  membershipCheck: { args: { workspace: string; emails: readonly string[] }; result: MembershipCheck[] };
  close: { args: null; result: null };
}

export type OpName = keyof Ops;

export interface Request<K extends OpName = OpName> {
  readonly id: number;
  readonly op: K;
  readonly args: Ops[K]['args'];
}

export type Reply = { readonly id: number; readonly ok: true; readonly result: unknown } | { readonly id: number; readonly ok: false; readonly error: string };
