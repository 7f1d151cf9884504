/** Fault injection: each kind, rule matching, counting, and writes that land despite a broken response. */
import * as assert from 'node:assert/strict';
import { startEmulator } from './index';
import type { Emulator, FaultRule } from './index';
import { errorMessage, get, post } from './testing/http';
import type { Compact, Envelope } from './testing/http';

describe('emulator: faults', function () {
  let emu: Emulator;
  let acme: string;

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 300 } });
    acme = emu.state.seedInfo.workspaces.acme;
  });
  beforeEach(() => emu.reset());
  after(() => emu.close());

  const raw = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${emu.baseUrl}${path}`, { ...init, headers: { Authorization: `Bearer ${emu.tokens.admin}`, 'Content-Type': 'application/json' } });
  const addUserRaw = (email: string, signal?: AbortSignal): Promise<Response> =>
    raw(`/workspaces/${acme}/addUser`, { method: 'POST', body: JSON.stringify({ data: { user: email } }), signal });

  it('latency: adds to the response time of matching requests only', async () => {
    emu.faults.add({ route: 'GET /workspaces', kind: 'latency', latencyMs: 150 });
    let t = Date.now();
    assert.equal((await get(emu, '/workspaces')).status, 200);
    assert.ok(Date.now() - t >= 140);
    t = Date.now();
    await get(emu, '/users/me');
    assert.ok(Date.now() - t < 140);
  });

  it('status: sends the given status, Retry-After, message and phrase, and rejects a write before it lands', async () => {
    emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 429, retryAfter: '2', times: 1 });
    const limited = await get(emu, '/workspaces');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.match(errorMessage(limited), /too many requests/);

    emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 429, retryAfter: null, times: 1 });
    assert.equal((await get(emu, '/workspaces')).headers.get('retry-after'), null);

    emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 500, phrase: '6 sad squid snuggle softly', times: 1 });
    const server = await get(emu, '/workspaces');
    assert.deepEqual((server.json as { errors: unknown[] }).errors[0], {
      message: 'Server Error',
      help: (server.json as { errors: { help: string }[] }).errors[0]?.help,
      phrase: '6 sad squid snuggle softly',
    });

    emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 503, message: 'Down for maintenance', times: 1 });
    const down = await get(emu, '/workspaces');
    assert.equal(down.status, 503);
    assert.equal(errorMessage(down), 'Down for maintenance');

    emu.faults.add({ route: 'POST /workspaces/{workspace_gid}/addUser', kind: 'status', status: 502 });
    assert.equal((await addUserRaw('not.landed@acme.test')).status, 502);
    assert.equal(emu.state.userByEmail('not.landed@acme.test'), undefined);
  });

  it('drop: destroys the connection without a response, after a write has landed', async () => {
    emu.faults.add({ route: 'GET /workspaces', kind: 'drop', times: 1 });
    await assert.rejects(raw('/workspaces'));
    assert.equal((await get(emu, '/workspaces')).status, 200, 'only once');
    emu.faults.add({ route: 'POST /workspaces/{workspace_gid}/addUser', kind: 'drop', times: 1 });
    await assert.rejects(addUserRaw('dropped@acme.test'));
    assert.ok(emu.state.userByEmail('dropped@acme.test'), 'the write landed');
    assert.equal(emu.state.membershipsOf(acme).filter((m) => m.user === emu.state.userByEmail('dropped@acme.test')?.gid).length, 1);
  });

  it('reset-mid-body: sends headers and part of the body, then resets', async () => {
    emu.faults.add({ route: 'GET /workspaces/{workspace_gid}/workspace_memberships', kind: 'reset-mid-body', times: 1 });
    await assert.rejects(async () => {
      const r = await raw(`/workspaces/${acme}/workspace_memberships?limit=100`);
      assert.equal(r.status, 200);
      await r.text();
    });
    emu.faults.add({ route: 'POST /workspaces/{workspace_gid}/addUser', kind: 'reset-mid-body', times: 1 });
    await assert.rejects(async () => (await addUserRaw('cut.off@acme.test')).text());
    assert.ok(emu.state.userByEmail('cut.off@acme.test'));
  });

  it('malformed-json: a 200 whose JSON body is cut short', async () => {
    emu.faults.add({ route: 'GET /users/{user_gid}', kind: 'malformed-json', times: 1 });
    const r = await raw('/users/me');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json; charset=UTF-8');
    const text = await r.text();
    assert.ok(text.startsWith('{"data":'));
    assert.throws(() => JSON.parse(text));
  });

  it('missing-field: removes a dotted path from every record', async () => {
    emu.faults.add({ route: 'GET /workspaces', kind: 'missing-field', field: 'name' });
    const ws = await get<Envelope<Record<string, unknown>[]>>(emu, '/workspaces');
    assert.ok(ws.json.data.length === 3 && ws.json.data.every((w) => !('name' in w) && w.gid));
    emu.faults.add({ route: 'GET /workspaces/{workspace_gid}/workspace_memberships', kind: 'missing-field', field: 'user.gid' });
    const ms = await get<Envelope<{ user: Record<string, unknown> }[]>>(emu, `/workspaces/${acme}/workspace_memberships`, { query: { limit: 5 } });
    assert.ok(ms.json.data.every((m) => !('gid' in m.user) && m.user.name));
    emu.faults.add({ route: 'GET /users/{user_gid}', kind: 'missing-field' });
    assert.ok(!('gid' in (await get<Envelope<Record<string, unknown>>>(emu, '/users/me')).json.data), 'gid by default');
  });

  it('extra-field: adds an unknown field to each record, not to errors', async () => {
    emu.faults.add({ kind: 'extra-field', field: 'brand_new_field' });
    const ws = await get<Envelope<Compact[]>>(emu, '/workspaces');
    assert.ok(ws.json.data.every((w) => 'brand_new_field' in w));
    const err = await get(emu, '/workspaces/1100000000009999');
    assert.deepEqual(Object.keys(err.json as object), ['errors']);
    assert.ok(!('brand_new_field' in ((err.json as { errors: object[] }).errors[0] ?? {})));
  });

  it('empty-list: a list comes back with no records and no next page; a single record is left alone', async () => {
    emu.faults.add({ route: 'GET /workspaces/{workspace_gid}/workspace_memberships', kind: 'empty-list' });
    const ms = await get<Envelope<unknown[]> & { next_page: unknown }>(emu, `/workspaces/${acme}/workspace_memberships`, { query: { limit: 5 } });
    assert.deepEqual([ms.json.data, ms.json.next_page], [[], null]);
    emu.faults.add({ kind: 'empty-list' });
    assert.ok((await get<Envelope<Compact>>(emu, '/users/me')).json.data.gid, 'not a list: unchanged');
  });

  it('hang: never answers, holds a slot in flight until the client gives up, and a write still lands', async () => {
    emu.faults.add({ route: 'POST /workspaces/{workspace_gid}/addUser', kind: 'hang', times: 1 });
    const pending = addUserRaw('hung.write@acme.test', AbortSignal.timeout(300));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(emu.counters.inFlight.writes, 1);
    await assert.rejects(pending);
    assert.ok(emu.state.userByEmail('hung.write@acme.test'));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(emu.counters.inFlight.writes, 0);
  });

  it('hang: close() still returns while a request hangs', async () => {
    const other = await startEmulator({ sizes: { bigWorkspaceMembers: 20 } });
    other.faults.add({ kind: 'hang' });
    const pending = fetch(`${other.baseUrl}/users/me`, { headers: { Authorization: `Bearer ${other.tokens.admin}` } }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await other.close();
    assert.ok((await pending) instanceof Error);
  });

  /** Reads a response body as a stream, up to `limit` bytes, then cancels it; the byte count read. */
  async function readUpTo(r: Response, limit: number): Promise<{ bytes: number; ended: boolean; head: string }> {
    const reader = r.body!.getReader();
    let bytes = 0;
    let head = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes, ended: true, head };
      if (head.length < 64) head += Buffer.from(value).toString('utf8').slice(0, 64 - head.length);
      bytes += value.length;
      if (bytes >= limit) {
        await reader.cancel();
        return { bytes, ended: false, head };
      }
    }
  }

  it('huge-body: the real envelope behind a padding field of the given size, chunked or with a Content-Length', async () => {
    emu.faults.add({ route: 'GET /workspaces', kind: 'huge-body', bytes: 3_000_000, times: 1 });
    const r = await raw('/workspaces');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-length'), null, 'chunked: only counting while reading tells the size');
    const text = await r.text();
    assert.ok(text.length > 3_000_000);
    const json = JSON.parse(text) as { x_padding: string; data: Compact[] };
    assert.equal(json.x_padding.length, 3_000_000);
    assert.equal(json.data.length, 3, 'the real data follows the padding');

    emu.faults.add({ route: 'GET /workspaces', kind: 'huge-body', bytes: 1000, declareLength: true, times: 1 });
    const declared = await raw('/workspaces');
    assert.equal(Number(declared.headers.get('content-length')), Buffer.byteLength(await declared.text()));
  });

  it('huge-body: stops sending when the client goes away, and lands a write first', async () => {
    emu.faults.add({ route: 'POST /workspaces/{workspace_gid}/addUser', kind: 'huge-body', times: 1 });
    const r = await addUserRaw('huge.answer@acme.test');
    const read = await readUpTo(r, 1_000_000);
    assert.equal(read.ended, false, '64 MiB by default: far more than was read');
    assert.ok(emu.state.userByEmail('huge.answer@acme.test'), 'the write landed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(emu.counters.inFlight.writes, 0, 'the slot is released once the client left');
  });

  it('endless-body: "data" records that never end, until the client goes away', async () => {
    emu.faults.add({ route: 'GET /workspaces', kind: 'endless-body', times: 1 });
    const read = await readUpTo(await raw('/workspaces'), 5_000_000);
    assert.equal(read.ended, false);
    assert.ok(read.head.startsWith('{"data":[{"gid":"1"'), read.head);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(emu.counters.inFlight.reads, 0);
    assert.equal((await get(emu, '/workspaces')).status, 200, 'only once');
  });

  it('trickle: the real body a slice at a time, with a pause between slices', async () => {
    emu.faults.add({ route: 'GET /workspaces', kind: 'trickle', chunkBytes: 50, intervalMs: 20, times: 1 });
    const r = await raw('/workspaces');
    const reader = r.body!.getReader();
    const pieces: Buffer[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) pieces.push(Buffer.from(next.value));
    const body = Buffer.concat(pieces);
    assert.equal(body.length, Number(r.headers.get('content-length')));
    assert.ok(body.length > 100 && pieces.length > 1, `${body.length} bytes arrived in ${pieces.length} pieces`);
    assert.equal((JSON.parse(body.toString('utf8')) as Envelope<Compact[]>).data.length, 3, 'the real body, whole');
  });

  it('cycle-offsets: next_page goes round the offsets it has seen (a, b, a, b…), even past the last page', async () => {
    emu.faults.add({ route: 'GET /workspaces', kind: 'cycle-offsets', after: 1 });
    const offsets: string[] = [];
    let next: string | undefined;
    for (let i = 0; i < 7; i++) {
      const page = await get<Envelope<Compact[]>>(emu, '/workspaces', { query: { limit: 1, offset: next } });
      assert.equal(page.status, 200, page.text);
      assert.ok(page.json.next_page, `page ${i + 1} has a next page`);
      next = page.json.next_page.offset;
      assert.ok(page.json.next_page.path.includes(`offset=${encodeURIComponent(next)}`), 'path and offset agree');
      offsets.push(next);
    }
    const [a, b] = offsets;
    assert.notEqual(a, b);
    assert.deepEqual(offsets, [a, b, a, b, a, b, a]);
  });

  it('refuses malformed hostile-body options', () => {
    assert.throws(() => emu.faults.add({ kind: 'trickle', chunkBytes: 0 }), /chunkBytes/);
    assert.throws(() => emu.faults.add({ kind: 'huge-body', bytes: -1 }), /bytes/);
    assert.throws(() => emu.faults.add({ kind: 'cycle-offsets', cycleLength: 1 }), /cycleLength/);
    assert.throws(() => emu.faults.add({ kind: 'huge-body', declareLength: 'yes' as unknown as boolean }), /declareLength/);
  });

  it('applies `after` and `times` to matching requests only, and counts them', async () => {
    const id = emu.faults.add({ method: 'get', route: '/workspaces', kind: 'status', status: 503, after: 1, times: 2 });
    await get(emu, '/users/me');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(emu, '/workspaces')).status);
    assert.deepEqual(statuses, [200, 503, 503, 200]);
    assert.deepEqual(emu.faults.list().map((f) => [f.id, f.matched, f.applied]), [[id, 4, 2]]);
  });

  it('matches by method, template, route key or RegExp on the path; first non-latency rule wins', async () => {
    const rules: FaultRule[] = [
      { method: 'POST', kind: 'status', status: 418 },
      { route: 'workspace_memberships$', kind: 'status', status: 409 },
      { route: '^/api/1\\.0/users/me$', kind: 'status', status: 410 },
      { route: 'GET /workspaces/{workspace_gid}', kind: 'status', status: 504 },
      { kind: 'status', status: 501 },
    ];
    const ids = rules.map((r) => emu.faults.add(r));
    assert.equal((await get(emu, `/workspaces/${acme}/workspace_memberships`)).status, 409);
    assert.equal((await get(emu, '/users/me')).status, 410);
    assert.equal((await get(emu, `/workspaces/${acme}`)).status, 504);
    assert.equal((await get(emu, '/workspaces')).status, 501);
    assert.equal((await post(emu, `/workspaces/${acme}/addUser`, { data: { user: 'me' } })).status, 418);
    emu.faults.remove(ids[4] as string);
    assert.equal((await get(emu, '/workspaces')).status, 200);
    emu.faults.clear();
    assert.equal((await get(emu, '/users/me')).status, 200);
    assert.deepEqual(emu.faults.list(), []);
  });

  it('user: refuses one account\'s token and lets the other account through', async () => {
    const { admin, consultant } = emu.state.seedInfo.tokenUsers;
    const refuseZoe = emu.faults.add({ user: admin, kind: 'status', status: 401 });
    assert.equal((await get(emu, '/workspaces')).status, 401);
    assert.equal((await get(emu, '/users/me')).status, 401);
    const maya = await get<Envelope<Compact>>(emu, '/users/me', { token: emu.tokens.consultant });
    assert.equal(maya.status, 200);
    assert.equal(maya.json.data.gid, consultant);
    assert.equal((await get(emu, '/workspaces', { token: emu.tokens.consultant })).status, 200);
    assert.deepEqual(emu.faults.list().map((f) => [f.user, f.matched, f.applied]), [[admin, 2, 2]], 'the other account does not even match');

    // With a route as well: one account, one route.
    emu.faults.remove(refuseZoe);
    emu.faults.add({ user: consultant, route: 'GET /workspaces', kind: 'status', status: 503 });
    assert.equal((await get(emu, '/workspaces', { token: emu.tokens.consultant })).status, 503);
    assert.equal((await get(emu, '/users/me', { token: emu.tokens.consultant })).status, 200);
    assert.equal((await get(emu, '/workspaces')).status, 200);
  });

  it('does not fault requests that were never admitted (401, 404)', async () => {
    emu.faults.add({ kind: 'drop' });
    assert.equal((await get(emu, '/workspaces', { token: emu.tokens.invalid })).status, 401);
    assert.equal((await get(emu, '/nope')).status, 404);
  });

  it('refuses invalid rules', () => {
    assert.throws(() => emu.faults.add({ kind: 'explode' } as unknown as FaultRule), /fault kind/);
    assert.throws(() => emu.faults.add({ kind: 'latency' }), /latencyMs/);
    assert.throws(() => emu.faults.add({ kind: 'status', status: 42 }), /status/);
    assert.throws(() => emu.faults.add({ kind: 'drop', times: -1 }), /times/);
    assert.throws(() => emu.faults.add({ kind: 'drop', user: 1200000000000001 } as unknown as FaultRule), /user must be a string/);
  });

  it('reset() clears the faults', async () => {
    emu.faults.add({ kind: 'status', status: 500 });
    emu.reset();
    assert.equal((await get(emu, '/workspaces')).status, 200);
  });
});
