// An account's recent picks as the pickers see them: scoped to the account and server, and without
// people the store knows are no longer members, against the emulator's listings.
import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { silentLogger } from '../../../src/asana/logger';
import { collect } from '../../../src/asana/pagination';
import { recentPicks, recentScope } from '../../../src/search/accountRecents';
import { RecentUsers } from '../../../src/search/recentUsers';
import { AccountStore } from '../../../src/store/accountStore';
import { startEmulator, type Emulator } from '../../emulator/index';
import { MemoryMemento } from '../../helpers/memoryMemento';

describe('recent picks of an account', function () {
  this.timeout(20_000);
  let emu: Emulator;
  let client: AsanaClient;
  let account: AccountStore;
  let acme: string;

  before(async () => {
    emu = await startEmulator({ seed: 5, sizes: { bigWorkspaceMembers: 300 } });
    acme = emu.state.seedInfo.workspaces.acme;
  });
  beforeEach(() => {
    emu.reset();
    client = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl });
    account = new AccountStore({ client, accountGid: emu.state.userForToken(emu.tokens.admin)!.gid, snapshots: undefined, logger: silentLogger });
  });
  afterEach(async () => {
    account.dispose();
    await client.dispose();
  });
  after(() => emu.close());

  const people = () => emu.state.membershipsOf(acme, { activeOnly: true }).map((m) => emu.state.user(m.user)!);

  it('is scoped by the API URL, the account and the workspace', () => {
    assert.deepEqual(recentScope(account, acme), { apiBaseUrl: client.baseUrl.href, accountGid: account.accountGid, workspaceGid: acme });
  });

  it('remembers a pick for this account only, and keeps everyone while the members are not known', async () => {
    const recent = new RecentUsers(new MemoryMemento());
    const picks = recentPicks(recent, account, acme);
    const [a, b] = people();
    await picks.add({ gid: a!.gid, name: a!.name });
    await picks.add({ gid: b!.gid, name: b!.name });
    assert.deepEqual(recent.list(picks.scope).map((u) => u.gid), [b!.gid, a!.gid]);
    assert.deepEqual(picks.list().map((u) => u.gid), [b!.gid, a!.gid], 'nothing known of the members: nobody left out');
    assert.deepEqual(recent.list({ ...picks.scope, accountGid: '1' }), []);
  });

  it('leaves out someone no longer a member: inactive, or absent from the whole roster', async () => {
    const recent = new RecentUsers(new MemoryMemento());
    const picks = recentPicks(recent, account, acme);
    const [stays, removed] = people().slice(3);
    await picks.add({ gid: stays!.gid, name: stays!.name });
    await picks.add({ gid: removed!.gid, name: removed!.name });
    await picks.add({ gid: '123456789', name: 'Never Seen' });
    emu.changeRoster({ workspace: acme, remove: [removed!.gid] });
    await account.start();
    const members = account.loadMembers(acme)!;
    const loading = members.start();
    assert.deepEqual(picks.list().map((u) => u.name), ['Never Seen', removed!.name, stays!.name], 'a roster still loading leaves nobody out');
    await loading;
    assert.equal(members.complete, true);
    assert.deepEqual(picks.list().map((u) => u.gid), [stays!.gid]);
  });

  it('leaves out someone removed here, whom the store shows as inactive until the next listing', async () => {
    const recent = new RecentUsers(new MemoryMemento());
    const picks = recentPicks(recent, account, acme);
    await account.start();
    await account.loadMembers(acme)!.start();
    const [stays, removed] = people().slice(3);
    await picks.add({ gid: stays!.gid, name: stays!.name });
    await picks.add({ gid: removed!.gid, name: removed!.name });
    const membership = account.membersOf(acme)!.index.byUserGid(removed!.gid)!;
    // What the remove flow hands the store once Asana has removed them.
    account.applyMembership({ ...membership, is_active: false }, undefined);
    assert.deepEqual(picks.list().map((u) => u.gid), [stays!.gid]);
  });

  it('leaves out someone removed here before the members were ever loaded, and keeps the rest', async () => {
    const recent = new RecentUsers(new MemoryMemento());
    const picks = recentPicks(recent, account, acme);
    await account.start();
    const [stays, removed] = people().slice(3);
    await picks.add({ gid: stays!.gid, name: stays!.name });
    await picks.add({ gid: removed!.gid, name: removed!.name });
    // As the remove flow does: remove in Asana, then hand the store the membership Asana now holds.
    const [before] = await collect(client.workspaceMembershipPages(acme, { user: removed!.gid, pageSize: 1 }));
    await client.removeUser(acme, removed!.gid);
    account.applyMembership(await client.getWorkspaceMembership(before!.gid));
    assert.equal(account.membersOf(acme)!.state, 'idle', 'the members were not loaded');
    assert.deepEqual(picks.list().map((u) => u.gid), [stays!.gid]);
  });
});
