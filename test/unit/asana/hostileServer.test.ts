/**
 * The client against a hostile server (the emulator's hostile-body and cycle-offsets faults): every
 * response is bounded in size, every call in time (retries included), every listing in pages and
 * time, and records keep only the fields the client asked for.
 */
import * as assert from 'node:assert/strict';
import {
  InvalidResponseError,
  RateLimitedError,
  ResponseTooLargeError,
  TimeoutError,
} from '../../../src/asana/errors';
import { collect, DEFAULT_LISTING_DEADLINE_MS, DEFAULT_MAX_LISTING_PAGES } from '../../../src/asana/pagination';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../../src/asana/transport';
import { clientBench, failure } from '../../helpers/clientBench';

const WORKSPACES = 'GET /workspaces';
const MEMBERSHIPS = 'GET /workspaces/{workspace_gid}/workspace_memberships';
const ADD = 'POST /workspaces/{workspace_gid}/addUser';

describe('AsanaClient against a hostile server', function () {
  this.timeout(20_000);
  const bench = clientBench({ seed: 31, sizes: { bigWorkspaceMembers: 250 } });
  const { client } = bench;
  beforeEach(() => bench.emu.reset());

  describe('bounded responses', () => {
    it('has defaults that fit Asana: 8 MB a response, 10,000 pages and 30 minutes a listing', () => {
      assert.equal(DEFAULT_MAX_RESPONSE_BYTES, 8 * 1024 * 1024);
      assert.ok(DEFAULT_MAX_LISTING_PAGES * 100 >= 100_000 * 5, 'room for five times the largest organizations');
      assert.equal(DEFAULT_LISTING_DEADLINE_MS, 30 * 60_000);
    });

    it('stops reading a huge chunked body at the limit, with a typed error, and does not retry it', async () => {
      bench.emu.faults.add({ route: WORKSPACES, kind: 'huge-body', bytes: 64 * 1024 * 1024 });
      const e = await failure(client().listWorkspaces());
      assert.ok(e instanceof ResponseTooLargeError, String(e));
      assert.equal(e.kind, 'invalid-response');
      assert.equal(e.limitBytes, DEFAULT_MAX_RESPONSE_BYTES);
      assert.match(e.message, /larger than 8 MB \(HTTP 200\)/);
      assert.equal(bench.emu.counters.byRoute[WORKSPACES], 1, 'an oversized answer is not asked for again');
    });

    it('refuses a declared Content-Length over the limit before reading the body', async () => {
      bench.emu.faults.add({ route: WORKSPACES, kind: 'huge-body', bytes: 2_000_000, declareLength: true });
      const e = await failure(client({ maxResponseBytes: 1_000_000 }).listWorkspaces());
      assert.ok(e instanceof ResponseTooLargeError);
      assert.equal(e.limitBytes, 1_000_000);
    });

    it('reads a body under a configured limit, and a page over it fails', async () => {
      bench.emu.faults.add({ route: WORKSPACES, kind: 'huge-body', bytes: 500_000 });
      assert.equal((await client({ maxResponseBytes: 1_000_000 }).listWorkspaces()).length, 3, 'under the limit: read');
      const small = client({ maxResponseBytes: 2_000 });
      const e = await failure(collect(small.workspaceMembershipPages(bench.acme)));
      assert.ok(e instanceof ResponseTooLargeError, 'a 100-member page is more than 2 KB');
    });

    it('says a write landed when its 2xx answer was too large to read', async () => {
      bench.emu.faults.add({ route: ADD, kind: 'huge-body' });
      const e = await failure(client().addUser(bench.acme, 'huge.answer@bench.acme.test'));
      assert.ok(e instanceof ResponseTooLargeError);
      assert.match(e.message, /Asana accepted the change, but its answer could not be read/);
      assert.ok(bench.emu.state.userByEmail('huge.answer@bench.acme.test'));
      assert.equal(bench.emu.counters.byRoute[ADD], 1);
    });

    it('ends an endless body at the size limit, long before the timeout', async () => {
      bench.emu.faults.add({ route: WORKSPACES, kind: 'endless-body' });
      const e = await failure(client({ timeoutMs: 120_000 }).listWorkspaces());
      assert.ok(e instanceof ResponseTooLargeError, String(e));
    });

    it('ends an endless trickle by the timeout, and retries it only within the bounds', async () => {
      bench.emu.faults.add({ route: WORKSPACES, kind: 'endless-body', chunkBytes: 40, intervalMs: 10 });
      const e = await failure(client({ timeoutMs: 300, maxReadRetries: 1 }).listWorkspaces());
      assert.ok(e instanceof TimeoutError, String(e));
      assert.equal(bench.emu.counters.byRoute[WORKSPACES], 2);
    });

    it('keeps only the fields it asked for, dropping unknown ones', async () => {
      bench.emu.faults.add({ kind: 'extra-field', field: 'brand_new_field' });
      const c = client();
      const [ws] = await c.listWorkspaces();
      assert.deepEqual(Object.keys(ws!).sort(), ['email_domains', 'gid', 'is_organization', 'name']);
      const [m] = await collect(c.workspaceMembershipPages(bench.acme, { pageSize: 1 }));
      assert.ok(m && !('brand_new_field' in m) && !('resource_type' in m));
      assert.ok(!('resource_type' in m.user) && !('resource_type' in m.workspace));
      const me = await c.getMe();
      assert.ok(!('brand_new_field' in me) && (me.workspaces ?? []).every((w) => !('brand_new_field' in w)));
    });
  });

  describe('calls that end', () => {
    it('spends one budget on a read and its retries: a hung server gets as many attempts as fit, not maxReadRetries', async () => {
      bench.emu.faults.add({ route: WORKSPACES, kind: 'hang' });
      const c = client({ timeoutMs: 400, callDeadlineMs: 1_000, maxReadRetries: 10 });
      const e = await failure(c.listWorkspaces());
      assert.ok(e instanceof TimeoutError, String(e));
      const sent = bench.emu.counters.byRoute[WORKSPACES] ?? 0;
      // 1,000 ms hold at most three attempts of up to 400 ms; without the budget it would be 11.
      assert.ok(sent >= 2 && sent <= 3, `${sent} attempts`);
    });

    it('fails at once when a 429 asks for a wait beyond the call budget', async () => {
      bench.emu.faults.add({ route: WORKSPACES, kind: 'status', status: 429, retryAfter: '30' });
      const c = client({ callDeadlineMs: 5_000 });
      const waits: number[] = [];
      c.onRateLimitWait((w) => waits.push(w.waitMs));
      const e = await failure(c.listWorkspaces());
      assert.ok(e instanceof RateLimitedError);
      assert.equal(e.retryAfterMs, 30_000);
      assert.deepEqual(waits, [], 'no wait started that could not end in time');
      assert.equal(bench.emu.counters.byRoute[WORKSPACES], 1);
    });
  });

  describe('listings that end', () => {
    it('stops when offsets cycle a, b, a, b…', async () => {
      bench.emu.faults.add({ route: WORKSPACES, kind: 'cycle-offsets', after: 1 });
      const e = await failure(collect(client().workspacePages({ pageSize: 1 })));
      assert.ok(e instanceof InvalidResponseError, String(e));
      assert.equal(e.field, 'next_page');
      assert.match(e.message, /offset it had already sent/);
      assert.equal(bench.emu.counters.byRoute[WORKSPACES], 3, 'stopped at the first repeated offset');
    });

    it('stops a longer cycle (a, b, c, a…) at its first repeat too', async () => {
      bench.emu.faults.add({ route: MEMBERSHIPS, kind: 'cycle-offsets', cycleLength: 3, after: 1 });
      const seen: string[] = [];
      const e = await failure(
        (async () => {
          for await (const page of client().workspaceMembershipPages(bench.acme, { pageSize: 50 })) seen.push(...page.map((m) => m.gid));
        })(),
      );
      assert.ok(e instanceof InvalidResponseError);
      assert.equal(new Set(seen).size, seen.length, 'nothing was yielded twice before it stopped');
      assert.ok((bench.emu.counters.byRoute[MEMBERSHIPS] ?? 0) <= 5);
    });

    it('stops at the page limit', async () => {
      const e = await failure(collect(client({ maxListingPages: 4 }).workspaceMembershipPages(bench.acme, { pageSize: 10 })));
      assert.ok(e instanceof InvalidResponseError);
      assert.match(e.message, /kept sending more pages \(4 so far/);
      assert.equal(bench.emu.counters.byRoute[MEMBERSHIPS], 4);
    });

    it('stops a listing whose pages trickle in past its time budget', async () => {
      // Each page takes about a second; no single call times out, the listing as a whole runs out of time.
      bench.emu.faults.add({ route: MEMBERSHIPS, kind: 'trickle', intervalMs: 100, after: 1 });
      const pages: number[] = [];
      const e = await failure(
        (async () => {
          for await (const page of client({ timeoutMs: 10_000, listingDeadlineMs: 1_500 }).workspaceMembershipPages(bench.acme, { pageSize: 50 })) {
            pages.push(page.length);
          }
        })(),
      );
      assert.ok(e instanceof TimeoutError, String(e));
      assert.match(e.message, /listing did not finish within 2 s/);
      assert.ok(pages.length >= 1 && pages.length < 5, `${pages.length} pages before it stopped`);
    });

    it('does not count the time the caller spends between pages', async () => {
      const c = client({ listingDeadlineMs: 300 });
      let members = 0;
      for await (const page of c.workspaceMembershipPages(bench.acme, { pageSize: 100 })) {
        members += page.length;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.equal(members, bench.emu.state.membershipsOf(bench.acme, { activeOnly: true }).length);
    });
  });
});
