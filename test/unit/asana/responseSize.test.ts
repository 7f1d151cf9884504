/**
 * The response size bound at its exact edge, measured on the emulator's own answer: a body of the
 * limit's size is read, one byte more is not, and the message names the limit a person can read.
 * A closed client opens no new connections.
 */
import * as assert from 'node:assert/strict';
import { AsanaClient, type AsanaClientOptions } from '../../../src/asana/client';
import { NetworkError, ResponseTooLargeError, type AsanaError } from '../../../src/asana/errors';
import { startEmulator, type Emulator } from '../../emulator/index';
import { RecordingLogger } from '../../helpers/recordingLogger';

const WORKSPACE = 'GET /workspaces/{workspace_gid}';
const REMOVE = 'POST /workspaces/{workspace_gid}/removeUser';
const WORKSPACE_QUERY = '?opt_fields=name,is_organization,email_domains';

describe('AsanaClient response size bound', function () {
  this.timeout(20_000);
  let emu: Emulator;
  let acme: string;
  let log: RecordingLogger;
  const clients: AsanaClient[] = [];

  function client(opts: Partial<AsanaClientOptions> = {}): AsanaClient {
    const c = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl, logger: log, retryBaseMs: 1, retryMaxMs: 1, ...opts });
    clients.push(c);
    return c;
  }

  async function failure(promise: Promise<unknown>): Promise<AsanaError> {
    return promise.then(
      () => assert.fail('expected the call to fail'),
      (e: AsanaError) => e,
    );
  }

  /** The size of the body the emulator sends for one workspace under the current faults. */
  async function workspaceBodyBytes(): Promise<number> {
    const res = await fetch(`${emu.baseUrl}/workspaces/${acme}${WORKSPACE_QUERY}`, { headers: { authorization: `Bearer ${emu.tokens.admin}` } });
    return (await res.arrayBuffer()).byteLength;
  }

  before(async () => {
    emu = await startEmulator({ seed: 13, sizes: { bigWorkspaceMembers: 60 } });
    acme = emu.state.seedInfo.workspaces.acme;
  });
  beforeEach(() => {
    emu.reset();
    log = new RecordingLogger();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  after(() => emu.close());

  for (const declareLength of [false, true]) {
    it(`reads a body of exactly the limit and refuses one byte more (${declareLength ? 'declared length' : 'chunked'})`, async () => {
      emu.faults.add({ route: WORKSPACE, kind: 'huge-body', bytes: 3_000, declareLength });
      const size = await workspaceBodyBytes();
      assert.ok(size > 3_000);
      assert.equal((await client({ maxResponseBytes: size }).getWorkspace(acme)).gid, acme);
      const e = await failure(client({ maxResponseBytes: size - 1 }).getWorkspace(acme));
      assert.ok(e instanceof ResponseTooLargeError, String(e));
      assert.equal(e.limitBytes, size - 1);
      assert.equal(e.status, 200);
      assert.deepEqual(e.request, { method: 'GET', path: `/workspaces/${acme}` });
      assert.equal(
        e.message,
        `Asana sent a response larger than ${Math.ceil((size - 1) / 1024)} KB (HTTP 200), more than any answer it sends to this client, so it was not read.`,
      );
      assert.ok(
        log.lines.includes(`debug GET /api/1.0/workspaces/${acme}${WORKSPACE_QUERY} → 200, body over ${size - 1} bytes: stopped reading`),
        log.text,
      );
    });
  }

  it('names the limit in megabytes from one megabyte up, with one decimal when it is not whole', async () => {
    emu.faults.add({ route: WORKSPACE, kind: 'huge-body', bytes: 2_000_000, declareLength: true });
    const shown = async (limit: number): Promise<string> => {
      const e = await failure(client({ maxResponseBytes: limit }).getWorkspace(acme));
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
    emu.faults.add({ route: REMOVE, kind: 'huge-body', bytes: 100_000 });
    const member = new AsanaClient({ token: emu.tokens.member, baseUrl: emu.baseUrl, maxResponseBytes: 10_000 });
    clients.push(member);
    const someone = emu.state.membershipsOf(acme, { activeOnly: true }).find((m) => m.user !== emu.state.seedInfo.tokenUsers.member);
    assert.ok(someone);
    const e = await failure(member.removeUser(acme, someone.user));
    assert.ok(e instanceof ResponseTooLargeError, String(e));
    assert.equal(e.status, 403);
    assert.equal(e.message, 'Asana sent a response larger than 10 KB (HTTP 403), more than any answer it sends to this client, so it was not read.');
  });

  it('a client closed before its first call opens no connection', async () => {
    const c = client();
    await c.dispose();
    const before = emu.counters.total;
    const e = await failure(c.getWorkspace(acme));
    assert.ok(e instanceof NetworkError, String(e));
    assert.equal(e.message, 'Could not reach Asana (the transport is closed). Check your connection and try again.');
    assert.equal(emu.counters.total, before);
  });
});
