/**
 * A call waiting for one of the token's slots (Asana's cap on requests in flight) can still be
 * cancelled, and leaves the slot to the others; and the log says how long each request took.
 */
import * as assert from 'node:assert/strict';
import { CancelledError } from '../../../src/asana/errors';
import { clientBench, failure } from '../../helpers/clientBench';

const WORKSPACES = 'GET /workspaces';

describe('AsanaClient slots and timings', function () {
  this.timeout(20_000);
  const bench = clientBench({ seed: 37 });
  const { client } = bench;

  it('cancels a call still waiting for a slot, which the others then get', async () => {
    const c = client({ maxReadsInFlight: 1 });
    bench.emu.faults.add({ route: WORKSPACES, kind: 'latency', latencyMs: 1_500, times: 1 });
    let held = true;
    const holding = c.listWorkspaces().finally(() => (held = false));
    await new Promise((r) => setTimeout(r, 100));
    const ac = new AbortController();
    const waiting = c.getMe({ signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    const e = await failure(waiting);
    assert.ok(e instanceof CancelledError, String(e));
    assert.ok(held, 'cancelled while the slot was still taken, not after');
    assert.equal(bench.emu.counters.byRoute['GET /users/{user_gid}'] ?? 0, 0, 'the cancelled call sent nothing');
    assert.equal((await holding).length, 3);
    assert.ok((await c.getMe()).gid, 'the slot is free again');
  });

  it('logs how long each request took, and how long a failed one tried', async () => {
    const c = client();
    bench.emu.faults.add({ route: WORKSPACES, kind: 'latency', latencyMs: 300, times: 1 });
    let started = Date.now();
    await c.listWorkspaces();
    let took = Date.now() - started;
    const ok = bench.log.lines.map((l) => /GET \S*workspaces\S* → 200 in (\d+) ms/.exec(l)).find(Boolean);
    assert.ok(ok, bench.log.lines.join('\n'));
    assert.ok(Number(ok[1]) >= 300 && Number(ok[1]) <= took, `logged ${ok[1]} ms of a call that took ${took} ms`);

    bench.emu.faults.add({ route: WORKSPACES, kind: 'drop' });
    started = Date.now();
    await failure(client({ maxReadRetries: 0 }).listWorkspaces());
    took = Date.now() - started;
    const failed = bench.log.lines.map((l) => /GET \S*workspaces\S* failed after (\d+) ms/.exec(l)).find(Boolean);
    assert.ok(failed, bench.log.lines.join('\n'));
    assert.ok(Number(failed[1]) <= took, `logged ${failed[1]} ms of a call that took ${took} ms`);
  });
});
