// Roster changes since the last look and former members, through the store against the emulator:
// the roster is changed between two looks with the emulator's roster control, as a test or a demo does.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AsanaClient } from '../../../src/asana/client';
import { silentLogger } from '../../../src/asana/logger';
import { AccountStore } from '../../../src/store/accountStore';
import { changeCount } from '../../../src/store/rosterChanges';
import { SnapshotFiles } from '../../../src/store/snapshotFiles';
import type { WorkspaceMembers } from '../../../src/store/workspaceMembers';
import { startEmulator, type Emulator } from '../../emulator/index';
import { removeFolder } from '../../helpers/removeFolder';
import { until } from '../../helpers/until';

const MEMBERSHIPS = 'GET /workspaces/{workspace_gid}/workspace_memberships';

describe('Roster history (changes since the last look, former members)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let root: string;
  const clients: AsanaClient[] = [];
  const stores: AccountStore[] = [];

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 300 } });
  });
  after(async () => emu.close());
  beforeEach(() => {
    emu.reset();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-roster-'));
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) s.dispose();
    for (const c of clients.splice(0)) await c.dispose();
    await new Promise((r) => setTimeout(r, 50));
    await removeFolder(root);
  });

  function open(opts: { snapshots?: boolean } = {}): AccountStore {
    const token = emu.tokens.admin;
    const client = new AsanaClient({ token, baseUrl: emu.baseUrl, retryBaseMs: 1, retryMaxMs: 5 });
    clients.push(client);
    const accountGid = emu.state.userForToken(token)!.gid;
    const snapshots = opts.snapshots === false ? undefined : new SnapshotFiles(root, { accountGid, apiBaseUrl: emu.baseUrl }, silentLogger);
    const store = new AccountStore({ client, accountGid, snapshots, logger: silentLogger });
    stores.push(store);
    return store;
  }

  const acme = () => emu.state.seedInfo.workspaces.acme;

  async function settled(members: WorkspaceMembers): Promise<WorkspaceMembers> {
    await members.start();
    while (members.state === 'loading' || members.isRefreshing) await new Promise((r) => setTimeout(r, 10));
    await members.history.whenLoaded();
    return members;
  }

  async function loaded(store: AccountStore): Promise<WorkspaceMembers> {
    await store.start();
    return settled(store.loadMembers(acme())!);
  }

  async function refreshed(members: WorkspaceMembers): Promise<WorkspaceMembers> {
    await members.refresh();
    return settled(members);
  }

  /** Joins, a removal and a role change of people the seed has, as the demo's control call makes them. */
  function changeTheRoster() {
    const active = emu.state.membershipsOf(acme(), { activeOnly: true }).filter((m) => !m.is_admin && !m.is_guest && !m.is_view_only);
    const leaving = emu.state.user(active[3]!.user)!;
    const promoted = emu.state.user(active[4]!.user)!;
    return emu.changeRoster({
      workspace: acme(),
      join: [
        { name: 'Zora Newcomer', email: 'zora.newcomer@acme.test' },
        { name: 'Aaron Guest', email: 'aaron.guest@outside.test', role: 'guest' },
      ],
      remove: [leaving.gid],
      role: [{ user: promoted.gid, role: 'admin' }],
    });
  }

  it('says the first look has nothing to compare yet, then counts exactly who joined, left and changed role', async () => {
    const members = await loaded(open());
    assert.ok(members.history.isFirstLook);
    assert.equal(changeCount(members.history.changes!), 0);

    const result = changeTheRoster();
    await refreshed(members);
    const changes = members.history.changes!;
    assert.equal(members.history.isFirstLook, false);
    assert.deepEqual(changes.joined.map((p) => [p.name, p.email, p.group]), [
      ['Aaron Guest', 'aaron.guest@outside.test', 'guests'],
      ['Zora Newcomer', 'zora.newcomer@acme.test', 'members'],
    ]);
    assert.deepEqual(changes.left.map((p) => p.userGid), result.removed.map((p) => p.gid));
    assert.deepEqual(changes.roleChanged.map((c) => [c.person.userGid, c.from, c.person.group]), [[result.roleChanged[0]!.gid, 'members', 'admins']]);
    assert.ok(changes.since < changes.until, 'counted from the first look, up to the refresh');
    assert.equal(changeCount(changes), 4);
  });

  it('reports no one as left after a failed or partial refresh, and keeps the changes it had', async () => {
    const members = await loaded(open());
    changeTheRoster();
    // The second page of the refresh fails: the roster is partial and must not be compared.
    emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 500, after: 1 });
    await refreshed(members);
    assert.equal(members.refreshError?.kind, 'server');
    assert.ok(members.history.isFirstLook, 'still the first look: nothing was compared');
    assert.equal(changeCount(members.history.changes!), 0);
    assert.deepEqual(members.history.former, []);
    emu.faults.clear();
    await refreshed(members);
    assert.equal(changeCount(members.history.changes!), 4, 'the complete listing is compared');
  });

  it('keeps the last look and the former members across a reload, and Mark as Seen starts counting again', async () => {
    const first = await loaded(open());
    const result = changeTheRoster();
    await refreshed(first);
    assert.equal(changeCount(first.history.changes!), 4);
    stores.splice(0).forEach((s) => s.dispose());
    await new Promise((r) => setTimeout(r, 100));

    // After a reload the changes show from the snapshot, before any request.
    emu.counters.reset();
    const store = open();
    await store.start();
    const again = store.loadMembers(acme())!;
    await again.whenSnapshotTried();
    await again.history.whenLoaded();
    assert.equal(emu.counters.byRoute[MEMBERSHIPS] ?? 0, 0);
    assert.equal(changeCount(again.history.changes!), 4);
    assert.deepEqual(again.history.former.map((f) => f.userGid), result.removed.map((p) => p.gid));
    await settled(again);

    assert.ok(await again.markSeen());
    assert.equal(changeCount(again.history.changes!), 0);
    assert.equal(again.history.isFirstLook, false, 'seen, not a first look');
    emu.changeRoster({ workspace: acme(), join: [{ name: 'Late Joiner', email: 'late.joiner@acme.test' }] });
    await refreshed(again);
    assert.deepEqual(again.history.changes!.joined.map((p) => p.name), ['Late Joiner']);
    assert.equal(changeCount(again.history.changes!), 1);
  });

  it('makes someone removed here a former member at once, last seen now, and no longer former once added back', async () => {
    const store = open({ snapshots: false });
    const members = await loaded(store);
    const target = members.index.slice('members', 0, 1)[0]!;
    const before = Date.now();
    await store.client.removeUser(acme(), target.user.gid);
    const [inactive] = await store.client.listUserMemberships(target.user.gid);
    store.applyMembership({ ...target, is_active: false });
    await members.history.whenLoaded();
    const former = members.history.formerMember(target.user.gid);
    assert.ok(former, `${inactive?.gid} is a former member`);
    assert.ok(former.lastSeenAt >= before);
    assert.equal(former.group, 'members');

    await store.client.addUser(acme(), target.user.gid);
    await refreshed(members);
    assert.equal(members.history.formerMember(target.user.gid), undefined);
  });

  it('keeps the email of someone removed here, and forgets them as former at once when added back here', async () => {
    const store = open({ snapshots: false });
    const members = await loaded(store);
    const target = members.index.slice('members', 0, 1)[0]!;
    const email = members.index.emailOf(target.user.gid);
    assert.ok(email, 'the member has an email');
    await store.client.removeUser(acme(), target.user.gid);
    store.applyMembership({ ...target, is_active: false });
    await until('a former member', () => members.history.formerMember(target.user.gid) !== undefined);
    assert.equal(members.history.formerMember(target.user.gid)?.email, email);
    await store.client.addUser(acme(), target.user.gid);
    store.applyMembership({ ...target, is_active: true });
    await until('no longer former, without a refresh', () => members.history.formerMember(target.user.gid) === undefined);
  });

  it('learns former members from a refresh: active in the earlier roster, missing from the new one', async () => {
    const members = await loaded(open({ snapshots: false }));
    const shownAt = members.asOf!;
    const result = changeTheRoster();
    await refreshed(members);
    const [former] = members.history.former;
    assert.equal(former?.userGid, result.removed[0]!.gid);
    assert.equal(former?.email, result.removed[0]!.email);
    assert.equal(former?.lastSeenAt, shownAt, 'last seen in the roster before the refresh');
  });

  it('without snapshots keeps the last look for the session: changes are still counted between two listings', async () => {
    const members = await loaded(open({ snapshots: false }));
    assert.ok(members.history.isFirstLook);
    changeTheRoster();
    await refreshed(members);
    assert.equal(changeCount(members.history.changes!), 4);
    assert.equal(members.history.isFirstLook, false);
  });

  it('refuses Mark as Seen while the roster is still loading, and changes nothing', async () => {
    emu.faults.add({ route: MEMBERSHIPS, kind: 'latency', latencyMs: 200 });
    const store = open({ snapshots: false });
    await store.start();
    const members = store.loadMembers(acme())!;
    void members.start();
    assert.equal(await members.markSeen(), false);
    assert.equal(members.history.changes, undefined, 'nothing compared before the roster is complete');
    await settled(members);
    assert.ok(members.history.isFirstLook);
  });

  it('keeps the first look a first look across a reload until a listing differs in time', async () => {
    const first = await loaded(open());
    assert.ok(first.history.isFirstLook);
    stores.splice(0).forEach((s) => s.dispose());
    await new Promise((r) => setTimeout(r, 100));
    const store = open();
    await store.start();
    const again = store.loadMembers(acme())!;
    await again.whenSnapshotTried();
    await again.history.whenLoaded();
    assert.ok(again.history.isFirstLook, 'the snapshot is the first look itself: still nothing to compare');
    await settled(again);
    assert.equal(again.history.isFirstLook, false, 'the refresh after it is compared with the first look');
    assert.equal(changeCount(again.history.changes!), 0);
  });
});
