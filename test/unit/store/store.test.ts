// The store across accounts: sign-out deletes what was kept for the account, even with a write under way.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AsanaClient } from '../../../src/asana/client';
import { silentLogger } from '../../../src/asana/logger';
import { Store } from '../../../src/store/store';
import { startEmulator, type Emulator } from '../../emulator/index';
import { removeFolder } from '../../helpers/removeFolder';

describe('Store (against the emulator)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let root: string;
  let client: AsanaClient;

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 300 } });
  });
  after(async () => emu.close());
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-store-'));
    client = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl });
  });
  afterEach(async () => {
    await client.dispose();
    await removeFolder(root);
  });

  const folders = () => (fs.existsSync(path.join(root, 'snapshots')) ? fs.readdirSync(path.join(root, 'snapshots')) : []);

  it('forget() deletes the account snapshots, and a write still under way does not bring them back', async () => {
    const store = new Store({ logger: silentLogger, storageRoot: root, snapshotsEnabled: () => true });
    const accountGid = emu.state.userForToken(emu.tokens.admin)!.gid;
    const owner = { accountGid, apiBaseUrl: client.baseUrl.href };
    store.connect([{ accountGid, client, apiBaseUrl: owner.apiBaseUrl }]);
    const account = store.account!;
    await account.start();
    const members = account.loadMembers(emu.state.seedInfo.workspaces.acme)!;
    await members.start();
    assert.equal(members.state, 'done');
    // The members snapshot is being written now: sign out at once.
    store.connect([]);
    await store.forget(owner);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(folders(), []);
    store.dispose();
  });

  it('turned off, keeps nothing on disk', async () => {
    const store = new Store({ logger: silentLogger, storageRoot: root, snapshotsEnabled: () => false });
    const accountGid = emu.state.userForToken(emu.tokens.admin)!.gid;
    store.connect([{ accountGid, client, apiBaseUrl: client.baseUrl.href }]);
    await store.account!.start();
    await store.account!.loadMembers(emu.state.seedInfo.workspaces.guild)!.start();
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(folders(), []);
    store.dispose();
  });
});
