/**
 * The defaults a client gets when the extension passes no options: the first retry comes after a
 * quarter to half a second, and a Retry-After over two minutes fails the call even when the call
 * budget would allow the wait (the default budget, 60 s, hides the cap otherwise).
 */
import * as assert from 'node:assert/strict';
import { RateLimitedError } from '../../../src/asana/errors';
import { clientBench } from '../../helpers/clientBench';

const WORKSPACE = 'GET /workspaces/{workspace_gid}';

describe('AsanaClient defaults', function () {
  this.timeout(20_000);
  const bench = clientBench({ seed: 29, sizes: { bigWorkspaceMembers: 20 } }, {});
  const { client } = bench;

  it('retries a read first after 250 to 500 ms', async () => {
    bench.emu.faults.add({ route: WORKSPACE, kind: 'status', status: 503, times: 1 });
    assert.equal((await client({ random: () => 0 }).getWorkspace(bench.acme)).gid, bench.acme);
    assert.deepEqual(
      bench.log.lines.filter((l) => l.startsWith('warn ')),
      [`warn GET /workspaces/${bench.acme}: server error, retrying in 250 ms (retry 1).`],
    );
  });

  it('fails at once on a Retry-After over two minutes, however long the call may take', async () => {
    bench.emu.faults.add({ route: WORKSPACE, kind: 'status', status: 429, retryAfter: '121' });
    const c = client({ callDeadlineMs: 600_000 });
    const waits: number[] = [];
    c.onRateLimitWait((w) => waits.push(w.waitMs));
    await assert.rejects(c.getWorkspace(bench.acme), (e: unknown) => e instanceof RateLimitedError && e.retryAfterMs === 121_000);
    assert.deepEqual(waits, []);
    assert.equal(bench.emu.counters.byRoute[WORKSPACE], 1);
  });
});
