// How long, for which queries and for how many queries the typeahead reuses Asana's answers.
import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { TypeaheadController, type TypeaheadOptions, type TypeaheadResult } from '../../../src/search/typeaheadController';
import { startEmulator, type Emulator } from '../../emulator/index';

const TYPEAHEAD = 'GET /workspaces/{workspace_gid}/typeahead';

describe('typeahead cache', function () {
  this.timeout(20_000);
  let emu: Emulator;
  let client: AsanaClient;
  let acme: string;
  let now: number;

  before(async () => {
    emu = await startEmulator({ seed: 9, sizes: { bigWorkspaceMembers: 300 } });
    acme = emu.state.seedInfo.workspaces.acme;
  });
  beforeEach(() => {
    emu.reset();
    now = 1_000_000;
    client = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl });
  });
  afterEach(() => client.dispose());
  after(() => emu.close());

  function controller(opts: Partial<TypeaheadOptions> = {}): { ctl: TypeaheadController; shown: TypeaheadResult[] } {
    const ctl = new TypeaheadController((q, signal) => client.typeaheadUsers(acme, q, { signal, count: 10 }), { debounceMs: 0, now: () => now, ...opts });
    const shown: TypeaheadResult[] = [];
    ctl.listen({ results: (r) => shown.push(r) });
    return { ctl, shown };
  }

  /** Types the query and waits for its answer, from Asana or the cache. */
  async function ask(ctl: TypeaheadController, query: string): Promise<TypeaheadResult> {
    const result = await ctl.request(query);
    assert.ok(result, `an answer for "${query}"`);
    return result;
  }

  it('reuses an answer for 30 s by default, then asks again', async () => {
    const { ctl } = controller();
    const first = await ask(ctl, 'an');
    assert.equal(first.fromCache, false);
    now += 30_000;
    const cached = await ask(ctl, 'an');
    assert.equal(cached.fromCache, true, 'still good at exactly 30 s');
    assert.deepEqual(cached.users, first.users);
    now += 1;
    assert.equal((await ask(ctl, 'an')).fromCache, false, 'asked again past 30 s');
    assert.equal(emu.counters.byRoute[TYPEAHEAD], 2);
    assert.equal(ctl.requestsSent, 2);
    ctl.dispose();
  });

  it('keeps answers as long as cacheTtlMs says', async () => {
    const { ctl } = controller({ cacheTtlMs: 500 });
    await ask(ctl, 'an');
    now += 500;
    assert.equal((await ask(ctl, 'an')).fromCache, true);
    now += 1;
    assert.equal((await ask(ctl, 'an')).fromCache, false);
    // The new answer starts a new period.
    now += 500;
    assert.equal((await ask(ctl, 'an')).fromCache, true);
    assert.equal(ctl.requestsSent, 2);
    ctl.dispose();
  });

  it('treats queries differing only in case as one, and shows the query as typed', async () => {
    const { ctl, shown } = controller();
    const lower = await ask(ctl, 'ann');
    const upper = await ask(ctl, 'ANN');
    assert.equal(upper.fromCache, true);
    assert.equal(upper.query, 'ANN');
    assert.deepEqual(upper.users, lower.users);
    assert.equal(shown.at(-1)?.query, 'ANN');
    assert.equal(ctl.requestsSent, 1);
    ctl.dispose();
  });

  it('forgets the query stored longest ago once it holds maxCacheEntries', async () => {
    const { ctl } = controller({ maxCacheEntries: 2 });
    await ask(ctl, 'a');
    await ask(ctl, 'b');
    await ask(ctl, 'c');
    assert.equal((await ask(ctl, 'c')).fromCache, true);
    assert.equal((await ask(ctl, 'b')).fromCache, true);
    assert.equal((await ask(ctl, 'a')).fromCache, false, '"a" was dropped for "c"');
    assert.equal(ctl.requestsSent, 4);
    ctl.dispose();
  });

  it('holds 200 queries by default', async () => {
    const { ctl } = controller();
    const queries = Array.from({ length: 201 }, (_, i) => `q${i}`);
    for (const q of queries) await ask(ctl, q);
    assert.equal((await ask(ctl, 'q1')).fromCache, true);
    assert.equal((await ask(ctl, 'q200')).fromCache, true);
    assert.equal((await ask(ctl, 'q0')).fromCache, false, 'the 201st query pushed out the first');
    ctl.dispose();
  });
});
