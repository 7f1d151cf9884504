/**
 * Child-process entry: one emulator, driven over IPC by lib/emulatorProcess.ts. Besides the
 * emulator's own controls it answers the questions scenarios ask of its state (who is a member),
 * which the HTTP control API does not expose.
 */
import { startEmulator } from '../../test/emulator';
import type { Emulator } from '../../test/emulator/types';
import type { MembershipCheck, OpName, Ops, Reply, Request } from './emulatorProtocol';

let emu: Emulator | undefined;

function running(): Emulator {
  if (!emu) throw new Error('the emulator is not started');
  return emu;
}

type Handlers = { [K in OpName]: (args: Ops[K]['args']) => Ops[K]['result'] | Promise<Ops[K]['result']> };

const handlers: Handlers = {
  async start(args) {
    emu = await startEmulator(args);
    return { baseUrl: emu.baseUrl, origin: emu.origin, tokens: emu.tokens, seedInfo: emu.state.seedInfo };
  },
  configure(args) {
    running().configure(args);
    return null;
  },
  counters() {
    const c = running().counters;
    return { total: c.total, byRoute: { ...c.byRoute }, inFlight: { ...c.inFlight }, maxInFlight: { ...c.maxInFlight }, rejected429: c.rejected429 };
  },
  resetCounters() {
    running().counters.reset();
    return null;
  },
  reset() {
    running().reset();
    return null;
  },
  sampleNames({ workspace, count }) {
    const state = running().state;
    const members = state.membershipsOf(workspace, { activeOnly: true });
    const names: string[] = [];
    const step = Math.max(1, Math.floor(members.length / count));
    for (let i = Math.floor(step / 2); i < members.length && names.length < count; i += step) {
      const user = state.user((members[i] as { user: string }).user);
      if (user && !names.includes(user.name)) names.push(user.name);
    }
    return names;
  },
  memberCount({ workspace }) {
    return running().state.membershipsOf(workspace, { activeOnly: true }).length;
  },
  membershipCheck({ workspace, emails }) {
    const state = running().state;
    return emails.map((email): MembershipCheck => {
      const user = state.userByEmail(email);
      if (!user) return { email, exists: false, active: 0, total: 0 };
      const mine = state.membershipsOfUser(user.gid).filter((m) => m.workspace === workspace);
      return { email, exists: true, active: mine.filter((m) => m.is_active).length, total: mine.length };
    });
  },
  async close() {
    await emu?.close();
    emu = undefined;
    return null;
  },
};

process.on('message', (message: Request) => {
  void (async (): Promise<Reply> => {
    try {
      const handler = handlers[message.op] as (args: unknown) => unknown;
      return { id: message.id, ok: true, result: await handler(message.args) };
    } catch (e) {
      return { id: message.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
  })().then((reply) => {
    process.send?.(reply);
    if (message.op === 'close') process.disconnect();
  });
});

// The benchmark died without closing us: do not linger as an orphan holding a port.
process.on('disconnect', () => {
  void emu?.close().finally(() => process.exit(0));
  if (!emu) process.exit(0);
});
