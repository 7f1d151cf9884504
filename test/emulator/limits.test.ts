/** Counters, latency, the concurrency caps and the per-minute rate limit. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { RATE_LIMIT_MESSAGE, startEmulator } from './index';
import type { Emulator } from './index';
import { SlidingWindowLimiter } from './rateLimit';
import { errorMessage, get, post } from './testing/http';
import type { ApiResponse } from './testing/http';

describe('emulator: counters and limits', function () {
  let emu: Emulator;
  let acme: string;

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 300 } });
    acme = emu.state.seedInfo.workspaces.acme;
  });
  beforeEach(() => emu.reset());
  after(() => emu.close());

  describe('counters', () => {
    it('counts every API request by route template, including 401s and 404s', async () => {
      await get(emu, '/workspaces');
      await get(emu, `/workspaces/${acme}`);
      await get(emu, `/workspaces/${acme}`, { token: emu.tokens.invalid });
      await get(emu, '/nope');
      await post(emu, `/workspaces/${acme}/addUser`, { data: { user: 'me' } });
      await fetch(`${emu.origin}/__emulator/counters`);
      assert.equal(emu.counters.total, 5);
      assert.deepEqual(emu.counters.byRoute, {
        'GET /workspaces': 1,
        'GET /workspaces/{workspace_gid}': 2,
        'POST /workspaces/{workspace_gid}/addUser': 1,
      });
      assert.deepEqual(emu.counters.inFlight, { reads: 0, writes: 0 });
      assert.deepEqual(emu.counters.maxInFlight, { reads: 1, writes: 1 });
      emu.counters.reset();
      assert.equal(emu.counters.total, 0);
      assert.deepEqual(emu.counters.byRoute, {});
      assert.deepEqual(emu.counters.maxInFlight, { reads: 0, writes: 0 });
    });

    it('tells which account made each request, and puts 401s under "unauthenticated"', async () => {
      const { admin, consultant } = emu.state.seedInfo.tokenUsers;
      const { guild } = emu.state.seedInfo.workspaces;
      await get(emu, '/workspaces');
      await get(emu, '/workspaces');
      await get(emu, `/workspaces/${guild}`);
      await get(emu, '/workspaces', { token: emu.tokens.consultant });
      await get(emu, `/workspaces/${acme}`, { token: emu.tokens.consultant }); // a 404 for her: still hers
      await get(emu, '/workspaces', { token: emu.tokens.invalid });
      await get(emu, '/users/me', { token: null });
      await get(emu, '/nope', { token: emu.tokens.consultant }); // no route: nobody was asked for a token
      assert.deepEqual(emu.counters.byUser, {
        [admin]: { 'GET /workspaces': 2, 'GET /workspaces/{workspace_gid}': 1 },
        [consultant]: { 'GET /workspaces': 1, 'GET /workspaces/{workspace_gid}': 1 },
        unauthenticated: { 'GET /workspaces': 1, 'GET /users/{user_gid}': 1 },
      });
      assert.equal(emu.counters.total, 8);

      // Requests the limiters refuse were authenticated: they count for their account.
      emu.configure({ rateLimitPerMinute: 1 });
      await get(emu, '/users/me', { token: emu.tokens.consultant });
      assert.equal((await get(emu, '/users/me', { token: emu.tokens.consultant })).status, 429);
      assert.equal(emu.counters.byUser[consultant]?.['GET /users/{user_gid}'], 2);

      const remote = (await (await fetch(`${emu.origin}/__emulator/counters`)).json()) as { byUser: Record<string, Record<string, number>> };
      assert.deepEqual(remote.byUser, emu.counters.byUser);
      emu.counters.reset();
      assert.deepEqual(emu.counters.byUser, {});
    });
  });

  describe('latency', () => {
    it('applies a fixed latency or a jitter range to every request, and reset() restores the start options', async () => {
      emu.configure({ latencyMs: [60, 90] });
      const t = Date.now();
      const pending = get(emu, '/users/me');
      await new Promise((r) => setTimeout(r, 30));
      assert.equal(emu.counters.inFlight.reads, 1, 'in flight while waiting');
      await pending;
      const took = Date.now() - t;
      assert.ok(took >= 58 && took < 400, `took ${took} ms`);
      emu.reset();
      const t2 = Date.now();
      await get(emu, '/users/me');
      assert.ok(Date.now() - t2 < 50);
    });

    it('refuses invalid settings', () => {
      assert.throws(() => emu.configure({ latencyMs: -1 }), /latencyMs/);
      assert.throws(() => emu.configure({ latencyMs: [50, 10] }), /latencyMs/);
      assert.throws(() => emu.configure({ rateLimitPerMinute: 0 }), /rateLimitPerMinute/);
      assert.throws(() => emu.configure({ concurrency: { reads: 0, writes: 1 } }), /concurrency/);
      assert.throws(() => emu.configure({ offsetTtlMs: -5 }), /offsetTtlMs/);
    });
  });

  describe('concurrency caps', () => {
    it('rejects reads over 50 in flight with 429 and Retry-After', async () => {
      emu.configure({ latencyMs: 250 });
      const results = await Promise.all(Array.from({ length: 60 }, () => get(emu, `/workspaces/${acme}`)));
      const rejected = results.filter((r) => r.status === 429);
      assert.equal(results.filter((r) => r.status === 200).length, 50);
      assert.equal(rejected.length, 10);
      for (const r of rejected) {
        assert.ok(Number(r.headers.get('retry-after')) >= 1);
        assert.equal(errorMessage(r), RATE_LIMIT_MESSAGE);
      }
      assert.equal(emu.counters.maxInFlight.reads, 50);
      assert.equal(emu.counters.rejected429, 10);
    });

    it('caps writes at 15, independently of reads and of other tokens', async () => {
      emu.configure({ latencyMs: 250 });
      const writes = Array.from({ length: 20 }, (_, i) => post(emu, `/workspaces/${acme}/addUser`, { data: { user: `w${i}@acme.test` } }));
      const reads = Array.from({ length: 10 }, () => get(emu, '/users/me'));
      const otherToken = Array.from({ length: 15 }, (_, i) => post(emu, `/workspaces/${acme}/addUser`, { data: { user: `m${i}@acme.test` } }, { token: emu.tokens.member }));
      const count = (rs: ApiResponse[], status: number): number => rs.filter((r) => r.status === status).length;
      const [w, r, o] = await Promise.all([Promise.all(writes), Promise.all(reads), Promise.all(otherToken)]);
      assert.equal(count(w, 200), 15);
      assert.equal(count(w, 429), 5);
      assert.equal(count(r, 200), 10);
      assert.equal(count(o, 200), 15);
      assert.equal(emu.counters.maxInFlight.writes, 30, 'two tokens, 15 each');
    });

    it('can be changed or switched off', async () => {
      emu.configure({ latencyMs: 100, concurrency: { reads: 2, writes: 1 } });
      const limited = await Promise.all(Array.from({ length: 4 }, () => get(emu, '/users/me')));
      assert.equal(limited.filter((r) => r.status === 429).length, 2);
      emu.configure({ concurrency: null });
      const open = await Promise.all(Array.from({ length: 70 }, () => get(emu, '/users/me')));
      assert.ok(open.every((r) => r.status === 200));
    });
  });

  describe('rate limit per minute', () => {
    it('rejects the request over the limit with 429, Retry-After and the documented message, per token', async () => {
      emu.configure({ rateLimitPerMinute: 5 });
      const statuses: number[] = [];
      let last: ApiResponse | undefined;
      for (let i = 0; i < 7; i++) {
        last = await get(emu, '/users/me');
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
      const retryAfter = Number(last?.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      assert.equal(errorMessage(last as ApiResponse), RATE_LIMIT_MESSAGE);
      assert.equal(emu.counters.rejected429, 2);
      assert.equal((await get(emu, '/users/me', { token: emu.tokens.member })).status, 200);
      emu.reset();
      assert.equal((await get(emu, '/users/me')).status, 200, 'reset() empties the windows');
    });

    it('counts rejected requests against the quota (fake clock)', () => {
      const w = new SlidingWindowLimiter();
      assert.equal(w.check('t', 2, 0), null);
      assert.equal(w.check('t', 2, 0), null);
      assert.equal(w.check('t', 2, 30_000), 30);
      assert.equal(w.check('t', 2, 59_900), 31, 'a slot frees when 0, 0 and 30 s have left');
      // The first two left the window at 60 s, but the two rejected ones still fill it.
      assert.notEqual(w.check('t', 2, 60_500), null);
      assert.equal(w.check('t', 2, 200_000), null);
    });

    it('never admits more than the limit in any 60-second window, and Retry-After is honest', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 10 }), fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 80 }), (limit, gaps) => {
          const w = new SlidingWindowLimiter();
          const admitted: number[] = [];
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            const retry = w.check('t', limit, now);
            if (retry === null) admitted.push(now);
            else assert.ok(retry >= 1 && retry <= 60);
            assert.ok(admitted.filter((t) => t > now - 60_000).length <= limit);
          }
        }),
      );
    });
  });
});
