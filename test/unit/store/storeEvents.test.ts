/**
 * Store against the emulator: the account's events reach the store's listeners, account changes
 * are told, snapshots are kept only with a storage folder and the setting on, forget() logs what it
 * did or why it could not, and a disposed store tells no one anything.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AsanaClient } from '../../../src/asana/client';
import type { Logger } from '../../../src/asana/logger';
import type { AccountStore } from '../../../src/store/accountStore';
import { snapshotFolder } from '../../../src/store/snapshotFiles';
import { Store } from '../../../src/store/store';
import { startEmulator, type Emulator } from '../../emulator/index';
import { removeFolder } from '../../helpers/removeFolder';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (m: string) => lines.push(m);
  return { lines, trace: put, debug: put, info: put, warn: put, error: put };
}

describe('Store events and storage (against the emulator)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let root: string;
  const clients: AsanaClient[] = [];

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 150 } });
  });
  after(async () => emu.close());
  beforeEach(() => {
    emu.reset();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-store-'));
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.dispose();
    await removeFolder(root);
  });

  function connection(token = emu.tokens.admin) {
    const client = new AsanaClient({ token, baseUrl: emu.baseUrl, retryBaseMs: 1, retryMaxMs: 5 });
    clients.push(client);
    return { accountGid: emu.state.userForToken(token)?.gid ?? '1', client, apiBaseUrl: emu.baseUrl };
  }

  function listen(store: Store) {
    const heard: string[] = [];
    store.onDidChangeAccounts((list) => heard.push(list.length ? `accounts ${list.map((a) => a.accountGid).join(' ')}` : 'no account'));
    store.onDidChangeWorkspaces(() => heard.push('workspaces'));
    store.onDidChangeMembers((e) => heard.push(`members ${e.workspaceGid}`));
    store.onUnauthorized((e) => heard.push(`${e.error.kind} ${e.account.accountGid}`));
    return heard;
  }

  const acme = () => emu.state.seedInfo.workspaces.acme;

  it("passes on the account's events and tells when the account changes", async () => {
    const store = new Store({ logger: recordingLogger(), storageRoot: undefined, snapshotsEnabled: () => true });
    const heard = listen(store);
    const conn = connection();
    store.connect([conn]);
    assert.deepEqual(heard, [`accounts ${conn.accountGid}`]);
    await store.account!.start();
    assert.ok(heard.includes('workspaces'));
    await store.account!.loadMembers(acme())!.start();
    assert.ok(heard.includes(`members ${acme()}`));
    store.connect([connection(emu.tokens.invalid)]);
    await store.account!.start();
    assert.ok(heard.includes('unauthorized 1'), heard.join('\n'));
    store.connect([]);
    assert.equal(heard.at(-1), 'no account');
    assert.equal(store.account, undefined);
    store.dispose();
  });

  it('holds several accounts side by side: one joining or leaving leaves the others and their loads alone', async () => {
    const store = new Store({ logger: recordingLogger(), storageRoot: undefined, snapshotsEnabled: () => true });
    const heard = listen(store);
    const admin = connection();
    const member = connection(emu.tokens.member);
    store.connect([admin]);
    const adminStore = store.account!;
    await adminStore.start();
    const members = adminStore.loadMembers(acme())!;
    store.connect([admin, member]);
    assert.equal(store.accountOf(admin.accountGid), adminStore, 'the first account keeps its store');
    assert.equal(store.account, undefined, 'no single account any more');
    assert.deepEqual(heard.at(-1), `accounts ${admin.accountGid} ${member.accountGid}`);
    await members.start();
    assert.equal(members.state, 'done', 'its listing went on while the second account joined');
    // Each account's events name it: a workspace both see is two workspaces to the view.
    const heardMembers: string[] = [];
    store.onDidChangeMembers((e) => heardMembers.push(`${e.account.accountGid} ${e.workspaceGid}`));
    await store.accountOf(member.accountGid)!.start();
    await store.accountOf(member.accountGid)!.loadMembers(acme())!.start();
    assert.ok(heardMembers.includes(`${member.accountGid} ${acme()}`), heardMembers.join('\n'));
    // A token Asana refuses is that account's news only.
    const refused = connection(emu.tokens.invalid);
    store.connect([admin, member, refused]);
    await store.accountOf(refused.accountGid)!.start();
    assert.deepEqual(heard.filter((h) => h.startsWith('unauthorized')), [`unauthorized ${refused.accountGid}`]);
    store.connect([member]);
    assert.equal(adminStore.membersOf(acme()), undefined, 'the account that left stopped');
    assert.deepEqual(store.accounts.map((a) => a.accountGid), [member.accountGid]);
    store.dispose();
  });

  it('connected again with the same accounts, tells nothing and keeps their stores; a new client for an account starts it afresh', async () => {
    const store = new Store({ logger: recordingLogger(), storageRoot: undefined, snapshotsEnabled: () => true });
    const heard = listen(store);
    const admin = connection();
    const member = connection(emu.tokens.member);
    store.connect([admin, member]);
    const adminStore = store.accountOf(admin.accountGid)!;
    const memberStore = store.accountOf(member.accountGid)!;
    heard.length = 0;
    // Session changes (another account's token, a setting) connect every account again.
    store.connect([admin, member]);
    assert.deepEqual(heard, [], 'nothing changed, nothing told');
    assert.equal(store.accountOf(admin.accountGid), adminStore);
    // A new token for the same account (signed in again) is a new client: its store starts afresh.
    const renewed = { ...connection(), accountGid: admin.accountGid };
    store.connect([renewed, member]);
    const fresh = store.accountOf(admin.accountGid)!;
    assert.notEqual(fresh, adminStore);
    assert.equal(fresh.client, renewed.client);
    assert.equal(store.accountOf(member.accountGid), memberStore, 'the other account keeps its store');
    assert.deepEqual(heard, [`accounts ${admin.accountGid} ${member.accountGid}`], 'told once: a store in the list is new');
    store.dispose();
  });

  it('without a storage folder, works and keeps nothing, and forget() does nothing', async () => {
    const logger = recordingLogger();
    const store = new Store({ logger, storageRoot: undefined, snapshotsEnabled: () => true });
    const conn = connection();
    store.connect([conn]);
    await store.account!.start();
    assert.ok(store.account!.workspaces!.length > 0);
    await store.forget({ accountGid: conn.accountGid, apiBaseUrl: conn.apiBaseUrl });
    assert.deepEqual(
      logger.lines.filter((l) => /snapshot/i.test(l)),
      [],
    );
    store.dispose();
  });

  it('with a storage folder, keeps the snapshots, and forget() deletes them and says so', async () => {
    const logger = recordingLogger();
    const store = new Store({ logger, storageRoot: root, snapshotsEnabled: () => true });
    const conn = connection();
    const owner = { accountGid: conn.accountGid, apiBaseUrl: conn.apiBaseUrl };
    store.connect([conn]);
    await store.account!.start();
    const file = path.join(snapshotFolder(root, owner), 'workspaces.json');
    for (let i = 0; i < 500 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(fs.existsSync(file));
    store.connect([]);
    await store.forget(owner);
    assert.ok(!fs.existsSync(file));
    assert.ok(logger.lines.includes('Deleted the snapshots of the account that signed out.'), logger.lines.join('\n'));
    store.dispose();
  });

  it('says why when the snapshots cannot be deleted', async () => {
    const logger = recordingLogger();
    const blocked = path.join(root, 'a-file');
    fs.writeFileSync(blocked, '');
    const store = new Store({ logger, storageRoot: blocked, snapshotsEnabled: () => true });
    await store.forget({ accountGid: '1', apiBaseUrl: emu.baseUrl });
    assert.ok(
      logger.lines.some((l) => l.startsWith('Could not delete the snapshots of the account that signed out: ')),
      logger.lines.join('\n'),
    );
    store.dispose();
  });

  it('disposed, stops the account and tells no one anything, even if connected again', async () => {
    const store = new Store({ logger: recordingLogger(), storageRoot: undefined, snapshotsEnabled: () => true });
    const heard = listen(store);
    store.connect([connection()]);
    const account: AccountStore = store.account!;
    await account.start();
    store.dispose();
    assert.equal(heard.at(-1), 'no account');
    assert.equal(account.membersOf(acme()), undefined, 'the account was disposed');
    const told = heard.length;
    store.connect([connection()]);
    await store.account!.start();
    await store.account!.loadMembers(acme())!.start();
    store.connect([connection(emu.tokens.invalid)]);
    await store.account!.start();
    assert.equal(heard.length, told);
    store.connect([]);
  });
});
