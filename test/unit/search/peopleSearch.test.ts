// Local first, Asana for the rest: against the emulator's typeahead and a store-like local search.
import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { silentLogger } from '../../../src/asana/logger';
import { localPeople } from '../../../src/search/localPeople';
import { PeopleSearch, type PeopleResult } from '../../../src/search/peopleSearch';
import { TypeaheadController } from '../../../src/search/typeaheadController';
import { AccountStore } from '../../../src/store/accountStore';
import { startEmulator, type Emulator } from '../../emulator/index';

const TYPEAHEAD = 'GET /workspaces/{workspace_gid}/typeahead';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PeopleSearch (store first, then Asana)', function () {
  this.timeout(20_000);
  let emu: Emulator;
  let client: AsanaClient;
  let account: AccountStore;
  let acme: string;

  before(async () => {
    emu = await startEmulator({ seed: 9, sizes: { bigWorkspaceMembers: 600 } });
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

  function search(): { people: PeopleSearch; controller: TypeaheadController; shown: PeopleResult[] } {
    const controller = new TypeaheadController((q, signal) => client.typeaheadUsers(acme, q, { signal, count: 20 }), { debounceMs: 20 });
    const people = new PeopleSearch(localPeople(account, acme), controller);
    const shown: PeopleResult[] = [];
    people.listen({ results: (r) => shown.push(r) });
    return { people, controller, shown };
  }

  const someone = () => emu.state.user(emu.state.membershipsOf(acme, { activeOnly: true })[42]!.user)!;

  it('answers from the loaded members at once, with no request to Asana', async () => {
    await account.start();
    await account.membersOf(acme)!.start();
    const { people, controller, shown } = search();
    emu.counters.reset();
    const target = someone();
    people.setQuery(target.name.slice(0, 4));
    assert.equal(shown.length, 1, 'answered synchronously');
    assert.equal(shown[0]!.pending, false);
    assert.ok(shown[0]!.people.some((p) => p.gid === target.gid && p.email === target.email));
    await sleep(100);
    assert.equal(controller.requestsSent, 0);
    assert.equal(emu.counters.byRoute[TYPEAHEAD] ?? 0, 0);
    people.dispose();
    controller.dispose();
  });

  it('asks Asana when the members are not loaded, and when nobody loaded matches', async () => {
    const { people, controller, shown } = search();
    const target = someone();
    people.setQuery(target.name);
    await sleep(300);
    assert.equal(controller.requestsSent, 1, 'nothing loaded: Asana is asked');
    assert.ok(shown.at(-1)!.people.some((p) => p.gid === target.gid));
    await account.start();
    await account.membersOf(acme)!.start();
    people.setQuery('zzzz-nobody');
    await sleep(300);
    assert.equal(controller.requestsSent, 2, 'loaded but no match: Asana is asked in case someone joined since');
    people.dispose();
    controller.dispose();
  });

  it("while a listing is still loading, shows local matches first and appends Asana's without reordering", async () => {
    emu.configure({ latencyMs: 40 });
    await account.start();
    const members = account.loadMembers(acme)!;
    while (members.index.size < 100) await sleep(10);
    const { people, controller, shown } = search();
    people.setQuery('a');
    const first = shown.at(-1)!;
    assert.equal(first.pending, true, 'Asana is still to answer');
    await sleep(400);
    const last = shown.at(-1)!;
    assert.equal(last.pending, false);
    assert.deepEqual(
      last.people.slice(0, first.people.length).map((p) => p.gid),
      first.people.map((p) => p.gid),
      'the local answers keep their places',
    );
    assert.equal(new Set(last.people.map((p) => p.gid)).size, last.people.length, 'nobody twice');
    people.dispose();
    controller.dispose();
  });
});
