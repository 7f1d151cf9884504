// The store against the emulator: listings, waiting for a member, temporary states, and snapshots
// that are shown before any request, refreshed, and refused when they are not exactly ours.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AsanaClient } from '../../../src/asana/client';
import { silentLogger, type Logger } from '../../../src/asana/logger';
import { AccountStore } from '../../../src/store/accountStore';
import { SnapshotFiles } from '../../../src/store/snapshotFiles';
import { startEmulator, type Emulator } from '../../emulator/index';
import { removeFolder } from '../../helpers/removeFolder';

const MEMBERSHIPS = 'GET /workspaces/{workspace_gid}/workspace_memberships';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (m: string) => lines.push(m);
  return { lines, trace: put, debug: put, info: put, warn: put, error: put };
}

describe('AccountStore (against the emulator)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let root: string;
  const clients: AsanaClient[] = [];
  const stores: AccountStore[] = [];

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 450 } });
  });
  after(async () => emu.close());
  beforeEach(() => {
    emu.reset();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-store-'));
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) s.dispose();
    for (const c of clients.splice(0)) await c.dispose();
    await removeFolder(root);
  });

  function open(opts: { token?: string; snapshots?: boolean; logger?: Logger } = {}): AccountStore {
    const token = opts.token ?? emu.tokens.admin;
    const client = new AsanaClient({ token, baseUrl: emu.baseUrl, retryBaseMs: 1, retryMaxMs: 5 });
    clients.push(client);
    const accountGid = emu.state.userForToken(token)!.gid;
    const logger = opts.logger ?? silentLogger;
    const snapshots = opts.snapshots === false ? undefined : new SnapshotFiles(root, { accountGid, apiBaseUrl: emu.baseUrl }, logger);
    const store = new AccountStore({ client, accountGid, snapshots, logger });
    stores.push(store);
    return store;
  }

  const acme = () => emu.state.seedInfo.workspaces.acme;

  async function snapshotWritten(workspace: string): Promise<void> {
    const file = () => {
      const dir = path.join(root, 'snapshots');
      const [folder] = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
      return folder ? path.join(dir, folder, `members-${workspace}.json`) : undefined;
    };
    for (let i = 0; i < 500; i++) {
      const f = file();
      if (f && fs.existsSync(f)) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the snapshot was never written');
  }
  const activeIn = (ws: string) => emu.state.membershipsOf(ws, { activeOnly: true });

  async function loaded(store: AccountStore, ws: string) {
    await store.start();
    const members = store.loadMembers(ws)!;
    await members.start();
    while (members.state === 'loading' || members.isRefreshing) await new Promise((r) => setTimeout(r, 10));
    // The roster history compares what was shown once it is complete: wait for it too.
    await members.history.whenLoaded();
    return members;
  }

  it('loads every active member with emails, grouped, and reports changes per page', async () => {
    const store = open({ snapshots: false });
    let events = 0;
    store.onDidChangeMembers(() => events++);
    const members = await loaded(store, acme());
    const expected = activeIn(acme());
    assert.equal(members.state, 'done');
    assert.equal(members.index.activeCount, expected.length);
    assert.ok(events >= 5, `an event per page at least (got ${events})`);
    const someone = expected[17]!;
    assert.equal(members.index.byUserGid(someone.user)?.gid, someone.gid);
    assert.equal(members.index.emailOf(someone.user), emu.state.user(someone.user)!.email);
    const admins = expected.filter((m) => m.is_admin).length;
    assert.equal(members.index.count('admins'), admins);
  });

  it('resolves whenMember as soon as the page holding the person arrives, and undefined for a stranger', async () => {
    const store = open({ snapshots: false });
    const last = activeIn(acme()).at(-1)!;
    const outsider = emu.state.userForToken(emu.tokens.outsider)!.gid;
    const [found, missing] = await Promise.all([store.whenMember(acme(), last.user), store.whenMember(acme(), outsider)]);
    assert.equal(found?.gid, last.gid);
    assert.equal(missing, undefined);
  });

  it('shows a temporary state only while its call runs, even when the call fails', async () => {
    const store = open({ snapshots: false });
    const members = await loaded(store, acme());
    const m = members.index.slice('members', 0, 1)[0]!;
    const seen: (string | undefined)[] = [];
    store.onDidChangeMembers(() => seen.push(store.busyLabel(m.gid)));
    await assert.rejects(store.runBusy(acme(), m.gid, 'Removing…', async () => Promise.reject(new Error('boom'))), /boom/);
    assert.deepEqual(seen, ['Removing…', undefined]);
    assert.equal(store.busyLabel(m.gid), undefined);
  });

  it('after a reload, shows the snapshot before any request, then replaces it with a fresh listing', async () => {
    const first = open();
    await loaded(first, acme());
    first.dispose();
    await snapshotWritten(acme()); // written just after the listing ends
    // Someone joins between the two looks.
    await clients[0]!.addUser(acme(), 'newcomer@acme.test');
    emu.counters.reset();
    emu.faults.add({ kind: 'latency', latencyMs: 300 });
    const second = open();
    await second.start();
    assert.equal(emu.counters.total, 0, 'the workspaces came from the snapshot');
    assert.ok(second.workspacesFromSnapshot);
    const members = second.loadMembers(acme())!;
    await members.start();
    assert.equal(emu.counters.byRoute[MEMBERSHIPS] ?? 0, 0, 'the members came from the snapshot');
    assert.ok(members.fromSnapshot);
    assert.equal(members.index.activeCount, activeIn(acme()).length - 1);
    assert.equal(members.state, 'done');
    while (members.isRefreshing) await new Promise((r) => setTimeout(r, 10));
    assert.equal(members.fromSnapshot, false);
    assert.equal(members.index.activeCount, activeIn(acme()).length, 'the newcomer is there after the refresh');
  });

  it('keeps the snapshot and says why when the refresh fails', async () => {
    const first = open();
    await loaded(first, acme());
    first.dispose();
    await snapshotWritten(acme()); // written just after the listing ends
    emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 500, after: 1 });
    const second = open();
    const members = await loaded(second, acme());
    assert.ok(members.fromSnapshot);
    assert.equal(members.refreshError?.kind, 'server');
    assert.equal(members.index.activeCount, activeIn(acme()).length);
  });

  for (const [what, spoil] of [
    ['a truncated snapshot', (text: string) => text.slice(0, text.length / 2)],
    ['a snapshot of an old format', (text: string) => text.replace('"format":1', '"format":0')],
    ['a snapshot with a malformed row', (text: string) => text.replace(/"rows":\[\["\d+"/, '"rows":[["x"')],
    ['a snapshot of another account', (text: string) => text.replace(/"accountGid":"\d+"/, '"accountGid":"42"')],
    ['a snapshot of another API URL', (text: string) => text.replace(/"apiBaseUrl":"[^"]+"/, '"apiBaseUrl":"https://app.asana.com/api/1.0"')],
  ] as const) {
    it(`ignores ${what} with a log line and loads from Asana`, async () => {
      const first = open();
      await loaded(first, acme());
      first.dispose();
      await snapshotWritten(acme()); // written just after the listing ends
      const folder = fs.readdirSync(path.join(root, 'snapshots')).map((d) => path.join(root, 'snapshots', d))[0]!;
      const file = path.join(folder, `members-${acme()}.json`);
      fs.writeFileSync(file, spoil(fs.readFileSync(file, 'utf8')));
      emu.counters.reset();
      const logger = recordingLogger();
      const second = open({ logger });
      const members = await loaded(second, acme());
      assert.equal(members.fromSnapshot, false);
      assert.ok((emu.counters.byRoute[MEMBERSHIPS] ?? 0) > 0);
      assert.ok(logger.lines.some((l) => /Ignoring the snapshot members-/.test(l)), logger.lines.join('\n'));
      assert.equal(members.index.activeCount, activeIn(acme()).length);
    });
  }

  it("never shows another account's snapshot: each account has its own folder", async () => {
    const admin = open();
    await loaded(admin, acme());
    admin.dispose();
    await snapshotWritten(acme()); // written just after the listing ends
    emu.counters.reset();
    const member = open({ token: emu.tokens.member });
    await member.start();
    assert.equal(member.workspacesFromSnapshot, false);
    assert.ok(emu.counters.total > 0);
  });

  it('a partial listing is never kept as a snapshot', async () => {
    emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 500, after: 2 });
    const store = open();
    const members = await loaded(store, acme());
    assert.equal(members.state, 'failed');
    await new Promise((r) => setTimeout(r, 50));
    const folder = fs.readdirSync(path.join(root, 'snapshots')).map((d) => path.join(root, 'snapshots', d))[0]!;
    assert.ok(!fs.existsSync(path.join(folder, `members-${acme()}.json`)));
  });
});
