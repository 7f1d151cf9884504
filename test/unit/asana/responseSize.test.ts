/**
 * The response size bound at its exact edge, measured on the emulator's own answer: a body of the
 * limit's size is read, one byte more is not, and the message names the limit a person can read.
 * A closed client opens no new connections.
 */
import * as assert from 'node:assert/strict';
import { NetworkError, ResponseTooLargeError } from '../../../src/asana/errors';
import { clientBench, failure } from '../../helpers/clientBench';

const WORKSPACE = 'GET /workspaces/{workspace_gid}';
const REMOVE = 'POST /workspaces/{workspace_gid}/removeUser';
const WORKSPACE_QUERY = '?opt_fields=name,is_organization,email_domains';

describe('AsanaClient response size bound', function () {
  this.timeout(20_000);
  const bench = clientBench({ seed: 13, sizes: { bigWorkspaceMembers: 60 } });
  const { client } = bench;
  /** The size of the body the emulator sends for one workspace under the current faults. */
  async function workspaceBodyBytes(): Promise<number> {
    const res = await fetch(`${bench.emu.baseUrl}/workspaces/${bench.acme}${WORKSPACE_QUERY}`, { headers: { authorization: `Bearer ${bench.emu.tokens.admin}` } });
    return (await res.arrayBuffer()).byteLength;
  }

  for (const declareLength of [false, true]) {
    it(`reads a body of exactly the limit and refuses one byte more (${declareLength ? 'declared length' : 'chunked'})`, async () => {
      bench.emu.faults.add({ route: WORKSPACE, kind: 'huge-body', bytes: 3_000, declareLength });
      const size = await workspaceBodyBytes();
      assert.ok(size > 3_000);
      assert.equal((await client({ maxResponseBytes: size }).getWorkspace(bench.acme)).gid, bench.acme);
      const e = await failure(client({ maxResponseBytes: size - 1 }).getWorkspace(bench.acme));
      assert.ok(e instanceof ResponseTooLargeError, String(e));
      assert.equal(e.limitBytes, size - 1);
      assert.equal(e.status, 200);
      assert.deepEqual(e.request, { method: 'GET', path: `/workspaces/${bench.acme}` });
      assert.equal(
        e.message,
        `Asana sent a response larger than ${Math.ceil((size - 1) / 1024)} KB (HTTP 200), more than any answer it sends to this client, so it was not read.`,
      );
      assert.ok(
        bench.log.lines.includes(`debug GET /api/1.0/workspaces/${bench.acme}${WORKSPACE_QUERY} → 200, body over ${size - 1} bytes: stopped reading`),
        bench.log.text,
      );
    });
  }

  it('names the limit in megabytes from one megabyte up, with one decimal when it is not whole', async () => {
    bench.emu.faults.add({ route: WORKSPACE, kind: 'huge-body', bytes: 2_000_000, declareLength: true });
    const shown = async (limit: number): Promise<string> => {
      const e = await failure(client({ maxResponseBytes: limit }).getWorkspace(bench.acme));
      assert.ok(e instanceof ResponseTooLargeError, String(e));
      return /larger than (.+?) \(HTTP/.exec(e.message)?.[1] ?? e.message;
    };
    assert.equal(await shown(1024 * 1024), '1 MB');
    assert.equal(await shown(1.5 * 1024 * 1024), '1.5 MB');
    assert.equal(await shown(1024 * 1024 - 1), '1024 KB');
    assert.equal(await shown(1_000), '1 KB');
  });

  it('an oversized refusal of a write does not claim the write landed', async () => {
    // A plain member may not remove anyone: Asana answers 403, here padded past the limit.
    bench.emu.faults.add({ route: REMOVE, kind: 'huge-body', bytes: 100_000 });
    const member = client({ token: bench.emu.tokens.member, maxResponseBytes: 10_000 });
    const someone = bench.emu.state.membershipsOf(bench.acme, { activeOnly: true }).find((m) => m.user !== bench.emu.state.seedInfo.tokenUsers.member);
    assert.ok(someone);
    const e = await failure(member.removeUser(bench.acme, someone.user));
    assert.ok(e instanceof ResponseTooLargeError, String(e));
    assert.equal(e.status, 403);
    assert.equal(e.message, 'Asana sent a response larger than 10 KB (HTTP 403), more than any answer it sends to this client, so it was not read.');
  });

  it('a client closed before its first call opens no connection', async () => {
    const c = client();
    await c.dispose();
    const before = bench.emu.counters.total;
    const e = await failure(c.getWorkspace(bench.acme));
    assert.ok(e instanceof NetworkError, String(e));
    assert.equal(e.message, 'Could not reach Asana (the transport is closed). Check your connection and try again.');
    assert.equal(bench.emu.counters.total, before);
  });
});
