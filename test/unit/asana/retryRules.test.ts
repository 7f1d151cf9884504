/**
 * Which failures the client repeats, how often, and what it says when it stops: against the
 * emulator's faults (and, for a refused connection, a loopback port nobody listens on). Each rule
 * is pinned by the exact number of requests the server saw, because a wrongly repeated write is
 * the one mistake a person cannot see in the UI.
 */
import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  BadRequestError,
  CancelledError,
  InvalidResponseError,
  NetworkError,
  RateLimitedError,
  ServerError,
  TimeoutError,
} from '../../../src/asana/errors';
import { clientBench, failure } from '../../helpers/clientBench';

const WORKSPACE = 'GET /workspaces/{workspace_gid}';
const RENAME = 'PUT /workspaces/{workspace_gid}';
const ADD = 'POST /workspaces/{workspace_gid}/addUser';

/** A loopback port that was just closed: connecting to it is refused, so nothing can have been sent. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('AsanaClient retry rules', function () {
  this.timeout(20_000);
  const bench = clientBench({ seed: 11, sizes: { bigWorkspaceMembers: 120 } });
  const { client } = bench;
  function warnings(): string[] {
    return bench.log.lines.filter((l) => l.startsWith('warn ')).map((l) => l.slice('warn '.length));
  }

  describe('reads', () => {
    it('by default tries a failing read four times in all', async () => {
      bench.emu.faults.add({ route: WORKSPACE, kind: 'status', status: 503 });
      const e = await failure(client().getWorkspace(bench.acme));
      assert.ok(e instanceof ServerError, String(e));
      assert.equal(e.status, 503);
      assert.equal(bench.emu.counters.byRoute[WORKSPACE], 4);
    });

    it('logs each retry with its kind, its jittered delay and its number', async () => {
      bench.emu.faults.add({ route: WORKSPACE, kind: 'status', status: 503, times: 3 });
      // random 0: the lower end of full jitter, half the ceiling (20 · 2^n, capped at 30).
      const ws = await client({ retryBaseMs: 20, retryMaxMs: 30, random: () => 0 }).getWorkspace(bench.acme);
      assert.equal(ws.gid, bench.acme);
      assert.deepEqual(warnings(), [
        `GET /workspaces/${bench.acme}: server error, retrying in 10 ms (retry 1).`,
        `GET /workspaces/${bench.acme}: server error, retrying in 15 ms (retry 2).`,
        `GET /workspaces/${bench.acme}: server error, retrying in 15 ms (retry 3).`,
      ]);
      const answers = bench.log.lines.filter((l) => l.startsWith('debug ')).map((l) => / → (\d+) in \d+ ms$/.exec(l)?.[1]);
      assert.deepEqual(answers, ['503', '503', '503', '200']);
      assert.ok(bench.log.lines.some((l) => l.startsWith(`debug GET /api/1.0/workspaces/${bench.acme}?opt_fields=name,is_organization,email_domains → 200 in `)), bench.log.text);
    });

    it('a read that times out says to check the connection, and is retried', async () => {
      bench.emu.faults.add({ route: WORKSPACE, kind: 'hang', times: 1 });
      const ws = await client({ timeoutMs: 150 }).getWorkspace(bench.acme);
      assert.equal(ws.gid, bench.acme);
      assert.equal(bench.emu.counters.byRoute[WORKSPACE], 2);
      assert.deepEqual(warnings(), [`GET /workspaces/${bench.acme}: timeout error, retrying in 1 ms (retry 1).`]);

      bench.emu.faults.add({ route: WORKSPACE, kind: 'hang' });
      const e = await failure(client({ timeoutMs: 150, maxReadRetries: 0 }).getWorkspace(bench.acme));
      assert.ok(e instanceof TimeoutError, String(e));
      assert.equal(e.message, `Asana did not answer within 1 s (GET /workspaces/${bench.acme}). Check your connection and try again.`);
      assert.deepEqual(e.request, { method: 'GET', path: `/workspaces/${bench.acme}` });
      assert.equal(bench.emu.counters.byRoute[WORKSPACE], 3, 'two requests above, then one with no retries allowed');
    });

    it('does not repeat a refusal: a 4xx is answered once', async () => {
      bench.emu.faults.add({ route: WORKSPACE, kind: 'status', status: 409, message: 'Conflict here' });
      const e = await failure(client().getWorkspace(bench.acme));
      assert.ok(e instanceof BadRequestError, String(e));
      assert.equal(e.message, 'Asana answered HTTP 409. Conflict here.');
      assert.equal(bench.emu.counters.byRoute[WORKSPACE], 1);
      assert.deepEqual(warnings(), []);
    });

    it('treats a 3xx as an error, not as data', async () => {
      bench.emu.faults.add({ route: WORKSPACE, kind: 'status', status: 300, message: 'Multiple Choices' });
      const e = await failure(client().getWorkspace(bench.acme));
      assert.ok(e instanceof BadRequestError, String(e));
      assert.equal(e.status, 300);
      assert.match(e.message, /^Asana answered HTTP 300\. Multiple Choices\.$/);
    });

    it('sends nothing for a call cancelled before it starts', async () => {
      const ac = new AbortController();
      ac.abort();
      const before = bench.emu.counters.total;
      const e = await failure(client().getWorkspace(bench.acme, { signal: ac.signal }));
      assert.ok(e instanceof CancelledError, String(e));
      assert.equal(e.message, 'The request was cancelled.');
      assert.deepEqual(e.request, { method: 'GET', path: `/workspaces/${bench.acme}` });
      assert.equal(bench.emu.counters.total, before);
    });

    it('a cancel during a retry delay ends the call at once', async () => {
      bench.emu.faults.add({ route: WORKSPACE, kind: 'status', status: 503 });
      const ac = new AbortController();
      const c = client({ retryBaseMs: 10_000, retryMaxMs: 10_000, callDeadlineMs: 60_000 });
      const started = Date.now();
      const pending = failure(c.getWorkspace(bench.acme, { signal: ac.signal }));
      setTimeout(() => ac.abort(), 100);
      const e = await pending;
      assert.ok(e instanceof CancelledError, String(e));
      assert.ok(Date.now() - started < 5_000);
      assert.equal(bench.emu.counters.byRoute[WORKSPACE], 1);
    });

    it('gives up on a retry that would end past the call deadline, with the failure that caused it', async () => {
      bench.emu.faults.add({ route: WORKSPACE, kind: 'status', status: 502 });
      const started = Date.now();
      const e = await failure(client({ retryBaseMs: 5_000, retryMaxMs: 5_000, callDeadlineMs: 2_000 }).getWorkspace(bench.acme));
      assert.ok(e instanceof ServerError, String(e));
      assert.equal(e.status, 502);
      assert.equal(bench.emu.counters.byRoute[WORKSPACE], 1);
      assert.deepEqual(warnings(), []);
      assert.ok(Date.now() - started < 1_500);
    });
  });

  describe('writes', () => {
    it('a write that timed out is not sent again, and may have landed', async () => {
      bench.emu.faults.add({ route: RENAME, kind: 'hang' });
      const e = await failure(client({ timeoutMs: 150 }).renameWorkspace(bench.acme, 'Hung Name'));
      assert.ok(e instanceof TimeoutError, String(e));
      assert.equal(
        e.message,
        `Asana did not answer within 1 s (PUT /workspaces/${bench.acme}). Asana may have made the change before the connection was lost: refresh to check before trying again.`,
      );
      assert.equal(bench.emu.counters.byRoute[RENAME], 1);
    });

    it('a write whose connection dropped says it may have landed', async () => {
      bench.emu.faults.add({ route: ADD, kind: 'drop', times: 1 });
      const e = await failure(client().addUser(bench.acme, 'dropped@bench.acme.test'));
      assert.ok(e instanceof NetworkError, String(e));
      assert.match(e.message, /^Could not reach Asana \(.+\)\. Asana may have made the change before the connection was lost/);
      assert.equal(bench.emu.counters.byRoute[ADD], 1);
    });

    it('a write that could not even connect is sent again, since it never left', async () => {
      const port = await closedPort();
      const c = client({ baseUrl: `http://127.0.0.1:${port}/api/1.0`, maxReadRetries: 2 });
      const e = await failure(c.addUser(bench.acme, 'nobody@bench.acme.test'));
      assert.ok(e instanceof NetworkError, String(e));
      assert.match(e.message, /^Could not reach Asana \(.*ECONNREFUSED.*\)\. Check your connection and try again\.$/);
      assert.deepEqual(warnings(), [
        `POST /workspaces/${bench.acme}/addUser: network error, retrying in 1 ms (retry 1).`,
        `POST /workspaces/${bench.acme}/addUser: network error, retrying in 1 ms (retry 2).`,
      ]);
      const failures = bench.log.lines.filter((l) => l.startsWith('debug '));
      assert.equal(failures.length, 3);
      for (const line of failures) {
        assert.match(line, new RegExp(`^debug POST /api/1\\.0/workspaces/${bench.acme}/addUser\\?opt_fields=name,email failed after \\d+ ms: .*ECONNREFUSED`));
      }
    });

    it('a 2xx to a write with an unreadable answer says the change was made', async () => {
      bench.emu.faults.add({ route: ADD, kind: 'missing-field', field: 'gid' });
      const e = await failure(client().addUser(bench.acme, 'unreadable@bench.acme.test'));
      assert.ok(e instanceof InvalidResponseError, String(e));
      assert.equal(e.field, 'data.gid');
      assert.equal(e.status, 200);
      assert.deepEqual(e.request, { method: 'POST', path: `/workspaces/${bench.acme}/addUser` });
      assert.equal(
        e.message,
        'Asana sent a response in an unexpected shape: field "data.gid" is missing. Asana accepted the change, but its answer could not be read: refresh to see the result.',
      );
      assert.equal(bench.emu.counters.byRoute[ADD], 1);
      assert.ok(bench.emu.state.userByEmail('unreadable@bench.acme.test'), 'the write landed');
    });

    it('a cut-off answer to a write keeps the parse failure as its cause', async () => {
      bench.emu.faults.add({ route: ADD, kind: 'malformed-json' });
      const e = await failure(client().addUser(bench.acme, 'cutoff@bench.acme.test'));
      assert.ok(e instanceof InvalidResponseError, String(e));
      assert.equal(e.field, '');
      assert.ok(e.cause instanceof SyntaxError, String(e.cause));
      assert.match(e.message, /not valid JSON .*Asana accepted the change/);
    });

    it('an unreadable answer to a read does not claim a change', async () => {
      bench.emu.faults.add({ route: WORKSPACE, kind: 'missing-field', field: 'name' });
      const e = await failure(client().getWorkspace(bench.acme));
      assert.ok(e instanceof InvalidResponseError, String(e));
      assert.equal(e.message, 'Asana sent a response in an unexpected shape: field "data.name" is missing.');
    });
  });

  describe('429s', () => {
    it('waits out as many 429s as allowed, numbering each wait, then gives up', async () => {
      bench.emu.faults.add({ route: ADD, kind: 'status', status: 429, retryAfter: '0' });
      const c = client({ maxRateLimitWaits: 2 });
      const waits: Array<[number, number, string]> = [];
      c.onRateLimitWait((w) => waits.push([w.attempt, w.waitMs, `${w.request.method} ${w.request.path}`]));
      const e = await failure(c.addUser(bench.acme, 'waited@bench.acme.test'));
      assert.ok(e instanceof RateLimitedError, String(e));
      assert.equal(e.retryAfterMs, 0);
      assert.equal(e.message, 'Asana is rate limiting requests from this token. Asana asked to wait 0 s. Try again later.');
      assert.deepEqual(waits, [
        [1, 0, `POST /workspaces/${bench.acme}/addUser`],
        [2, 0, `POST /workspaces/${bench.acme}/addUser`],
      ]);
      assert.equal(bench.emu.counters.byRoute[ADD], 3);
      assert.deepEqual(warnings(), [
        `POST /workspaces/${bench.acme}/addUser: rate limited, waiting 0 s (wait 1).`,
        `POST /workspaces/${bench.acme}/addUser: rate limited, waiting 0 s (wait 2).`,
      ]);
    });

    it('by default waits out five 429s of a call', async () => {
      bench.emu.faults.add({ route: WORKSPACE, kind: 'status', status: 429, retryAfter: '0' });
      const e = await failure(client().getWorkspace(bench.acme));
      assert.ok(e instanceof RateLimitedError, String(e));
      assert.equal(bench.emu.counters.byRoute[WORKSPACE], 6);
    });

    it('a listener that unsubscribed hears nothing more', async () => {
      bench.emu.faults.add({ route: WORKSPACE, kind: 'status', status: 429, retryAfter: '0', times: 2 });
      const c = client();
      const kept: number[] = [];
      const dropped: number[] = [];
      c.onRateLimitWait((w) => kept.push(w.attempt));
      const unsubscribe = c.onRateLimitWait((w) => {
        dropped.push(w.attempt);
        unsubscribe();
      });
      await c.getWorkspace(bench.acme);
      assert.deepEqual(kept, [1, 2]);
      assert.deepEqual(dropped, [1]);
    });

    it('waits a Retry-After exactly at the cap, and refuses one a second over it', async () => {
      bench.emu.faults.add({ route: WORKSPACE, kind: 'status', status: 429, retryAfter: '0', times: 1 });
      assert.equal((await client({ maxRetryAfterMs: 0 }).getWorkspace(bench.acme)).gid, bench.acme);
      assert.equal(bench.emu.counters.byRoute[WORKSPACE], 2);

      bench.emu.reset();
      bench.emu.faults.add({ route: WORKSPACE, kind: 'status', status: 429, retryAfter: '1' });
      const e = await failure(client({ maxRetryAfterMs: 999 }).getWorkspace(bench.acme));
      assert.ok(e instanceof RateLimitedError, String(e));
      assert.equal(e.retryAfterMs, 1_000);
      assert.equal(bench.emu.counters.byRoute[WORKSPACE], 1);
    });

    it('without Retry-After, backs off from half a second', async () => {
      bench.emu.faults.add({ route: WORKSPACE, kind: 'status', status: 429, retryAfter: null, times: 1 });
      const c = client({ random: () => 0 });
      const waits: number[] = [];
      c.onRateLimitWait((w) => waits.push(w.waitMs));
      assert.equal((await c.getWorkspace(bench.acme)).gid, bench.acme);
      assert.deepEqual(waits, [500]);
    });
  });
});
