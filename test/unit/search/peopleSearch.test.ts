// Local first, Asana for the rest: against the emulator's typeahead and a store-like local search.
import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { silentLogger } from '../../../src/asana/logger';
import { localPeople } from '../../../src/search/localPeople';
import { PeopleSearch, type PeopleResult, type Person } from '../../../src/search/peopleSearch';
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

  /** A PeopleSearch over a local answer the test chooses, and the emulator's typeahead. */
  function searchWith(local: (query: string) => { people: Person[]; complete: boolean } | undefined) {
    const controller = new TypeaheadController((q, signal) => client.typeaheadUsers(acme, q, { signal, count: 20 }), { debounceMs: 20 });
    const asked: string[] = [];
    const people = new PeopleSearch((q) => (asked.push(q), local(q)), controller);
    const shown: PeopleResult[] = [];
    const busy: boolean[] = [];
    people.listen({ results: (r) => shown.push(r), busy: (b) => busy.push(b) });
    return { people, controller, shown, busy, asked };
  }

  it('shows a person Asana also found only once, after the local answers', async () => {
    const target = someone();
    const { people, controller, shown } = searchWith(() => ({ people: [{ gid: target.gid, name: target.name, email: target.email }], complete: false }));
    people.setQuery(target.name);
    await waitFor(() => shown.at(-1)?.pending === false, 'Asana answers');
    const last = shown.at(-1)!.people;
    assert.equal(last[0]!.gid, target.gid, 'the local answer first');
    assert.equal(last.filter((p) => p.gid === target.gid).length, 1, `${target.name} once, though both found them`);
    people.dispose();
    controller.dispose();
  });

  it('trims the query, asks nobody for an empty one, and reports Asana being busy', async () => {
    const target = someone();
    const { people, controller, shown, busy, asked } = searchWith(() => undefined);
    people.setQuery(`   ${target.name}  `);
    await waitFor(() => shown.at(-1)?.pending === false, 'Asana answers');
    assert.equal(asked[0], target.name, 'the local search gets the trimmed query');
    assert.equal(shown.at(-1)!.query, target.name);
    assert.ok(shown.at(-1)!.people.some((p) => p.gid === target.gid));
    assert.deepEqual([busy[0], busy.at(-1)], [true, false], 'busy while Asana is asked, then not');
    const sent = controller.requestsSent;
    people.setQuery('   ');
    assert.deepEqual(shown.at(-1), { query: '', people: [], pending: false }, 'an empty query shows nobody at once');
    assert.equal(asked.length, 1, 'an empty query is not searched locally');
    await sleep(100);
    assert.equal(controller.requestsSent, sent, 'nor asked of Asana');
    people.dispose();
    controller.dispose();
  });

  it("never shows Asana's answer to a query the person has typed past", async () => {
    emu.configure({ latencyMs: 150 });
    const target = someone();
    const known: Person = { gid: '1', name: 'Known Locally' };
    // "kno…" is answered locally and completely; anything else goes to Asana.
    const { people, controller, shown } = searchWith((q) => (q.startsWith('kno') ? { people: [known], complete: true } : undefined));
    people.setQuery(target.name);
    await sleep(60); // the request for the name is on its way
    people.setQuery('known');
    await sleep(400);
    assert.ok(shown.length > 0);
    for (const r of shown.slice(shown.findIndex((x) => x.query === 'known'))) {
      assert.equal(r.query, 'known', `an answer for "${r.query}" came after "known" was typed`);
      assert.deepEqual(r.people.map((p) => p.gid), ['1']);
    }
    people.dispose();
    controller.dispose();
  });

  it('has no local answer for a workspace whose members were never loaded: Asana alone answers, without a pending local row', async () => {
    await account.start();
    const { people, controller, shown } = search();
    const target = someone();
    people.setQuery(target.name);
    await waitFor(() => shown.length > 0 && shown.at(-1)!.pending === false, 'Asana answers');
    assert.ok(shown.every((r) => r.pending === false), `no local (pending) answer first: ${JSON.stringify(shown.map((r) => r.pending))}`);
    people.dispose();
    controller.dispose();
  });
});

async function waitFor(probe: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) assert.fail(`timed out: ${what}`);
    await sleep(10);
  }
}
