/** limit/offset pagination: next_page rules, bounds, offsets that expire or do not belong, big results. */
import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_UNPAGINATED, SEED_GUILD_ACTIVE_MEMBERS, TOO_LARGE_MESSAGE, startEmulator } from './index';
import type { Emulator } from './index';
import { errorMessage, get, pageAll, post } from './testing/http';
import type { ApiResponse, Compact, Envelope } from './testing/http';

type Page = Envelope<Compact[]>;

function offsetOf(r: ApiResponse<Page>): string {
  const offset = r.json.next_page?.offset;
  assert.ok(offset, `expected a next_page in ${r.text.slice(0, 200)}`);
  return offset;
}

describe('emulator: pagination', function () {
  describe('on the full 10,000-member organization', function () {
    let emu: Emulator;
    let acme: string;

    before(async () => {
      emu = await startEmulator();
      acme = emu.state.seedInfo.workspaces.acme;
    });
    after(() => emu.close());

    it('pages all 10,000 memberships in 100 pages, each exactly once, in gid order', async () => {
      const { items, pages } = await pageAll<Compact>(emu, `/workspaces/${acme}/workspace_memberships`, { limit: 100 });
      assert.equal(pages, 100);
      assert.equal(items.length, 10_000);
      const gids = items.map((m) => m.gid);
      assert.equal(new Set(gids).size, 10_000);
      assert.deepEqual(gids, emu.state.membershipsOf(acme, { activeOnly: true }).map((m) => m.gid));
      assert.equal(emu.counters.byRoute['GET /workspaces/{workspace_gid}/workspace_memberships'], 100);
    });

    it('refuses an unpaginated listing over 1,000 items with "The result is too large"', async () => {
      for (const path of [`/workspaces/${acme}/workspace_memberships`, '/users']) {
        const r = await get(emu, path, { query: path === '/users' ? { workspace: acme } : {} });
        assert.equal(r.status, 400);
        assert.equal(errorMessage(r), TOO_LARGE_MESSAGE);
      }
      assert.ok(MAX_UNPAGINATED === 1000);
    });

    it('caps GET /workspaces/{gid}/users at 2,000 users, alphabetically, without next_page', async () => {
      const r = await get<Page>(emu, `/workspaces/${acme}/users`);
      assert.equal(r.status, 200);
      assert.equal(r.json.data.length, 2000);
      assert.ok(!('next_page' in r.json));
      const offset = await get(emu, `/workspaces/${acme}/users`, { query: { offset: 'eyJhbGciOiJIUzI1NiJ9.e30.x' } });
      assert.equal(offset.status, 400);
    });
  });

  describe('rules', function () {
    let emu: Emulator;
    let acme: string;
    let guild: string;
    const members = (): string => `/workspaces/${acme}/workspace_memberships`;

    before(async () => {
      emu = await startEmulator({ sizes: { bigWorkspaceMembers: 300 } });
      ({ acme, guild } = emu.state.seedInfo.workspaces);
    });
    beforeEach(() => emu.reset());
    after(() => emu.close());

    it('omits next_page without limit, gives it while there is more, and null on the last page', async () => {
      const noLimit = await get<Page>(emu, `/workspaces/${guild}/workspace_memberships`);
      assert.ok(!('next_page' in noLimit.json));
      assert.equal(noLimit.json.data.length, SEED_GUILD_ACTIVE_MEMBERS);

      const first = await get<Page>(emu, `/workspaces/${guild}/workspace_memberships`, { query: { limit: 30, opt_fields: 'is_admin' } });
      const next = first.json.next_page;
      assert.ok(next);
      assert.deepEqual(Object.keys(next), ['offset', 'path', 'uri']);
      assert.ok(next.path.startsWith(`/workspaces/${guild}/workspace_memberships?`));
      assert.match(next.path, /limit=30/);
      assert.match(next.path, /opt_fields=is_admin/);
      assert.equal(next.uri, `${emu.baseUrl}${next.path}`);

      const last = await get<Page>(emu, next.path);
      assert.equal(last.json.data.length, SEED_GUILD_ACTIVE_MEMBERS - 30);
      assert.equal(last.json.next_page, null);
      assert.deepEqual(Object.keys(last.json.data[0] ?? {}), ['gid', 'is_admin']);

      const exact = await get<Page>(emu, `/workspaces/${guild}/workspace_memberships`, { query: { limit: SEED_GUILD_ACTIVE_MEMBERS } });
      assert.equal(exact.json.next_page, null, 'no empty extra page when the list ends exactly at the limit');
    });

    it('accepts limit 1..100 and rejects anything else with "limit: ..."', async () => {
      for (const limit of ['1', '100']) assert.equal((await get(emu, members(), { query: { limit } })).status, 200);
      for (const limit of ['0', '101', '-5', 'abc', '1.5', '']) {
        const r = await get(emu, '/workspaces', { query: { limit } });
        assert.equal(r.status, 400, `limit=${limit}`);
        assert.match(errorMessage(r), /^limit: /);
      }
    });

    it('expires offsets on expireOffsets(), with a 400 that says so', async () => {
      const first = await get<Page>(emu, members(), { query: { limit: 10 } });
      emu.expireOffsets();
      const r = await get(emu, members(), { query: { limit: 10, offset: offsetOf(first) } });
      assert.equal(r.status, 400);
      assert.match(errorMessage(r), /^offset: Invalid or expired offset \(it has expired\)/);
    });

    it('expires offsets after offsetTtlMs', async () => {
      emu.configure({ offsetTtlMs: 30 });
      const first = await get<Page>(emu, members(), { query: { limit: 10 } });
      assert.equal((await get(emu, members(), { query: { limit: 10, offset: offsetOf(first) } })).status, 200);
      await sleep(60);
      assert.equal((await get(emu, members(), { query: { limit: 10, offset: offsetOf(first) } })).status, 400);
    });

    it('rejects tampered, foreign and misused offsets', async () => {
      const first = await get<Page>(emu, members(), { query: { limit: 10 } });
      const offset = offsetOf(first);
      const [h, p, s] = offset.split('.');
      const claims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
      const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, c: '1300000000000001' })).toString('base64url')}.${s}`;
      const other = await startEmulator({ sizes: { bigWorkspaceMembers: 300 } });
      try {
        const cases: [string, Promise<ApiResponse>, RegExp][] = [
          ['garbage', get(emu, members(), { query: { limit: 10, offset: 'not-an-offset' } }), /malformed/],
          ['forged claims', get(emu, members(), { query: { limit: 10, offset: forged } }), /signature/],
          ['another listing', get(emu, `/workspaces/${guild}/workspace_memberships`, { query: { limit: 10, offset } }), /different request/],
          ['another filter', get(emu, members(), { query: { limit: 10, offset, user: 'me' } }), /different request/],
          ['another user', get(emu, members(), { query: { limit: 10, offset }, token: emu.tokens.member }), /different user/],
          ['another emulator', get(other, members(), { query: { limit: 10, offset } }), /signature/],
        ];
        for (const [label, pending, reason] of cases) {
          const r = await pending;
          assert.equal(r.status, 400, label);
          assert.match(errorMessage(r), /^offset: Invalid or expired offset/, label);
          assert.match(errorMessage(r), reason, label);
        }
      } finally {
        await other.close();
      }
    });

    it('neither repeats nor skips when members are removed or added between pages', async () => {
      const first = await get<Page>(emu, members(), { query: { limit: 50 } });
      const firstGids = first.json.data.map((m) => m.gid);
      const victimOnNextPage = emu.state.membershipsOf(acme, { activeOnly: true })[60];
      assert.ok(victimOnNextPage);
      await post(emu, `/workspaces/${acme}/removeUser`, { data: { user: victimOnNextPage.user } });
      await post(emu, `/workspaces/${acme}/addUser`, { data: { user: 'late.joiner@acme.test' } });
      let rest: Compact[] = [];
      let path: string | undefined = first.json.next_page?.path;
      while (path) {
        const r: ApiResponse<Page> = await get<Page>(emu, path);
        rest = rest.concat(r.json.data);
        path = r.json.next_page?.path;
      }
      const all = [...firstGids, ...rest.map((m) => m.gid)];
      assert.equal(new Set(all).size, all.length, 'no repeats');
      assert.deepEqual(all, emu.state.membershipsOf(acme, { activeOnly: true }).map((m) => m.gid));
    });

    it('paginates the other listings too', async () => {
      const listings: [string, Record<string, string | number>][] = [
        ['/workspaces', { limit: 2 }],
        ['/users', { workspace: acme, limit: 100 }],
        [`/users/${emu.state.seedInfo.tokenUsers.admin}/workspace_memberships`, { limit: 1 }],
      ];
      for (const [path, query] of listings) {
        const { items, pages } = await pageAll<Compact>(emu, path, query);
        const limit = Number(query.limit);
        assert.equal(pages, Math.max(1, Math.ceil(items.length / limit)), path);
        assert.equal(new Set(items.map((i) => i.gid)).size, items.length, path);
      }
    });
  });
});
