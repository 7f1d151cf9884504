/**
 * The client against the emulator over real sockets: every operation, pagination, the error
 * kinds, 429 handling, the caps on requests in flight, and the token kept out of every message.
 */
import * as assert from 'node:assert/strict';
import { AsanaClient, type AsanaClientOptions } from '../../../src/asana/client';
import type {
  AsanaError} from '../../../src/asana/errors';
import {
  BadRequestError,
  CancelledError,
  ForbiddenError,
  InvalidInputError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
} from '../../../src/asana/errors';
import { collect } from '../../../src/asana/pagination';
import type { Workspace } from '../../../src/asana/schemas';
import { startEmulator, type Emulator } from '../../emulator/index';
import { RecordingLogger } from '../../helpers/recordingLogger';

const MEMBERSHIPS_ROUTE = 'GET /workspaces/{workspace_gid}/workspace_memberships';

async function until(probe: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) assert.fail(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('AsanaClient against the emulator', function () {
  let emu: Emulator;
  let log: RecordingLogger;
  const errorsSeen: unknown[] = [];
  const logsSeen: string[] = [];
  const clients: AsanaClient[] = [];

  function client(token: string, opts: Partial<AsanaClientOptions> = {}): AsanaClient {
    const c = new AsanaClient({ token, baseUrl: emu.baseUrl, logger: log, retryBaseMs: 20, retryMaxMs: 100, ...opts });
    clients.push(c);
    return c;
  }

  /** Runs `fn`, expecting it to fail, and keeps the error for the final token check. */
  async function failure<T extends AsanaError>(fn: () => Promise<unknown>, type: new (...a: never[]) => T): Promise<T> {
    try {
      await fn();
    } catch (e) {
      errorsSeen.push(e);
      assert.ok(e instanceof type, `expected ${type.name}, got ${String(e)}`);
      return e;
    }
    assert.fail(`expected ${type.name}, but the call succeeded`);
  }

  async function workspace(c: AsanaClient, name: string): Promise<Workspace> {
    const found = (await c.listWorkspaces()).find((w) => w.name === name);
    assert.ok(found, `workspace ${name}`);
    return found;
  }

  before(async () => {
    emu = await startEmulator({ seed: 7 });
  });

  beforeEach(() => {
    emu.reset();
    log = new RecordingLogger();
  });

  afterEach(async () => {
    logsSeen.push(log.text);
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });

  after(async () => {
    await emu.close();
  });

  describe('operations', () => {
    it('gets the signed-in user with email and workspaces', async () => {
      const me = await client(emu.tokens.admin).getMe();
      assert.match(me.gid, /^\d+$/);
      assert.ok(me.name.length > 0);
      assert.ok(me.email?.includes('@'));
      assert.ok((me.workspaces ?? []).some((w) => w.name === 'Acme Corp'));
    });

    it('lists workspaces with their kind and email domains', async () => {
      const list = await client(emu.tokens.admin).listWorkspaces();
      const acme = list.find((w) => w.name === 'Acme Corp');
      assert.ok(acme);
      assert.equal(acme.is_organization, true);
      assert.deepEqual(acme.email_domains, ['acme.test']);
      const personal = list.find((w) => w.name === 'Personal Projects');
      assert.equal(personal?.is_organization, false);
    });

    it('gets and renames a workspace, and the emulator holds the new name', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      const renamed = await c.renameWorkspace(acme.gid, '  Acme Holdings  ', { current: acme.name });
      assert.equal(renamed.name, 'Acme Holdings');
      assert.equal((await c.getWorkspace(acme.gid)).name, 'Acme Holdings');
    });

    it('refuses an empty or unchanged name before sending anything', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      const before = emu.counters.total;
      await failure(() => c.renameWorkspace(acme.gid, '   '), InvalidInputError);
      await failure(() => c.renameWorkspace(acme.gid, 'Acme Corp', { current: 'Acme Corp' }), InvalidInputError);
      assert.equal(emu.counters.total, before);
      assert.equal((await c.getWorkspace(acme.gid)).name, 'Acme Corp');
    });

    it('adds a new person by email, and re-adding is harmless', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      const added = await c.addUser(acme.gid, 'new.person@acme.test');
      assert.equal(added.email, 'new.person@acme.test');
      const again = await c.addUser(acme.gid, added.gid);
      assert.equal(again.gid, added.gid);
      const memberships = await collect(c.workspaceMembershipPages(acme.gid, { user: added.gid }));
      assert.equal(memberships.length, 1);
      assert.equal(memberships[0]?.is_active, true);
    });

    it('refuses a bad email before sending anything', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      const before = emu.counters.total;
      const e = await failure(() => c.addUser(acme.gid, 'not-an-email@'), InvalidInputError);
      assert.match(e.message, /not a valid email/);
      assert.equal(emu.counters.total, before);
    });

    it('removes a member as admin, leaving an inactive membership visible per user only', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      const [first] = await collect(c.workspaceMembershipPages(acme.gid, { pageSize: 5 }));
      const victim = (await collect(c.workspaceMembershipPages(acme.gid))).find(
        (m) => !m.is_admin && m.user.gid !== first?.user.gid,
      );
      assert.ok(victim);
      await c.removeUser(acme.gid, victim.user.gid);
      const active = await collect(c.workspaceMembershipPages(acme.gid, { user: victim.user.gid }));
      assert.equal(active.length, 0);
      const all = await c.listUserMemberships(victim.user.gid);
      const inAcme = all.filter((m) => m.workspace.gid === acme.gid);
      assert.ok(inAcme.length >= 1);
      assert.ok(inAcme.every((m) => !m.is_active));
    });

    it('maps a non-admin removal to ForbiddenError and changes nothing', async () => {
      const c = client(emu.tokens.member);
      const acme = await workspace(c, 'Acme Corp');
      const someone = (await collect(c.workspaceMembershipPages(acme.gid, { pageSize: 10 }))).find((m) => m.user.gid);
      assert.ok(someone);
      const e = await failure(() => c.removeUser(acme.gid, someone.user.gid), ForbiddenError);
      assert.equal(e.status, 403);
      const still = await collect(c.workspaceMembershipPages(acme.gid, { user: someone.user.gid }));
      assert.equal(still.length, 1);
    });

    it('searches users by typeahead, within count bounds', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      const all = await c.typeaheadUsers(acme.gid, '', { count: 100 });
      assert.equal(all.length, 100);
      const someone = all[10];
      assert.ok(someone);
      const firstName = someone.name.split(' ')[0] ?? '';
      const hits = await c.typeaheadUsers(acme.gid, firstName, { count: 5 });
      assert.ok(hits.length >= 1 && hits.length <= 5);
      // Asana's typeahead (and the emulator's) matches the name or the email, accents and case ignored.
      const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      for (const u of hits) {
        const email = emu.state.user(u.gid)?.email ?? '';
        assert.ok(fold(u.name).includes(fold(firstName)) || fold(email).includes(fold(firstName)), `${u.name} <${email}> does not match "${firstName}"`);
      }
      assert.ok(hits.some((u) => u.name.toLowerCase().startsWith(firstName.toLowerCase())));
      await failure(() => c.typeaheadUsers(acme.gid, 'a', { count: 0 }), InvalidInputError);
      await failure(() => c.typeaheadUsers(acme.gid, 'a', { count: 101 }), InvalidInputError);
    });

    it('gets one membership by gid with every flag', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      const [page] = [await collect(c.workspaceMembershipPages(acme.gid, { pageSize: 3 }))];
      const m = page?.[0];
      assert.ok(m);
      const got = await c.getWorkspaceMembership(m.gid);
      assert.equal(got.gid, m.gid);
      assert.equal(got.workspace.gid, acme.gid);
      assert.equal(typeof got.is_guest, 'boolean');
      assert.ok(got.created_at);
    });

    it('lists users of a workspace with emails', async () => {
      const c = client(emu.tokens.admin);
      const guild = await workspace(c, 'Design Guild');
      const users = await collect(c.workspaceUserPages(guild.gid, { pageSize: 7 }));
      assert.ok(users.length > 7);
      assert.ok(users.every((u) => typeof u.email === 'string' && u.email.includes('@')));
      assert.equal(new Set(users.map((u) => u.gid)).size, users.length);
    });

    it('maps a 404 for an unknown workspace', async () => {
      const e = await failure(() => client(emu.tokens.admin).getWorkspace('999999999'), NotFoundError);
      assert.equal(e.status, 404);
    });
  });

  describe('pagination', () => {
    it('pages through 10,000 members, each exactly once, first page before the rest', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      emu.counters.reset();
      const pages = c.workspaceMembershipPages(acme.gid);
      const first = await pages.next();
      assert.equal(first.done, false);
      assert.equal(first.value?.length, 100);
      // While the caller holds the first page, the second is asked for, and no more: one page ahead.
      await until(() => emu.counters.byRoute[MEMBERSHIPS_ROUTE] === 2, 'the second page should be asked for while the first is held');
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(emu.counters.byRoute[MEMBERSHIPS_ROUTE], 2, 'one page ahead, not more');
      const gids = new Set(first.value?.map((m) => m.gid));
      let count = first.value?.length ?? 0;
      for await (const page of pages) {
        for (const m of page) gids.add(m.gid);
        count += page.length;
      }
      const expected = emu.state.memberships.filter((m) => m.workspace === acme.gid && m.is_active).length;
      assert.ok(expected >= 9_000, `seeded active members: ${expected}`);
      assert.equal(count, expected);
      assert.equal(gids.size, expected);
      assert.equal(emu.counters.byRoute[MEMBERSHIPS_ROUTE], Math.ceil(expected / 100));
    });

    it('a caller that stops early stops the page asked ahead, and nothing is left to reject', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      const slow = emu.faults.add({ route: MEMBERSHIPS_ROUTE, kind: 'latency', latencyMs: 2000, after: 1 });
      try {
        emu.counters.reset();
        for await (const page of c.workspaceMembershipPages(acme.gid)) {
          assert.equal(page.length, 100);
          await until(() => emu.counters.byRoute[MEMBERSHIPS_ROUTE] === 2, 'the second page should be on its way');
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
        assert.deepEqual(unhandled, []);
        assert.ok(!log.text.includes('Error'), 'the stopped page is not logged as a failure');
      } finally {
        emu.faults.remove(slow);
        process.off('unhandledRejection', onUnhandled);
      }
    });

    it('a failure of the page asked ahead arrives after the page before it', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      const refused = emu.faults.add({ route: MEMBERSHIPS_ROUTE, kind: 'status', status: 403, after: 1, times: 1 });
      try {
        const got: number[] = [];
        await failure(async () => {
          for await (const page of c.workspaceMembershipPages(acme.gid)) got.push(page.length);
        }, ForbiddenError);
        assert.deepEqual(got, [100], 'the first page reached the caller before the failure');
      } finally {
        emu.faults.remove(refused);
      }
    });

    it('restarts once when an offset has expired, without yielding anything twice', async () => {
      const c = client(emu.tokens.admin);
      const guild = await workspace(c, 'Design Guild');
      const pages = c.workspaceMembershipPages(guild.gid, { pageSize: 10 });
      const seen: string[] = [];
      let n = 0;
      for await (const page of pages) {
        seen.push(...page.map((m) => m.gid));
        if (++n === 2) emu.expireOffsets();
      }
      const expected = (await collect(c.workspaceMembershipPages(guild.gid))).map((m) => m.gid).sort();
      assert.deepEqual([...seen].sort(), expected);
      assert.ok(log.text.includes('restarting the listing once'));
    });

    it('fails when offsets keep expiring, instead of looping', async () => {
      const c = client(emu.tokens.admin);
      const guild = await workspace(c, 'Design Guild');
      const pages = c.workspaceMembershipPages(guild.gid, { pageSize: 5 });
      await failure(async () => {
        for await (const _ of pages) emu.expireOffsets();
      }, BadRequestError);
    });
  });

  describe('errors', () => {
    it('maps a bad token to UnauthorizedError without the token in the message', async () => {
      const e = await failure(() => client(emu.tokens.invalid).getMe(), UnauthorizedError);
      assert.equal(e.status, 401);
      assert.match(e.message, /Sign in again/);
      assert.ok(!e.message.includes(emu.tokens.invalid));
    });

    it('retries a read after 5xx and succeeds', async () => {
      emu.faults.add({ method: 'GET', route: 'GET /workspaces', kind: 'status', status: 503, times: 2 });
      const list = await client(emu.tokens.admin).listWorkspaces();
      assert.equal(list.length, 3);
      assert.equal(emu.counters.byRoute['GET /workspaces'], 3);
    });

    it('gives up on a read after its retries, naming Asana\'s phrase', async () => {
      emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 500, phrase: '6 sad squid snuggle softly' });
      const e = await failure(() => client(emu.tokens.admin, { maxReadRetries: 2 }).listWorkspaces(), ServerError);
      assert.equal(e.phrase, '6 sad squid snuggle softly');
      assert.match(e.message, /6 sad squid snuggle softly/);
      assert.equal(emu.counters.byRoute['GET /workspaces'], 3);
    });

    it('never repeats a write after a 5xx', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      emu.faults.add({ route: 'PUT /workspaces/{workspace_gid}', kind: 'status', status: 502, times: 1 });
      await failure(() => c.renameWorkspace(acme.gid, 'Renamed'), ServerError);
      assert.equal(emu.counters.byRoute['PUT /workspaces/{workspace_gid}'], 1);
    });

    it('never repeats a write whose connection dropped after it landed', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      emu.faults.add({ route: 'POST /workspaces/{workspace_gid}/addUser', kind: 'drop', times: 1 });
      await failure(() => c.addUser(acme.gid, 'dropped.once@acme.test'), NetworkError);
      assert.equal(emu.counters.byRoute['POST /workspaces/{workspace_gid}/addUser'], 1);
      const users = emu.state.users.filter((u) => u.email === 'dropped.once@acme.test');
      assert.equal(users.length, 1, 'the write landed exactly once');
    });

    it('retries a read whose connection was reset mid-body', async () => {
      emu.faults.add({ route: 'GET /workspaces', kind: 'reset-mid-body', times: 1 });
      const list = await client(emu.tokens.admin).listWorkspaces();
      assert.equal(list.length, 3);
    });

    it('reports malformed JSON as an invalid response', async () => {
      emu.faults.add({ route: 'GET /workspaces', kind: 'malformed-json' });
      const e = await failure(() => client(emu.tokens.admin).listWorkspaces(), InvalidResponseError);
      assert.match(e.message, /not valid JSON/);
    });

    it('names the missing field of a response', async () => {
      emu.faults.add({ route: 'GET /workspaces', kind: 'missing-field', field: 'name' });
      const e = await failure(() => client(emu.tokens.admin).listWorkspaces(), InvalidResponseError);
      assert.equal(e.field, 'data[0].name');
      assert.match(e.message, /"data\[0\]\.name" is missing/);
    });

    it('accepts unknown extra fields, and drops them', async () => {
      emu.faults.add({ route: 'GET /workspaces', kind: 'extra-field', field: 'brand_new_field' });
      const list = await client(emu.tokens.admin).listWorkspaces();
      assert.equal(list.length, 3);
      assert.ok(list.every((w) => !('brand_new_field' in w)));
    });

    it('times out on a hung server, retrying a read a bounded number of times', async () => {
      emu.faults.add({ route: 'GET /workspaces', kind: 'hang' });
      const started = Date.now();
      const e = await failure(() => client(emu.tokens.admin, { timeoutMs: 200, maxReadRetries: 1 }).listWorkspaces(), TimeoutError);
      assert.match(e.message, /did not answer within/);
      assert.equal(emu.counters.byRoute['GET /workspaces'], 2);
      assert.ok(Date.now() - started < 5_000);
    });

    it('cancels a call in progress', async () => {
      emu.configure({ latencyMs: 2_000 });
      const ac = new AbortController();
      const started = Date.now();
      setTimeout(() => ac.abort(), 50);
      await failure(() => client(emu.tokens.admin).getMe({ signal: ac.signal }), CancelledError);
      assert.ok(Date.now() - started < 1_000);
    });
  });

  describe('rate limits', () => {
    it('waits out a 429 as Retry-After says, then succeeds, and tells listeners', async () => {
      emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 429, retryAfter: '1', times: 1 });
      const c = client(emu.tokens.admin);
      const waits: number[] = [];
      c.onRateLimitWait((w) => waits.push(w.waitMs));
      const started = Date.now();
      assert.equal((await c.listWorkspaces()).length, 3);
      assert.ok(Date.now() - started >= 950);
      assert.deepEqual(waits, [1_000]);
    });

    it('sends a write again after a 429, because Asana did not act on it', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      emu.faults.add({ route: 'POST /workspaces/{workspace_gid}/addUser', kind: 'status', status: 429, retryAfter: '0', times: 1 });
      const added = await c.addUser(acme.gid, 'after.wait@acme.test');
      assert.equal(added.email, 'after.wait@acme.test');
      assert.equal(emu.counters.byRoute['POST /workspaces/{workspace_gid}/addUser'], 2);
    });

    it('fails at once on an absurd Retry-After instead of freezing', async () => {
      emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 429, retryAfter: '86400' });
      const e = await failure(() => client(emu.tokens.admin).listWorkspaces(), RateLimitedError);
      assert.equal(e.retryAfterMs, 86_400_000);
      assert.match(e.message, /1440 min/);
    });

    it('backs off by itself when Retry-After is missing, within a bounded number of waits', async () => {
      emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 429, retryAfter: null });
      const c = client(emu.tokens.admin, { maxRateLimitWaits: 1, random: () => 0 });
      const e = await failure(() => c.listWorkspaces(), RateLimitedError);
      assert.equal(e.retryAfterMs, undefined);
      assert.equal(emu.counters.byRoute['GET /workspaces'], 2);
    });

    it('a wait is cancellable', async () => {
      emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 429, retryAfter: '30' });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      const started = Date.now();
      await failure(() => client(emu.tokens.admin).listWorkspaces({ signal: ac.signal }), CancelledError);
      assert.ok(Date.now() - started < 2_000);
    });

    it('keeps at most 50 reads in flight', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      emu.configure({ latencyMs: 40 });
      emu.counters.reset();
      await Promise.all(Array.from({ length: 150 }, () => c.getWorkspace(acme.gid)));
      assert.equal(emu.counters.maxInFlight.reads, 50);
      assert.equal(emu.counters.rejected429, 0);
    });

    it('keeps at most 15 writes in flight', async () => {
      const c = client(emu.tokens.admin);
      const acme = await workspace(c, 'Acme Corp');
      emu.configure({ latencyMs: 40 });
      emu.counters.reset();
      const added = await Promise.all(Array.from({ length: 45 }, (_, i) => c.addUser(acme.gid, `bulk.${i}@acme.test`)));
      assert.equal(new Set(added.map((u) => u.gid)).size, 45);
      assert.equal(emu.counters.maxInFlight.writes, 15);
      assert.equal(emu.counters.rejected429, 0);
    });
  });

  describe('the token', () => {
    it('never appears in an error or a log line', () => {
      assert.ok(errorsSeen.length >= 10, `errors collected: ${errorsSeen.length}`);
      const tokens = Object.values(emu.tokens);
      for (const e of errorsSeen) {
        const text = `${String(e)} ${(e as Error).stack ?? ''} ${JSON.stringify(e)}`;
        for (const t of tokens) assert.ok(!text.includes(t), `token leaked in ${String(e)}`);
      }
      const logText = logsSeen.join('\n');
      assert.ok(logText.length > 1_000);
      for (const t of tokens) assert.ok(!logText.includes(t), 'token leaked in the log');
    });

    it('refuses a token with spaces and a non-loopback http URL', () => {
      assert.throws(() => new AsanaClient({ token: 'a b' }), InvalidInputError);
      assert.throws(() => new AsanaClient({ token: 'abc', baseUrl: 'http://example.com/api/1.0' }), /https/);
    });
  });
});
