// PeopleSearch's one-off answers (request(), for completion) and what reaches its listener.
import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { PeopleSearch, type LocalAnswer, type PeopleResult, type Person } from '../../../src/search/peopleSearch';
import { TypeaheadController } from '../../../src/search/typeaheadController';
import { startEmulator, type Emulator } from '../../emulator/index';

const TYPEAHEAD = 'GET /workspaces/{workspace_gid}/typeahead';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PeopleSearch: one-off answers and what its listener hears', function () {
  this.timeout(20_000);
  let emu: Emulator;
  let client: AsanaClient;
  let acme: string;

  before(async () => {
    emu = await startEmulator({ seed: 9, sizes: { bigWorkspaceMembers: 300 } });
    acme = emu.state.seedInfo.workspaces.acme;
  });
  beforeEach(() => {
    emu.reset();
    client = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl, retryBaseMs: 10, retryMaxMs: 20 });
  });
  afterEach(() => client.dispose());
  after(() => emu.close());

  const someone = () => emu.state.user(emu.state.membershipsOf(acme, { activeOnly: true })[42]!.user)!;

  /** A PeopleSearch over a local answer the test chooses, and the emulator's typeahead. */
  function searchWith(local: (query: string) => LocalAnswer | undefined) {
    const controller = new TypeaheadController((q, signal) => client.typeaheadUsers(acme, q, { signal, count: 20 }), { debounceMs: 20 });
    const asked: string[] = [];
    const people = new PeopleSearch((q) => (asked.push(q), local(q)), controller);
    const shown: PeopleResult[] = [];
    const errors: string[] = [];
    people.listen({ results: (r) => shown.push(r), error: (e, q) => errors.push(`${e.kind}:${q}`) });
    const done = () => {
      people.dispose();
      controller.dispose();
    };
    return { people, controller, shown, errors, asked, done };
  }

  it('answers request() from a complete local answer alone, with the trimmed query', async () => {
    const known: Person = { gid: '1', name: 'Known Locally', email: 'known@acme.test' };
    const { people, controller, asked, done } = searchWith(() => ({ people: [known], complete: true }));
    assert.deepEqual(await people.request('  kno '), [known]);
    assert.deepEqual(asked, ['kno']);
    await sleep(60);
    assert.equal(controller.requestsSent, 0);
    done();
  });

  it("answers request() with the local people first, then Asana's others, each once", async () => {
    const target = someone();
    const local: Person = { gid: target.gid, name: target.name, email: target.email };
    const { people, done } = searchWith(() => ({ people: [local], complete: false }));
    const answer = await people.request(target.name);
    const direct = await client.typeaheadUsers(acme, target.name, { count: 20 });
    assert.ok(direct.some((u) => u.gid === target.gid), 'Asana finds them too');
    assert.deepEqual(answer, [local, ...direct.filter((u) => u.gid !== target.gid)]);
    done();
  });

  it("answers request() with Asana's people alone when nothing is known locally, or with nothing when Asana refuses", async () => {
    const target = someone();
    const { people, shown, errors, done } = searchWith(() => undefined);
    const direct = await client.typeaheadUsers(acme, target.name, { count: 20 });
    assert.deepEqual(await people.request(target.name), direct);
    emu.faults.add({ route: TYPEAHEAD, kind: 'status', status: 403, times: 1 });
    assert.equal(await people.request('zz'), undefined);
    // request() answers its caller only: the listener follows setQuery's query, which is still blank.
    assert.deepEqual(shown, []);
    assert.deepEqual(errors, []);
    done();
  });

  it("tells the listener of a refusal of the query typed", async () => {
    const { people, errors, done } = searchWith(() => undefined);
    emu.faults.add({ route: TYPEAHEAD, kind: 'status', status: 403, times: 1 });
    people.setQuery('zz');
    await waitFor(() => errors.length > 0, 'the refusal');
    assert.deepEqual(errors, ['forbidden:zz']);
    done();
  });

  it('shows one answer, empty, for a blank query', async () => {
    const { people, shown, done } = searchWith(() => undefined);
    people.setQuery(' ');
    await sleep(60);
    assert.deepEqual(shown, [{ query: '', people: [], pending: false }]);
    done();
  });

  it('cancels the request waiting for a pause once the store can answer alone', async () => {
    const known: Person = { gid: '1', name: 'Known Locally' };
    const { people, controller, shown, done } = searchWith((q) => (q.startsWith('kno') ? { people: [known], complete: true } : undefined));
    people.setQuery('kn'); // for Asana, after the pause
    people.setQuery('kno'); // the store answers: nothing goes to Asana
    await sleep(150);
    assert.equal(controller.requestsSent, 0);
    assert.deepEqual(shown.at(-1), { query: 'kno', people: [known], pending: false });
    done();
  });

  it('searches before anyone listens, and for a listener that takes results only', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    const controller = new TypeaheadController((q, signal) => client.typeaheadUsers(acme, q, { signal, count: 20 }), { debounceMs: 0 });
    try {
      const known: Person = { gid: '1', name: 'Known Locally' };
      const people = new PeopleSearch(() => ({ people: [known], complete: false }), controller);
      emu.faults.add({ route: TYPEAHEAD, kind: 'status', status: 403, times: 2 });
      people.setQuery('zz'); // busy, then a refusal, with nobody to tell
      await sleep(150);
      const shown: PeopleResult[] = [];
      people.listen({ results: (r) => shown.push(r) });
      people.setQuery('zy'); // a refusal, for a listener without error()
      await sleep(150);
      people.setQuery('kno');
      await waitFor(() => shown.at(-1)?.pending === false, 'Asana answers');
      assert.deepEqual(
        shown.map((r) => [r.query, r.pending, r.people[0]]),
        [['zy', true, known], ['kno', true, known], ['kno', false, known]],
      );
      assert.equal(controller.requestsSent, 3);
      assert.deepEqual(unhandled, []);
      people.dispose();
    } finally {
      controller.dispose();
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('is silent once disposed', async () => {
    const known: Person = { gid: '1', name: 'Known Locally' };
    const { people, controller, shown } = searchWith(() => ({ people: [known], complete: true }));
    people.dispose();
    people.setQuery('kno');
    assert.deepEqual(shown, []);
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
