/**
 * AccountStore and the account's own standing against the emulator: whether it is an admin (asked
 * once, at once when no snapshot holds the answer, remembered, told to listeners), and what the
 * members' listing and temporary states tell the store's listeners.
 */
import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import type { Logger } from '../../../src/asana/logger';
import { AccountStore, type MembersChangeEvent } from '../../../src/store/accountStore';
import { startEmulator, type Emulator } from '../../emulator/index';
import { tick, until } from '../../helpers/until';

const MEMBERSHIPS = 'GET /workspaces/{workspace_gid}/workspace_memberships';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (m: string) => lines.push(m);
  return { lines, trace: put, debug: put, info: put, warn: put, error: put };
}

describe('AccountStore admin status and member events (against the emulator)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  const clients: AsanaClient[] = [];
  const stores: AccountStore[] = [];

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 250 } });
  });
  after(async () => emu.close());
  beforeEach(() => emu.reset());
  afterEach(async () => {
    for (const s of stores.splice(0)) s.dispose();
    for (const c of clients.splice(0)) await c.dispose();
  });

  async function open(token = emu.tokens.admin) {
    const client = new AsanaClient({ token, baseUrl: emu.baseUrl, retryBaseMs: 1, retryMaxMs: 5, maxReadRetries: 0 });
    clients.push(client);
    const logger = recordingLogger();
    const store = new AccountStore({ client, accountGid: emu.state.userForToken(token)!.gid, snapshots: undefined, logger });
    stores.push(store);
    const members: MembersChangeEvent[] = [];
    let workspaces = 0;
    store.onDidChangeMembers((e) => members.push(e));
    store.onDidChangeWorkspaces(() => workspaces++);
    await store.start();
    emu.counters.reset();
    return { store, logger, members, workspaces: () => workspaces };
  }

  const requests = () => emu.counters.byRoute[MEMBERSHIPS] ?? 0;
  const acme = () => emu.state.seedInfo.workspaces.acme;

  it('asks Asana once, however many ask at the same time, remembers the answer and tells listeners', async () => {
    const { store, members, workspaces } = await open();
    const told = workspaces();
    const answers = await Promise.all([store.checkAdmin(acme()), store.checkAdmin(acme())]);
    assert.deepEqual(answers, [true, true]);
    assert.equal(requests(), 1);
    assert.equal(store.isAdmin(acme()), true, 'known without the members loaded');
    assert.equal(await store.checkAdmin(acme()), true);
    assert.equal(requests(), 1);
    assert.equal(workspaces(), told + 1);
    assert.deepEqual(members, [{ workspaceGid: acme(), change: new Set() }]);
  });

  it('answers false for a member who is not an admin', async () => {
    const { store } = await open(emu.tokens.member);
    assert.equal(await store.checkAdmin(acme()), false);
    assert.equal(store.isAdmin(acme()), false);
  });

  it('answers false when Asana finds no membership of the account: no record is no admin role', async () => {
    const { store } = await open();
    emu.faults.add({ route: MEMBERSHIPS, kind: 'empty-list' });
    assert.equal(await store.checkAdmin(acme()), false);
    assert.equal(store.isAdmin(acme()), false);
  });

  it('answers from a complete listing without asking', async () => {
    const { store } = await open();
    await store.membersOf(acme())!.start();
    emu.counters.reset();
    assert.equal(store.isAdmin(acme()), true);
    assert.equal(await store.checkAdmin(acme()), true);
    assert.equal(requests(), 0);
  });

  it('when the question fails: no answer, a log line naming the workspace, and the next call asks again', async () => {
    const { store, logger } = await open();
    emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 500 });
    assert.equal(await store.checkAdmin(acme()), undefined);
    assert.equal(store.isAdmin(acme()), undefined);
    const name = store.workspace(acme())!.name;
    assert.ok(
      logger.lines.some((l) => l.startsWith(`Could not tell whether you are an admin of ${name}: `)),
      logger.lines.join('\n'),
    );
    emu.faults.clear();
    assert.equal(await store.checkAdmin(acme()), true);
    assert.equal(requests(), 2);
  });

  it('loading members without a snapshot asks at once whether the account is an admin', async () => {
    const { store } = await open();
    const members = store.loadMembers(acme())!;
    await members.start();
    const pages = Math.ceil(emu.state.membershipsOf(acme(), { activeOnly: true }).length / 100);
    // One request besides the listing's pages: the account's own membership.
    assert.equal(requests(), pages + 1);
    assert.equal(store.isAdmin(acme()), true);
  });

  it('a failed question is not asked again each time the members are asked for (every redraw asks)', async () => {
    const { store, logger } = await open();
    emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 500 });
    const members = store.loadMembers(acme())!;
    await members.start();
    await until('the admin question failed', () => logger.lines.some((l) => l.startsWith('Could not tell whether you are an admin')));
    emu.faults.clear();
    emu.counters.reset();
    assert.equal(store.loadMembers(acme()), members);
    store.loadMembers(acme());
    await tick(100);
    assert.equal(requests(), 0, 'answered by a refresh (its listing holds the account) or asked by a command that needs it, not by a redraw');
    assert.equal(store.isAdmin(acme()), undefined);
  });

  it('tells nothing after dispose, even an answer that arrives later', async () => {
    const { store, members, workspaces } = await open();
    emu.faults.add({ route: MEMBERSHIPS, kind: 'latency', latencyMs: 200 });
    const told = [members.length, workspaces()];
    const answer = store.checkAdmin(acme());
    store.dispose();
    await answer;
    assert.deepEqual([members.length, workspaces()], told);
  });

  it("passes on a refused token from the members' listing", async () => {
    const { store } = await open();
    const heard: string[] = [];
    store.onUnauthorized((e) => heard.push(e.kind));
    emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 401 });
    const members = store.loadMembers(acme())!;
    await members.start();
    await tick(50);
    assert.ok(heard.length > 0 && heard.every((k) => k === 'unauthorized'), heard.join());
  });

  it("reports a temporary state as a change of the membership's group", async () => {
    const { store, members } = await open();
    const listing = store.membersOf(acme())!;
    await listing.start();
    const guest = listing.index.slice('guests', 0, 1)[0]!;
    members.length = 0;
    await store.runBusy(acme(), guest.gid, 'Removing…', async () => undefined);
    assert.deepEqual(members, [
      { workspaceGid: acme(), change: new Set(['guests']) },
      { workspaceGid: acme(), change: new Set(['guests']) },
    ]);
  });
});
