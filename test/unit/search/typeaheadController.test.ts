import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { TypeaheadController, type TypeaheadResult } from '../../../src/search/typeaheadController';
import { startEmulator, type Emulator } from '../../emulator/index';

const TYPEAHEAD = 'GET /workspaces/{workspace_gid}/typeahead';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('TypeaheadController against the emulator', () => {
  let emu: Emulator;
  let client: AsanaClient;
  let acme: string;

  before(async () => {
    emu = await startEmulator({ seed: 9, sizes: { bigWorkspaceMembers: 2_000 } });
    acme = emu.state.seedInfo.workspaces.acme;
  });
  beforeEach(() => {
    emu.reset();
    client = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl });
  });
  afterEach(() => client.dispose());
  after(() => emu.close());

  function controller(debounceMs = 60): { ctl: TypeaheadController; shown: TypeaheadResult[]; busy: boolean[] } {
    const ctl = new TypeaheadController((q, signal) => client.typeaheadUsers(acme, q, { signal, count: 10 }), { debounceMs });
    const shown: TypeaheadResult[] = [];
    const busy: boolean[] = [];
    ctl.listen({ results: (r) => shown.push(r), busy: (b) => busy.push(b) });
    return { ctl, shown, busy };
  }

  async function type(ctl: TypeaheadController, text: string, msPerKey: number): Promise<void> {
    for (let i = 1; i <= text.length; i++) {
      ctl.setQuery(text.slice(0, i));
      await sleep(msPerKey);
    }
  }

  it('sends one request for a name typed quickly, and shows its answer', async () => {
    const { ctl, shown, busy } = controller(80);
    const name = emu.state.users[5]!.name.split(' ')[0]!;
    await type(ctl, name, 10);
    await sleep(300);
    assert.equal(ctl.requestsSent, 1);
    assert.equal(emu.counters.byRoute[TYPEAHEAD], 1);
    assert.equal(shown.at(-1)?.query, name);
    assert.ok(shown.at(-1)!.users.length > 0);
    assert.deepEqual(busy, [true, false]);
    ctl.dispose();
  });

  it('never shows an older answer over a newer one, even from a search that ignores cancellation', async () => {
    // The first query's answer is held back and arrives after the second's: only the sequence check can drop it.
    let lateAnswerArrived = false;
    const ctl = new TypeaheadController(
      async (q) => {
        const users = await client.typeaheadUsers(acme, q, { count: 10 });
        if (q === 'a') {
          await sleep(300);
          lateAnswerArrived = true;
        }
        return users;
      },
      { debounceMs: 5 },
    );
    const shown: string[] = [];
    ctl.listen({ results: (r) => shown.push(r.query) });
    ctl.setQuery('a');
    await sleep(60); // the request for "a" is out
    ctl.setQuery('ad');
    await sleep(500);
    assert.ok(lateAnswerArrived, 'the older answer did come back (else this test proves nothing)');
    assert.deepEqual(shown, ['ad']);
    ctl.dispose();
  });

  it('keeps the latest answer on screen under random latency', async () => {
    emu.configure({ latencyMs: [10, 150] });
    const { ctl, shown } = controller(5);
    const name = emu.state.users[8]!.name;
    await type(ctl, name, 30);
    await sleep(600);
    assert.equal(shown.at(-1)?.query, name.trim());
    ctl.dispose();
  });

  it('answers from the cache when the person backspaces to an earlier query', async () => {
    const { ctl, shown } = controller(10);
    ctl.setQuery('an');
    await sleep(200);
    ctl.setQuery('ann');
    await sleep(200);
    const before = ctl.requestsSent;
    ctl.setQuery('an');
    assert.equal(ctl.requestsSent, before);
    assert.equal(shown.at(-1)?.query, 'an');
    assert.equal(shown.at(-1)?.fromCache, true);
    ctl.dispose();
  });

  it('request() resolves with its own answer, or undefined once superseded', async () => {
    const { ctl } = controller(20);
    const first = ctl.request('al');
    const second = ctl.request('ali');
    assert.equal(await first, undefined);
    assert.equal((await second)?.query, 'ali');
    ctl.dispose();
  });

  it('reports errors for the latest query only and stays usable', async () => {
    const { ctl, shown } = controller(5);
    const errors: string[] = [];
    ctl.listen({ error: (e, q) => errors.push(`${e.kind}:${q}`) });
    const id = emu.faults.add({ route: TYPEAHEAD, kind: 'status', status: 403, times: 1 });
    ctl.setQuery('zz');
    await sleep(150);
    assert.deepEqual(errors, ['forbidden:zz']);
    emu.faults.remove(id);
    ctl.setQuery('zzz');
    await sleep(150);
    assert.equal(shown.at(-1)?.query, 'zzz');
    ctl.dispose();
  });

  it('does not report a search that gave up by itself (its own deadline) as a failure, and stops the spinner', async () => {
    emu.configure({ latencyMs: [400, 400] });
    const ctl = new TypeaheadController(
      (q, signal) => client.typeaheadUsers(acme, q, { signal: AbortSignal.any([signal, AbortSignal.timeout(50)]), count: 10 }),
      { debounceMs: 5 },
    );
    const errors: string[] = [];
    const busy: boolean[] = [];
    ctl.listen({ error: (e, q) => errors.push(`${e.kind}:${q}`), busy: (b) => busy.push(b) });
    ctl.setQuery('an');
    await sleep(300);
    assert.equal(ctl.requestsSent, 1, 'the request went out');
    assert.deepEqual(errors, []);
    assert.deepEqual(busy, [true, false]);
    ctl.dispose();
  });

  it('counts an answer stored again as the newest when the cache is full', async () => {
    // The first answer for "a" is held back and stored again after a second request for "a" stored it.
    let holdBack = true;
    const ctl = new TypeaheadController(
      async (q) => {
        const users = await client.typeaheadUsers(acme, q, { count: 10 });
        if (q === 'a' && holdBack) {
          holdBack = false;
          await sleep(300);
        }
        return users;
      },
      { debounceMs: 0, maxCacheEntries: 2 },
    );
    ctl.setQuery('a');
    await sleep(50);
    assert.equal((await ctl.request('a'))?.fromCache, false);
    assert.equal((await ctl.request('b'))?.fromCache, false);
    await sleep(400); // the held answer for "a" arrives: "a" is now newer than "b"
    assert.equal(holdBack, false);
    assert.equal((await ctl.request('c'))?.fromCache, false, 'a third answer: the oldest, "b", makes room');
    assert.equal((await ctl.request('a'))?.fromCache, true, '"a" kept');
    assert.equal((await ctl.request('b'))?.fromCache, false, '"b" asked again');
    assert.equal(ctl.requestsSent, 5);
    ctl.dispose();
  });
});
