/**
 * AccountStore's workspace list against the emulator: each step of a load told to listeners, a
 * failed load and a refused token, the snapshot shown first then refreshed a second later, renames,
 * refresh(), and disposal at each stage (nothing shown, asked or kept after it).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AsanaClient } from '../../../src/asana/client';
import type { Logger } from '../../../src/asana/logger';
import { AccountStore, type WorkspacesState } from '../../../src/store/accountStore';
import { SnapshotFiles } from '../../../src/store/snapshotFiles';
import { startEmulator, type Emulator } from '../../emulator/index';
import { removeFolder } from '../../helpers/removeFolder';
import { tick, until } from '../../helpers/until';

const WORKSPACES = 'GET /workspaces';
const MEMBERSHIPS = 'GET /workspaces/{workspace_gid}/workspace_memberships';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (m: string) => lines.push(m);
  return { lines, trace: put, debug: put, info: put, warn: put, error: put };
}

describe('AccountStore workspaces (against the emulator)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let root: string;
  const clients: AsanaClient[] = [];
  const stores: AccountStore[] = [];

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 250 } });
  });
  after(async () => emu.close());
  beforeEach(() => {
    emu.reset();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-account-'));
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) s.dispose();
    for (const c of clients.splice(0)) await c.dispose();
    await removeFolder(root);
  });

  function client(token = emu.tokens.admin): AsanaClient {
    const c = new AsanaClient({ token, baseUrl: emu.baseUrl, retryBaseMs: 1, retryMaxMs: 5, maxReadRetries: 0 });
    clients.push(c);
    return c;
  }

  function open(opts: { token?: string; snapshots?: boolean; storageRoot?: string } = {}) {
    const token = opts.token ?? emu.tokens.admin;
    const accountGid = emu.state.userForToken(token)?.gid ?? '1';
    const logger = recordingLogger();
    const files = opts.snapshots === false ? undefined : new SnapshotFiles(opts.storageRoot ?? root, { accountGid, apiBaseUrl: emu.baseUrl }, logger);
    const store = new AccountStore({ client: client(token), accountGid, snapshots: files, logger });
    stores.push(store);
    const states: WorkspacesState[] = [];
    store.onDidChangeWorkspaces(() => states.push(store.workspacesState));
    return { store, logger, files, states };
  }

  const requests = (route: string) => emu.counters.byRoute[route] ?? 0;
  const acme = () => emu.state.seedInfo.workspaces.acme;
  const guild = () => emu.state.seedInfo.workspaces.guild;

  /** The workspace list kept on disk, as a previous session leaves it. */
  async function keepSnapshot(): Promise<void> {
    const { store, files } = open();
    await store.start();
    await until('the workspaces are kept', () => fs.existsSync(path.join(files!.folder, 'workspaces.json')));
    store.dispose();
    emu.counters.reset();
  }

  it('tells listeners of the load and of its end, and logs it', async () => {
    const { store, states, logger } = open({ snapshots: false });
    assert.equal(store.workspacesFromSnapshot, false);
    assert.equal(store.workspacesState, 'idle');
    await store.start();
    assert.deepEqual(states, ['loading', 'ready']);
    assert.equal(store.workspacesFromSnapshot, false);
    assert.ok(store.workspacesAsOf! > 0);
    assert.ok(logger.lines.includes(`Loaded ${store.workspaces!.length} workspaces.`), logger.lines.join('\n'));
  });

  it('a failed load says why and tells listeners; the next load asks again', async () => {
    emu.faults.add({ route: WORKSPACES, kind: 'status', status: 500, times: 1 });
    const { store, states, logger } = open({ snapshots: false });
    let unauthorized = 0;
    store.onUnauthorized(() => unauthorized++);
    await store.start();
    assert.equal(store.workspacesState, 'failed');
    assert.equal(store.workspacesError?.kind, 'server');
    assert.equal(store.workspaces, undefined);
    assert.deepEqual(states, ['loading', 'failed']);
    assert.ok(logger.lines.includes(`Loading workspaces failed: ${store.workspacesError!.message}`), logger.lines.join('\n'));
    assert.equal(unauthorized, 0);
    await store.loadWorkspaces();
    assert.equal(requests(WORKSPACES), 2);
    assert.equal(store.workspacesState, 'ready');
    assert.equal(store.workspacesError, undefined);
  });

  it('a refused token asks the account to sign in again', async () => {
    const { store } = open({ token: emu.tokens.invalid, snapshots: false });
    const heard: string[] = [];
    store.onUnauthorized((e) => heard.push(e.kind));
    await store.start();
    assert.equal(store.workspacesState, 'failed');
    assert.deepEqual(heard, ['unauthorized']);
  });

  it('shows the snapshot before any request and tells listeners, then refreshes it a second later, staying ready', async () => {
    await keepSnapshot();
    const { store, states } = open();
    await store.start();
    assert.equal(emu.counters.total, 0);
    assert.ok(store.workspacesFromSnapshot);
    assert.deepEqual(states, ['ready']);
    const asOf = store.workspacesAsOf!;
    await until('the refresh answers', () => !store.workspacesFromSnapshot, 5_000);
    assert.equal(requests(WORKSPACES), 1);
    assert.ok(store.workspacesAsOf! > asOf);
    assert.ok(!states.includes('loading'), states.join());
    assert.equal(states.at(-1), 'ready');
  });

  it('keeps the snapshot shown when its refresh fails, and says why', async () => {
    await keepSnapshot();
    emu.faults.add({ route: WORKSPACES, kind: 'status', status: 500 });
    const { store, states } = open();
    await store.start();
    await until('the refresh fails', () => store.workspacesError !== undefined, 5_000);
    assert.equal(store.workspacesState, 'ready');
    assert.ok(store.workspacesFromSnapshot);
    assert.ok(store.workspaces!.length > 0);
    await until('listeners are told', () => states.length === 3);
    assert.deepEqual(states, ['ready', 'ready', 'ready']);
  });

  it('disposed before the snapshot is read: shows nothing and never asks', async () => {
    await keepSnapshot();
    const { store, states } = open();
    const starting = store.start();
    store.dispose();
    await starting;
    assert.equal(store.workspaces, undefined);
    assert.deepEqual(states, []);
    await tick(1_300);
    assert.equal(emu.counters.total, 0);
  });

  it('disposed while the snapshot shows: never refreshes it', async () => {
    await keepSnapshot();
    const { store } = open();
    await store.start();
    store.dispose();
    await tick(1_300);
    assert.equal(emu.counters.total, 0);
  });

  it('disposed during the load: shows and keeps nothing of it', async () => {
    emu.faults.add({ route: WORKSPACES, kind: 'latency', latencyMs: 300 });
    const { store, files } = open();
    const starting = store.start();
    await tick(50);
    store.dispose();
    await starting;
    await tick(100);
    assert.equal(store.workspaces, undefined);
    assert.ok(!fs.existsSync(path.join(files!.folder, 'workspaces.json')));
  });

  it('says so when the workspaces cannot be kept', async () => {
    const blocked = path.join(root, 'a-file');
    fs.writeFileSync(blocked, '');
    const { store, logger } = open({ storageRoot: blocked });
    await store.start();
    await until('the failure is logged', () => logger.lines.some((l) => l.startsWith('Could not keep a snapshot of the workspaces: ')));
  });

  it('applies a rename to that workspace only, in place, tells listeners, keeps it, and renames its members', async () => {
    const { store, states, files } = open();
    await store.start();
    const before = store.workspaces!.map((w) => w.gid);
    const members = store.membersOf(guild())!;
    for (const gid of [acme(), guild()]) {
      const renamed = await clients[0]!.renameWorkspace(gid, `Renamed ${gid}`);
      const heard = states.length;
      store.applyWorkspace(renamed);
      assert.equal(states.length, heard + 1);
      assert.equal(store.workspace(gid)?.name, `Renamed ${gid}`);
    }
    assert.deepEqual(
      store.workspaces!.map((w) => w.gid),
      before,
    );
    assert.deepEqual(
      store.workspaces!.filter((w) => w.name.startsWith('Renamed')).map((w) => w.gid),
      [acme(), guild()],
    );
    assert.equal(members.workspace.name, `Renamed ${guild()}`);
    const heard = states.length;
    store.applyWorkspace({ gid: '999', name: 'Unknown', is_organization: false, email_domains: [] });
    assert.equal(states.length, heard, 'a workspace not shown is ignored');
    await tick(200);
    const kept = await files!.readWorkspaces();
    assert.deepEqual(
      kept?.workspaces.filter((w) => w.name.startsWith('Renamed')).map((w) => w.gid),
      [acme(), guild()],
    );
  });

  it('refresh() reloads the workspaces and the members already shown, leaving the others idle', async () => {
    const { store } = open({ snapshots: false });
    await store.start();
    const members = store.loadMembers(acme())!;
    await members.start();
    const idle = store.membersOf(guild())!;
    await clients[0]!.renameWorkspace(acme(), 'Acme Renamed');
    emu.counters.reset();
    await store.refresh();
    assert.equal(requests(WORKSPACES), 1);
    assert.ok(requests(MEMBERSHIPS) > 0, 'the members shown were listed again');
    assert.equal(idle.state, 'idle');
    assert.equal(members.workspace.name, 'Acme Renamed', 'the members know the new name');
    assert.equal(store.workspace(acme())?.name, 'Acme Renamed');
  });

  it('after dispose, hands out no members and stops their listing', async () => {
    emu.faults.add({ route: MEMBERSHIPS, kind: 'latency', latencyMs: 200 });
    const { store } = open({ snapshots: false });
    await store.start();
    const members = store.loadMembers(acme())!;
    await until('the listing is under way', () => members.index.size > 0);
    store.dispose();
    const [asked, shown] = [emu.counters.total, members.index.size];
    await tick(700);
    assert.ok(emu.counters.total <= asked + 2, `requests went on after dispose (${asked} → ${emu.counters.total})`);
    assert.equal(members.index.size, shown, 'no page was taken in after dispose');
    assert.equal(members.state, 'loading');
    assert.equal(store.membersOf(acme()), undefined);
    assert.equal(store.loadMembers(guild()), undefined);
  });
});
