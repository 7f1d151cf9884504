/**
 * WorkspaceMembers against the emulator, built directly so that every change it reports is seen:
 * waiting for a person while pages stream in, refresh() in each state, failures of either listing,
 * disposal at each stage, and when the snapshot is (and is not) written.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AsanaClient } from '../../../src/asana/client';
import type { AsanaError } from '../../../src/asana/errors';
import type { Logger } from '../../../src/asana/logger';
import type { Workspace } from '../../../src/asana/schemas';
import type { MembersSnapshot } from '../../../src/store/snapshotCodec';
import { SnapshotFiles, type SnapshotStorage } from '../../../src/store/snapshotFiles';
import { WorkspaceMembers, type MembersChange } from '../../../src/store/workspaceMembers';
import { startEmulator, type Emulator } from '../../emulator/index';
import { removeFolder } from '../../helpers/removeFolder';
import { tick, until } from '../../helpers/until';

const MEMBERSHIPS = 'GET /workspaces/{workspace_gid}/workspace_memberships';
const USERS = 'GET /users';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (m: string) => lines.push(m);
  return { lines, trace: put, debug: put, info: put, warn: put, error: put };
}

/** The real files, with the writes counted: a bulk change must cost one write. */
class CountedFiles implements SnapshotStorage {
  writes = 0;
  written: Promise<void> = Promise.resolve();
  constructor(private readonly files: SnapshotFiles) {}
  readWorkspaces = () => this.files.readWorkspaces();
  writeWorkspaces: SnapshotStorage['writeWorkspaces'] = (s) => this.files.writeWorkspaces(s);
  readMembers = (w: { gid: string; name: string }) => this.files.readMembers(w);
  writeMembers = (w: { gid: string; name: string }, s: Omit<MembersSnapshot, 'workspaceGid'>) => {
    this.writes++;
    return (this.written = this.files.writeMembers(w, s));
  };
  readLastLook: SnapshotStorage['readLastLook'] = (w) => this.files.readLastLook(w);
  writeLastLook: SnapshotStorage['writeLastLook'] = (w, s) => this.files.writeLastLook(w, s);
  readFormer: SnapshotStorage['readFormer'] = (w) => this.files.readFormer(w);
  writeFormer: SnapshotStorage['writeFormer'] = (w, s) => this.files.writeFormer(w, s);
  clear = () => this.files.clear();
}

describe('WorkspaceMembers (against the emulator)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let root: string;
  let acme: Workspace;
  const clients: AsanaClient[] = [];
  const opened: WorkspaceMembers[] = [];
  const storages: CountedFiles[] = [];

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 450 } });
  });
  after(async () => emu.close());
  beforeEach(async () => {
    emu.reset();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-members-'));
    acme = await client().getWorkspace(emu.state.seedInfo.workspaces.acme);
    emu.counters.reset();
  });
  afterEach(async () => {
    for (const m of opened.splice(0)) m.dispose();
    // A write that began before the dispose still lands: let it, before the folder goes.
    for (const f of storages.splice(0)) await f.written.catch(() => undefined);
    for (const c of clients.splice(0)) await c.dispose();
    await removeFolder(root);
  });

  function client(token = emu.tokens.admin): AsanaClient {
    const c = new AsanaClient({ token, baseUrl: emu.baseUrl, retryBaseMs: 1, retryMaxMs: 5, maxReadRetries: 0 });
    clients.push(c);
    return c;
  }

  function open(opts: { snapshots?: boolean; token?: string; storageRoot?: string } = {}) {
    const logger = recordingLogger();
    const changes: MembersChange[] = [];
    const unauthorized: AsanaError[] = [];
    const accountGid = emu.state.userForToken(emu.tokens.admin)!.gid;
    const files = opts.snapshots === false ? undefined : new CountedFiles(new SnapshotFiles(opts.storageRoot ?? root, { accountGid, apiBaseUrl: emu.baseUrl }, logger));
    const members = new WorkspaceMembers(
      client(opts.token),
      acme,
      files,
      logger,
      // The roster history's comparisons (a redraw with no group changed) come whenever a complete
      // listing was compared; the rows' changes are what these tests follow.
      (c) => (c === 'all' || c.size > 0 ? changes.push(c) : undefined),
      (e) => unauthorized.push(e),
    );
    opened.push(members);
    if (files) storages.push(files);
    return { members, changes, unauthorized, logger, files };
  }

  const active = () => emu.state.membershipsOf(acme.gid, { activeOnly: true });
  const requests = (route: string) => emu.counters.byRoute[route] ?? 0;
  const settled = (m: WorkspaceMembers) => until('the members settle', () => m.state !== 'loading' && !m.isRefreshing);

  /** A complete listing kept on disk, as a previous session leaves it. */
  async function keepSnapshot(): Promise<void> {
    const { members, files } = open();
    await members.start();
    await until('the snapshot is written', () => files!.writes === 1);
    await files!.written;
    members.dispose();
    emu.counters.reset();
  }

  it('hands a person over from the page that holds them, and a stranger undefined only once the listing ends', async () => {
    emu.faults.add({ route: MEMBERSHIPS, kind: 'latency', latencyMs: 150 });
    const { members } = open({ snapshots: false });
    const last = active().at(-1)!;
    const stranger = emu.state.userForToken(emu.tokens.outsider)!.gid;
    void members.start();
    assert.equal(members.state, 'loading');
    assert.equal(members.fromSnapshot, false);
    let strangerSettled = false;
    const found = members.whenMember(last.user);
    const missing = members.whenMember(stranger).then((m) => ((strangerSettled = true), m));
    await until('the first page is in', () => members.index.size > 0);
    // A change applied meanwhile (a re-read) settles nobody who is still to come.
    members.apply(members.index.slice('members', 0, 1)[0]!);
    await tick(50);
    assert.equal(strangerSettled, false);
    assert.equal(members.state, 'loading');
    assert.equal((await found)?.gid, last.gid);
    assert.equal(await missing, undefined);
    assert.equal(members.state, 'done');
    // Once complete, answers at once.
    assert.equal(await members.whenMember(stranger), undefined);
    assert.equal((await members.whenMember(last.user))?.gid, last.gid);
  });

  it('refresh() starts an idle listing, joins one under way, and starts a failed one over', async () => {
    const pages = Math.ceil(active().length / 100);
    const { members, changes } = open({ snapshots: false });
    const first = members.refresh();
    assert.equal(members.state, 'loading');
    assert.equal(members.refresh(), first, 'a second refresh joins the listing under way');
    await first;
    assert.equal(members.state, 'done');
    assert.equal(requests(MEMBERSHIPS), pages);

    emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 500, times: 1 });
    const failing = open({ snapshots: false });
    await failing.members.start();
    assert.equal(failing.members.state, 'failed');
    assert.equal(failing.members.error?.kind, 'server');
    assert.equal(failing.members.asOf, undefined, 'nothing complete was shown');
    assert.equal(failing.members.fromSnapshot, false);
    const again = failing.members.refresh();
    assert.equal(failing.members.index.size, 0, 'the partial rows go at once');
    assert.equal(failing.changes.at(-1), 'all');
    await again;
    assert.equal(failing.members.state, 'done');
    assert.equal(failing.members.error, undefined);
    assert.equal(failing.members.index.activeCount, active().length);
    assert.ok(changes.length > 0);
  });

  it('refresh() of a complete listing keeps its rows shown until the new listing replaces them in one change', async () => {
    emu.faults.add({ route: MEMBERSHIPS, kind: 'latency', latencyMs: 100 });
    const { members, changes } = open({ snapshots: false });
    await members.start();
    await members.history.whenLoaded();
    const asOf = members.asOf!;
    changes.length = 0;
    const refreshing = members.refresh();
    assert.equal(members.refresh(), refreshing, 'a second refresh joins the one under way');
    assert.ok(members.isRefreshing);
    await until('the refresh has read a page', () => requests(MEMBERSHIPS) > Math.ceil(active().length / 100) + 1);
    assert.equal(members.state, 'done');
    assert.equal(members.index.activeCount, active().length);
    await refreshing;
    await members.history.whenLoaded();
    assert.deepEqual(changes, ['all']);
    assert.ok(members.asOf! >= asOf);
    assert.equal(members.isRefreshing, false);
  });

  it('shows the members when only the emails fail, and says so', async () => {
    emu.faults.add({ route: USERS, kind: 'status', status: 500 });
    const { members, unauthorized } = open({ snapshots: false });
    await members.start();
    assert.equal(members.state, 'done');
    assert.equal(members.error, undefined);
    assert.equal(members.emailError?.kind, 'server');
    assert.equal(members.index.activeCount, active().length);
    assert.deepEqual(unauthorized, []);
  });

  it('reports a refused token, and no other failure, as unauthorized', async () => {
    emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 401 });
    const refused = open({ snapshots: false });
    await refused.members.start();
    assert.equal(refused.members.state, 'failed');
    assert.deepEqual(
      refused.unauthorized.map((e) => e.kind),
      ['unauthorized'],
    );
    emu.faults.clear();
    emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 500 });
    const broken = open({ snapshots: false });
    await broken.members.start();
    assert.equal(broken.members.error?.kind, 'server');
    assert.deepEqual(broken.unauthorized, []);
  });

  it('disposed mid-listing: stops asking, reports nothing more, and lets waiters go', async () => {
    emu.faults.add({ route: MEMBERSHIPS, kind: 'latency', latencyMs: 200 });
    emu.faults.add({ route: USERS, kind: 'latency', latencyMs: 200 });
    const { members, changes } = open({ snapshots: false });
    void members.start();
    await until('the first page is in', () => members.index.size > 0);
    const waiting = members.whenMember(emu.state.userForToken(emu.tokens.outsider)!.gid);
    members.dispose();
    assert.equal(await waiting, undefined);
    const [asked, reported] = [emu.counters.total, changes.length];
    await tick(700);
    assert.ok(emu.counters.total <= asked + 2, `requests went on after dispose (${asked} → ${emu.counters.total})`);
    assert.equal(changes.length, reported);
    assert.equal(members.state, 'loading');
  });

  it('tells its listener when the changes are marked seen, so the view redraws without the badges', async () => {
    let calls = 0;
    const members = new WorkspaceMembers(client(), acme, undefined, recordingLogger(), () => calls++, () => undefined);
    opened.push(members);
    await members.start();
    await settled(members);
    await until('the first comparison is told', () => calls > 0);
    const before = calls;
    assert.equal(await members.markSeen(), true);
    assert.ok(calls > before, 'a change was told after markSeen');
  });

  it('refuses Mark as Seen while the listing is incomplete: an unfinished roster would record everyone not yet listed as gone', async () => {
    emu.faults.add({ route: MEMBERSHIPS, kind: 'latency', latencyMs: 300, after: 1 });
    const { members } = open({ snapshots: false });
    void members.start();
    await until('the first page is shown', () => members.index.activeCount > 0);
    assert.equal(members.state, 'loading');
    assert.equal(await members.markSeen(), false);
    await settled(members);
    assert.equal(await members.markSeen(), true);
  });

  it('an ended membership of someone still a member is no leave: they stay out of the former members', async () => {
    const { members } = open({ snapshots: false });
    await members.start();
    const current = members.index.slice('members', 0, 1)[0]!;
    // Asana keeps a membership that ended; someone removed and added again has two.
    members.apply({ ...current, gid: '99999000001', is_active: false });
    assert.equal(members.index.byUserGid(current.user.gid)?.gid, current.gid, 'their active membership stands for them');
    await members.history.whenLoaded();
    assert.deepEqual(members.history.former.map((f) => f.userGid), []);
    members.apply({ ...current, is_active: false });
    await members.history.whenLoaded();
    assert.deepEqual(members.history.former.map((f) => f.userGid), [current.user.gid], 'their own membership ending is a leave');
  });

  describe('with a snapshot', () => {
    beforeEach(keepSnapshot);

    it('shows it with its emails and says so, then swaps in the listing in one change', async () => {
      const { members, changes, logger } = open();
      const someone = active()[17]!;
      await members.start();
      assert.ok(members.fromSnapshot, logger.lines.join('\n'));
      assert.equal(requests(MEMBERSHIPS), 0);
      assert.equal(members.index.emailOf(someone.user), emu.state.user(someone.user)!.email);
      const asOf = members.asOf!;
      assert.ok(
        logger.lines.includes(`Showing ${active().length} members of ${acme.name} from the snapshot of ${new Date(asOf).toISOString()}; refreshing.`),
        logger.lines.join('\n'),
      );
      assert.deepEqual(changes, ['all']);
      await settled(members);
      assert.ok(requests(MEMBERSHIPS) > 1, 'the refresh listed the members');
      assert.deepEqual(changes, ['all', 'all'], 'no change per page while refreshing: the rows shown did not move');
      assert.equal(members.fromSnapshot, false);
      assert.ok(members.asOf! > asOf);
    });

    it('waits through the refresh for someone who joined since, and lets a stranger go at its end', async () => {
      const newcomer = await client().addUser(acme.gid, 'newcomer@acme.test');
      emu.counters.reset();
      const { members } = open();
      await members.start();
      assert.ok(members.isRefreshing);
      const stranger = emu.state.userForToken(emu.tokens.outsider)!.gid;
      const [joined, missing] = await Promise.all([members.whenMember(newcomer.gid), members.whenMember(stranger)]);
      assert.equal(joined?.user.gid, newcomer.gid);
      assert.equal(missing, undefined);
    });

    it('keeps the rows and says why when the refresh fails', async () => {
      emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 500, after: 1 });
      const { members, logger, changes } = open();
      await members.start();
      await settled(members);
      assert.ok(members.fromSnapshot);
      assert.equal(members.refreshError?.kind, 'server');
      assert.equal(members.index.activeCount, active().length);
      assert.ok(logger.lines.some((l) => l.startsWith(`Refreshing the members of ${acme.name} failed, showing the earlier ones: `)), logger.lines.join('\n'));
      assert.deepEqual(changes, ['all', 'all']);
    });

    it('disposed during the refresh: keeps the rows shown and reports nothing more', async () => {
      emu.faults.add({ route: MEMBERSHIPS, kind: 'latency', latencyMs: 200 });
      const { members, changes } = open();
      await members.start();
      await until('the refresh asks', () => requests(MEMBERSHIPS) >= 2);
      members.dispose();
      await tick(800);
      assert.equal(members.index.activeCount, active().length);
      assert.ok(members.fromSnapshot);
      assert.deepEqual(changes, ['all']);
    });

    it('disposed before the snapshot is read: shows nothing and asks nothing', async () => {
      const { members, changes } = open();
      const starting = members.start();
      members.dispose();
      await starting;
      await tick(1_300);
      assert.equal(members.index.size, 0);
      assert.deepEqual(changes, []);
      assert.equal(emu.counters.total, 0);
    });

    it('keeps a change made during the refresh when the refresh replaces the rows', async () => {
      emu.faults.add({ route: MEMBERSHIPS, kind: 'latency', latencyMs: 150 });
      const admin = client();
      const first = active().find((m) => !m.is_admin && m.user !== emu.state.userForToken(emu.tokens.admin)!.gid)!;
      const { members } = open();
      await members.start();
      await until('the refresh has read a page', () => requests(MEMBERSHIPS) >= 2);
      // Removed after the refresh read them as active; a newcomer whose email the refresh never reads.
      await admin.removeUser(acme.gid, first.user);
      members.apply(await admin.getWorkspaceMembership(first.gid));
      emu.faults.add({ route: USERS, kind: 'status', status: 500 });
      const added = await admin.addUser(acme.gid, 'late@acme.test');
      const joined = (await admin.listUserMemberships(added.gid)).find((m) => m.workspace.gid === acme.gid)!;
      members.apply(await admin.getWorkspaceMembership(joined.gid), 'late@acme.test');
      await settled(members);
      assert.equal(members.fromSnapshot, false, 'the refresh replaced the rows');
      assert.equal(members.index.membership(first.gid)?.is_active, false);
      assert.equal(members.index.byUserGid(added.gid)?.gid, joined.gid);
      assert.equal(members.index.emailOf(added.gid), 'late@acme.test');
    });
  });

  describe('keeping the snapshot', () => {
    it('writes changes made in a row once, with the change, a second after the last', async () => {
      const { members, files } = open();
      await members.start();
      await until('the listing is kept', () => files!.writes === 1);
      const some = members.index.slice('members', 0, 5);
      for (const [i, m] of some.entries()) members.apply(m, `renamed${i}@acme.test`);
      await tick(300);
      assert.equal(files!.writes, 1, 'not at once');
      await until('the change is kept', () => files!.writes === 2, 3_000);
      await tick(1_300);
      assert.equal(files!.writes, 2, 'once for the five');
      await files!.written;
      const kept = await files!.readMembers(acme);
      assert.equal(kept?.emails.get(some[4]!.user.gid), 'renamed4@acme.test');
      assert.equal(members.index.emailOf(some[0]!.user.gid), 'renamed0@acme.test');
    });

    it('never keeps a listing still under way, even after a change applied to it', async () => {
      emu.faults.add({ route: MEMBERSHIPS, kind: 'latency', latencyMs: 500 });
      const { members, files } = open();
      void members.start();
      await until('the first page is in', () => members.index.size > 0);
      members.apply(members.index.slice('members', 0, 1)[0]!);
      await tick(1_300);
      assert.equal(members.state, 'loading');
      assert.equal(files!.writes, 0);
      await members.start();
      await until('the complete listing is kept', () => files!.writes === 1);
    });

    it('says so when the snapshot cannot be written', async () => {
      const blocked = path.join(root, 'a-file');
      fs.writeFileSync(blocked, '');
      const { members, logger } = open({ storageRoot: blocked });
      await members.start();
      await until('the failure is logged', () => logger.lines.some((l) => l.startsWith(`Could not keep a snapshot of ${acme.name}: `)));
    });
  });
});
