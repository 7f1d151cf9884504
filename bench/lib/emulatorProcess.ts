/**
 * Starts the emulator in a child process and drives it over IPC (see emulatorProtocol.ts for why
 * it is not in the benchmark's process). The handle mirrors the in-process `Emulator` where the
 * scenarios need it, asynchronously.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { EmulatorOptions, RuntimeOptions, SeedInfo, SeedTokens } from '../../test/emulator/types';
import type { CountersSnapshot, MembershipCheck, OpName, Ops, Reply, Request } from './emulatorProtocol';

export interface BenchEmulator {
  readonly baseUrl: string;
  readonly tokens: SeedTokens;
  readonly seedInfo: SeedInfo;
  /** The process id of the emulator, for reports. */
  readonly pid: number;
  configure(opts: Partial<RuntimeOptions>): Promise<void>;
  counters(): Promise<CountersSnapshot>;
  resetCounters(): Promise<void>;
  /** Seeded data, start-up settings, zeroed counters, empty rate windows. */
  reset(): Promise<void>;
  sampleNames(workspace: string, count: number): Promise<string[]>;
  memberCount(workspace: string): Promise<number>;
  membershipCheck(workspace: string, emails: readonly string[]): Promise<MembershipCheck[]>;
  close(): Promise<void>;
}

export async function startBenchEmulator(opts: EmulatorOptions): Promise<BenchEmulator> {
  const child: ChildProcess = fork(path.join(__dirname, 'emulatorChild.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited: string | undefined;
  child.on('message', (reply: Reply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (!waiter) return;
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`emulator: ${reply.error}`));
  });
  child.on('exit', (code, signal) => {
    exited = `the emulator process exited (${signal ?? `code ${code}`})`;
    for (const waiter of pending.values()) waiter.reject(new Error(exited));
    pending.clear();
  });
  const call = <K extends OpName>(op: K, args: Ops[K]['args']): Promise<Ops[K]['result']> => {
    if (exited) return Promise.reject(new Error(exited));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const message: Request<K> = { id, op, args };
      child.send(message);
    });
  };
  // Kill the child if this process ends first (an exception, Ctrl-C).
  const killOnExit = (): void => {
    if (!exited) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  const info = await call('start', opts);
  return {
    baseUrl: info.baseUrl,
    tokens: info.tokens,
    seedInfo: info.seedInfo,
    pid: child.pid ?? -1,
    configure: async (o) => void (await call('configure', o)),
    counters: () => call('counters', null),
    resetCounters: async () => void (await call('resetCounters', null)),
    reset: async () => void (await call('reset', null)),
    sampleNames: (workspace, count) => call('sampleNames', { workspace, count }),
    memberCount: (workspace) => call('memberCount', { workspace }),
    membershipCheck: (workspace, emails) => call('membershipCheck', { workspace, emails }),
    close: async () => {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await call('close', null).catch(() => undefined);
      await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
      if (!exited) child.kill('SIGKILL');
      process.off('exit', killOnExit);
    },
  };
}
