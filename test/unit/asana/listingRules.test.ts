/**
 * How a listing asks for pages and when it restarts: the page size it sends, a refused first page
 * (nothing to restart from), the caller's own cancel, and the log line of a restart.
 */
import * as assert from 'node:assert/strict';
import { BadRequestError, CancelledError, InvalidInputError, InvalidResponseError, TimeoutError } from '../../../src/asana/errors';
import { collect } from '../../../src/asana/pagination';
import { clientBench, failure } from '../../helpers/clientBench';

const MEMBERSHIPS = 'GET /workspaces/{workspace_gid}/workspace_memberships';
const USER_MEMBERSHIPS = 'GET /users/{user_gid}/workspace_memberships';

describe('AsanaClient listing rules', function () {
  this.timeout(20_000);
  const bench = clientBench({ seed: 17, sizes: { bigWorkspaceMembers: 45 } });
  const { client } = bench;

  it('asks for pages of the size given, 100 by default', async () => {
    const active = bench.emu.state.membershipsOf(bench.acme, { activeOnly: true }).length;
    assert.ok(active > 20 && active <= 100, `${active} active members`);
    const sizes: number[] = [];
    for await (const page of client().workspaceMembershipPages(bench.acme, { pageSize: 20 })) sizes.push(page.length);
    assert.deepEqual(sizes, [...Array<number>(Math.floor(active / 20)).fill(20), ...(active % 20 ? [active % 20] : [])]);
    bench.emu.counters.reset();
    assert.equal((await collect(client().workspaceMembershipPages(bench.acme))).length, active);
    assert.equal(bench.emu.counters.byRoute[MEMBERSHIPS], 1, 'one page of 100 holds them all');
  });

  it('refuses a page size outside 1..100 before asking', async () => {
    const c = client();
    const before = bench.emu.counters.total;
    for (const pageSize of [0, 101, 2.5]) {
      assert.throws(() => c.workspaceMembershipPages(bench.acme, { pageSize }), InvalidInputError, String(pageSize));
      assert.throws(() => c.workspaceUserPages(bench.acme, { pageSize }), InvalidInputError, String(pageSize));
    }
    await assert.rejects(c.listWorkspaces({ pageSize: 0 }), InvalidInputError);
    assert.equal(bench.emu.counters.total, before);
    assert.equal((await collect(c.workspaceMembershipPages(bench.acme, { pageSize: 100 }))).length, bench.emu.state.membershipsOf(bench.acme, { activeOnly: true }).length);
  });

  it('does not restart a listing whose first page was refused: there was no offset to expire', async () => {
    bench.emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 400, message: 'limit: bad', times: 1 });
    const e = await failure(collect(client().workspaceMembershipPages(bench.acme, { pageSize: 10 })));
    assert.ok(e instanceof BadRequestError, String(e));
    assert.equal(e.message, 'Asana rejected the request. limit: bad.');
    assert.equal(bench.emu.counters.byRoute[MEMBERSHIPS], 1);
    assert.ok(!bench.log.text.includes('restarting'), bench.log.text);
  });

  it('restarts once on a refused offset, and says so with the path and Asana’s words', async () => {
    bench.emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 400, message: 'offset: expired', after: 1, times: 1 });
    const members = await collect(client().workspaceMembershipPages(bench.acme, { pageSize: 10 }));
    assert.equal(members.length, bench.emu.state.membershipsOf(bench.acme, { activeOnly: true }).length);
    assert.equal(new Set(members.map((m) => m.gid)).size, members.length);
    assert.deepEqual(
      bench.log.lines.filter((l) => l.startsWith('warn ')),
      [`warn /workspaces/${bench.acme}/workspace_memberships: pagination offset refused (Asana rejected the request. offset: expired.); restarting the listing once.`],
    );
  });

  it('stops at the page limit with an error naming next_page', async () => {
    const e = await failure(collect(client({ maxListingPages: 2 }).workspaceMembershipPages(bench.acme, { pageSize: 10 })));
    assert.ok(e instanceof InvalidResponseError, String(e));
    assert.equal(e.message, 'Asana kept sending more pages (2 so far, of 10 records each), more than any workspace has, so the listing stopped.');
    assert.equal(e.field, 'next_page');
    assert.deepEqual(e.request, { method: 'GET', path: `/workspaces/${bench.acme}/workspace_memberships` });
    assert.equal(bench.emu.counters.byRoute[MEMBERSHIPS], 2);
  });

  it('a caller that stops after the first page ends the page asked ahead before it is answered', async () => {
    bench.emu.faults.add({ route: MEMBERSHIPS, kind: 'latency', latencyMs: 300, after: 1 });
    for await (const page of client().workspaceMembershipPages(bench.acme, { pageSize: 10 })) {
      assert.equal(page.length, 10);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
    const answered = bench.log.lines.filter((l) => l.includes('/workspace_memberships?') && l.includes(' → '));
    assert.equal(answered.length, 1, bench.log.text);
  });

  it('a listing the caller cancels ends as cancelled, not as out of time', async () => {
    bench.emu.configure({ latencyMs: 300 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e = await failure(collect(client({ listingDeadlineMs: 60_000 }).workspaceMembershipPages(bench.acme, { signal: ac.signal })));
    assert.ok(e instanceof CancelledError, String(e));
  });

  it('after a restart, takes an offset it followed before the restart as new, not as a repeat', async () => {
    // The second page is refused once; the restarted listing is then handed the pre-restart offset
    // again (cycle-offsets, for its three answers), as a server whose offsets name positions would.
    bench.emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 400, message: 'offset: expired', after: 1, times: 1 });
    bench.emu.faults.add({ route: MEMBERSHIPS, kind: 'cycle-offsets', times: 3 });
    const members = await collect(client().workspaceMembershipPages(bench.acme, { pageSize: 10 }));
    assert.deepEqual(members.map((m) => m.gid).sort(), bench.emu.state.membershipsOf(bench.acme, { activeOnly: true }).map((m) => m.gid).sort());
  });

  it('does not ask for a repeated offset, even while the caller works on the page before it', async () => {
    bench.emu.faults.add({ route: MEMBERSHIPS, kind: 'cycle-offsets', after: 1 });
    const e = await failure(
      (async () => {
        // Long enough for a request asked ahead to reach the server.
        for await (const _ of client().workspaceMembershipPages(bench.acme, { pageSize: 10 })) await new Promise((resolve) => setTimeout(resolve, 100));
      })(),
    );
    assert.ok(e instanceof InvalidResponseError, String(e));
    assert.deepEqual(e.request, { method: 'GET', path: `/workspaces/${bench.acme}/workspace_memberships` });
    assert.equal(bench.emu.counters.byRoute[MEMBERSHIPS], 3, 'the first page, the two offsets; not the repeat');
  });

  it('ends a page that outlasts the listing budget at the budget, not at the call’s own timeout', async () => {
    bench.emu.faults.add({ route: MEMBERSHIPS, kind: 'hang', after: 1 });
    const pages: number[] = [];
    const e = await failure(
      (async () => {
        for await (const page of client({ listingDeadlineMs: 1_500, timeoutMs: 8_000, maxReadRetries: 0 }).workspaceMembershipPages(bench.acme, { pageSize: 10 })) {
          pages.push(page.length);
        }
      })(),
    );
    assert.ok(e instanceof TimeoutError, String(e));
    assert.equal(e.message, 'The listing did not finish within 2 s of waiting for Asana, so it stopped. Try again later.');
    assert.deepEqual(e.request, { method: 'GET', path: `/workspaces/${bench.acme}/workspace_memberships` });
    assert.deepEqual(pages, [10]);
  });

  it('leaves no timer running once its pages are in, or once one failed', async () => {
    const c = client();
    // After the first await: mocha sets its own test timer then, and the connection is open.
    await c.getMe();
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const members = await collect(c.workspaceMembershipPages(bench.acme, { pageSize: 10 }));
    assert.ok(members.length > 20, `${members.length} members, three pages or more`);
    assert.equal(timers(), before, 'a page’s budget timer would hold the extension host for up to 30 minutes');
    bench.emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 400, message: 'limit: bad', times: 1 });
    await failure(collect(c.workspaceMembershipPages(bench.acme)));
    assert.equal(timers(), before, 'nor the timer of a page that failed');
  });

  it('lists the every membership of a user named by address', async () => {
    const ada = bench.emu.state.users.find((u) => bench.emu.state.membershipsOfUser(u.gid).length > 0);
    assert.ok(ada);
    const byAddress = await client().listUserMemberships(ada.email);
    assert.deepEqual(
      byAddress.map((m) => m.gid).sort(),
      bench.emu.state.membershipsOfUser(ada.gid).map((m) => m.gid).sort(),
    );
    assert.equal(bench.emu.counters.byRoute[USER_MEMBERSHIPS], 1);
  });
});
