// The store's members as a people search, against the emulator's listings.
import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { silentLogger } from '../../../src/asana/logger';
import { localPeople, SEARCH_LIMIT } from '../../../src/search/localPeople';
import { AccountStore } from '../../../src/store/accountStore';
import { startEmulator, type Emulator } from '../../emulator/index';

describe('local people search over the store', function () {
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

  it('knows nothing before the workspaces, or the workspace’s members, were asked for', async () => {
    assert.equal(localPeople(account, acme)('a'), undefined, 'workspaces not loaded');
    await account.start();
    assert.equal(localPeople(account, acme)('a'), undefined, 'members never loaded');
  });

  it('answers as incomplete while the listing runs, and as complete once it is done', async () => {
    await account.start();
    const members = account.loadMembers(acme)!;
    assert.deepEqual(localPeople(account, acme)('a'), { people: [], complete: false }, 'nothing listed yet, but loading');
    await members.start();
    const target = emu.state.user(emu.state.membershipsOf(acme, { activeOnly: true })[7]!.user)!;
    const answer = localPeople(account, acme)(target.email!);
    assert.equal(answer?.complete, true);
    // A person as the pickers show them: the user's id (not the membership's), name and email.
    assert.deepEqual(answer.people, [{ gid: target.gid, name: target.name, email: target.email }]);
  });

  it(`shows at most ${SEARCH_LIMIT} people for a query many match`, async () => {
    await account.start();
    await account.loadMembers(acme)!.start();
    const many = emu.state.membershipsOf(acme, { activeOnly: true }).filter((m) => emu.state.user(m.user)!.email?.endsWith('.test')).length;
    assert.ok(many > SEARCH_LIMIT, `the query matches ${many}`);
    assert.equal(SEARCH_LIMIT, 20);
    assert.equal(localPeople(account, acme)('test')!.people.length, SEARCH_LIMIT);
  });
});
