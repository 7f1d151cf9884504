/**
 * The defaults a client gets when the extension passes no options: the first retry comes after a
 * quarter to half a second, and a Retry-After over two minutes fails the call even when the call
 * budget would allow the wait (the default budget, 60 s, hides the cap otherwise).
 */
import * as assert from 'node:assert/strict';
import { AsanaClient, type AsanaClientOptions } from '../../../src/asana/client';
import { RateLimitedError } from '../../../src/asana/errors';
import { startEmulator, type Emulator } from '../../emulator/index';
import { RecordingLogger } from '../../helpers/recordingLogger';

const WORKSPACE = 'GET /workspaces/{workspace_gid}';

describe('AsanaClient defaults', function () {
  this.timeout(20_000);
  let emu: Emulator;
  let acme: string;
  let log: RecordingLogger;
  const clients: AsanaClient[] = [];

  function client(opts: Partial<AsanaClientOptions> = {}): AsanaClient {
    const c = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl, logger: log, ...opts });
    clients.push(c);
    return c;
  }

  before(async () => {
    emu = await startEmulator({ seed: 29, sizes: { bigWorkspaceMembers: 20 } });
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

  it('retries a read first after 250 to 500 ms', async () => {
    emu.faults.add({ route: WORKSPACE, kind: 'status', status: 503, times: 1 });
    assert.equal((await client({ random: () => 0 }).getWorkspace(acme)).gid, acme);
    assert.deepEqual(
      log.lines.filter((l) => l.startsWith('warn ')),
      [`warn GET /workspaces/${acme}: server error, retrying in 250 ms (retry 1).`],
    );
  });

  it('fails at once on a Retry-After over two minutes, however long the call may take', async () => {
    emu.faults.add({ route: WORKSPACE, kind: 'status', status: 429, retryAfter: '121' });
    const c = client({ callDeadlineMs: 600_000 });
    const waits: number[] = [];
    c.onRateLimitWait((w) => waits.push(w.waitMs));
    await assert.rejects(c.getWorkspace(acme), (e: unknown) => e instanceof RateLimitedError && e.retryAfterMs === 121_000);
    assert.deepEqual(waits, []);
    assert.equal(emu.counters.byRoute[WORKSPACE], 1);
  });
});
