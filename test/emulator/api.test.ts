/** Envelopes, authentication, routing, visibility and the read endpoints' records. */
import * as assert from 'node:assert/strict';
import { ERROR_HELP, SEED_GUILD_ACTIVE_MEMBERS, startEmulator } from './index';
import { compareText } from './text';
import type { Emulator } from './index';
import { call, errorMessage, get } from './testing/http';
import type { Compact, Envelope } from './testing/http';

describe('emulator: API basics', function () {
  let emu: Emulator;
  let acme: string;
  let guild: string;
  let personal: string;

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 300 } });
    ({ acme, guild, personal } = emu.state.seedInfo.workspaces);
  });
  beforeEach(() => emu.reset());
  after(() => emu.close());

  describe('authentication', () => {
    for (const [label, headers] of [
      ['no Authorization header', {}],
      ['an unknown token', undefined],
      ['a non-Bearer scheme', { Authorization: 'Basic dXNlcjpwYXNz' }],
      ['an empty bearer', { Authorization: 'Bearer ' }],
    ] as const) {
      it(`answers 401 Not Authorized for ${label}`, async () => {
        const r = headers === undefined ? await get(emu, '/users/me', { token: emu.tokens.invalid }) : await get(emu, '/users/me', { token: null, headers });
        assert.equal(r.status, 401);
        assert.deepEqual(r.json, { errors: [{ message: 'Not Authorized', help: ERROR_HELP }] });
      });
    }

    it('accepts a lower-case "bearer" scheme', async () => {
      const r = await get(emu, '/users/me', { token: null, headers: { Authorization: `bearer ${emu.tokens.member}` } });
      assert.equal(r.status, 200);
    });
  });

  describe('routing and envelopes', () => {
    it('answers an unknown route or method with 404 "No matching route for request"', async () => {
      for (const r of [await get(emu, '/nope'), await call(emu, 'DELETE', `/workspaces/${acme}`), await get(emu, '/', { token: null })]) {
        assert.equal(r.status, 404);
        assert.equal(errorMessage(r), 'No matching route for request');
      }
      const outside = await fetch(`${emu.origin}/api/2.0/workspaces`);
      assert.equal(outside.status, 404);
    });

    it('sends JSON with charset UTF-8 on success and on error', async () => {
      for (const r of [await get(emu, '/workspaces'), await get(emu, '/workspaces', { token: null }), await get(emu, '/nope')]) {
        assert.equal(r.headers.get('content-type'), 'application/json; charset=UTF-8');
        assert.equal(Number(r.headers.get('content-length')), Buffer.byteLength(r.text));
      }
    });

    it('wraps records in {data} and indents with opt_pretty', async () => {
      const plain = await get(emu, '/users/me');
      const pretty = await get(emu, '/users/me', { query: { opt_pretty: 'true' } });
      assert.deepEqual(Object.keys(plain.json as object), ['data']);
      assert.ok(pretty.text.includes('\n  "data": {'));
      assert.deepEqual(pretty.json, plain.json);
    });

    it('answers a CORS preflight so a web page can call it', async () => {
      const r = await fetch(`${emu.baseUrl}/workspaces`, { method: 'OPTIONS' });
      assert.equal(r.status, 204);
      assert.equal(r.headers.get('access-control-allow-origin'), '*');
      assert.match(r.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    });
  });

  describe('visibility', () => {
    it('lists only the workspaces with an active membership', async () => {
      const names = async (token: string): Promise<string[]> => (await get<Envelope<Compact[]>>(emu, '/workspaces', { token })).json.data.map((w) => w.name ?? '');
      assert.deepEqual(await names(emu.tokens.admin), ['Acme Corp', 'Design Guild', 'Personal Projects']);
      assert.deepEqual(await names(emu.tokens.guest), ['Acme Corp']);
      assert.deepEqual(await names(emu.tokens.outsider), []);
    });

    it('answers 404 for a workspace the caller is not in, and for one that does not exist', async () => {
      for (const gid of [guild, personal, '1100000000009999']) {
        const r = await get(emu, `/workspaces/${gid}`, { token: emu.tokens.guest });
        assert.equal(r.status, 404);
        assert.equal(errorMessage(r), `workspace: Unknown object: ${gid}`);
      }
      assert.equal((await get(emu, `/workspaces/${guild}/workspace_memberships`, { token: emu.tokens.guest })).status, 404);
      assert.equal((await get(emu, `/workspaces/${guild}/users`, { token: emu.tokens.outsider })).status, 404);
    });

    it('answers 400 for a gid that is not a number', async () => {
      const r = await get(emu, '/workspaces/acme');
      assert.equal(r.status, 400);
      assert.match(errorMessage(r), /workspace: Not a valid gid/);
    });

    it('hides memberships of workspaces the caller cannot see', async () => {
      const personalMembership = emu.state.membershipsOf(personal)[0];
      assert.ok(personalMembership);
      assert.equal((await get(emu, `/workspace_memberships/${personalMembership.gid}`, { token: emu.tokens.guest })).status, 404);
      assert.equal((await get(emu, `/workspace_memberships/${personalMembership.gid}`, { token: emu.tokens.member })).status, 200);
    });

    it('hides users who share no workspace with the caller', async () => {
      const outsider = emu.state.seedInfo.tokenUsers.outsider;
      assert.equal((await get(emu, `/users/${outsider}`)).status, 404);
      assert.equal((await get(emu, '/users/me', { token: emu.tokens.outsider })).status, 200);
      const guildOnly = emu.state.membershipsOf(guild).find((m) => !emu.state.activeMembership(acme, m.user));
      assert.ok(guildOnly);
      assert.equal((await get(emu, `/users/${guildOnly.user}`, { token: emu.tokens.guest })).status, 404);
      assert.equal((await get(emu, `/users/${guildOnly.user}`, { token: emu.tokens.member })).status, 200);
    });
  });

  describe('users', () => {
    it('GET /users/{user_gid} takes "me", an email or a gid, with shared workspaces only', async () => {
      const member = emu.state.seedInfo.tokenUsers.member;
      const byMe = await get<Envelope<Compact>>(emu, '/users/me', { token: emu.tokens.member });
      const byEmail = await get<Envelope<Compact>>(emu, `/users/${encodeURIComponent('LEI.LI@acme.test')}`, { token: emu.tokens.member });
      const byGid = await get<Envelope<Compact>>(emu, `/users/${member}`, { token: emu.tokens.member });
      assert.deepEqual(byEmail.json, byMe.json);
      assert.deepEqual(byGid.json, byMe.json);
      assert.deepEqual(Object.keys(byMe.json.data), ['gid', 'resource_type', 'name', 'email', 'photo', 'workspaces']);
      // Seen by the guest, the member's workspaces shrink to the one they share.
      const seenByGuest = await get<Envelope<{ workspaces: Compact[] }>>(emu, `/users/${member}`, { token: emu.tokens.guest });
      assert.deepEqual(seenByGuest.json.data.workspaces.map((w) => w.name), ['Acme Corp']);
    });

    it('GET /users/{user_gid} validates the workspace filter and the reference', async () => {
      assert.equal((await get(emu, '/users/me', { query: { workspace: acme } })).status, 200);
      assert.equal((await get(emu, '/users/me', { query: { workspace: guild }, token: emu.tokens.guest })).status, 404);
      assert.equal((await get(emu, '/users/nobody%40acme.test')).status, 404);
      const bad = await get(emu, '/users/not-a-user');
      assert.equal(bad.status, 400);
      assert.match(errorMessage(bad), /user_gid: Not a valid user reference/);
    });

    it('GET /users?workspace= lists active members by gid, with opt_fields', async () => {
      const r = await get<Envelope<Compact[]>>(emu, '/users', { query: { workspace: guild, opt_fields: 'name,email' } });
      const expected = emu.state.membershipsOf(guild, { activeOnly: true }).map((m) => m.user).sort();
      assert.deepEqual(r.json.data.map((u) => u.gid), expected);
      assert.deepEqual(Object.keys(r.json.data[0] ?? {}), ['gid', 'name', 'email']);
      assert.ok(!('next_page' in r.json));
    });

    it('GET /users without a workspace covers every workspace of the caller, once per user', async () => {
      const r = await get<Envelope<Compact[]>>(emu, '/users', { query: { limit: 100 }, token: emu.tokens.member });
      const seen = new Set<string>();
      let next: string | undefined;
      let page = r;
      for (;;) {
        for (const u of page.json.data) seen.add(u.gid);
        next = page.json.next_page?.path;
        if (!next) break;
        page = await get<Envelope<Compact[]>>(emu, next, { token: emu.tokens.member });
      }
      const me = emu.state.seedInfo.tokenUsers.member;
      const mine = new Set(emu.state.membershipsOfUser(me).filter((m) => m.is_active).map((m) => m.workspace));
      const expected = new Set(emu.state.memberships.filter((m) => m.is_active && mine.has(m.workspace)).map((m) => m.user));
      assert.deepEqual([...seen].sort(), [...expected].sort());
      assert.equal((await get(emu, '/users', { query: { team: '123' } })).status, 404);
    });

    it('GET /workspaces/{gid}/users is alphabetical and has no next_page', async () => {
      const r = await get<Envelope<Compact[]>>(emu, `/workspaces/${guild}/users`);
      assert.equal(r.json.data.length, SEED_GUILD_ACTIVE_MEMBERS);
      assert.ok(!('next_page' in r.json));
      const names = r.json.data.map((u) => u.name ?? '');
      assert.deepEqual(names, [...names].sort(compareText));
    });
  });

  describe('workspaces and memberships', () => {
    it('GET /workspaces/{gid} returns the full record', async () => {
      const r = await get(emu, `/workspaces/${acme}`);
      assert.deepEqual(r.json, {
        data: { gid: acme, resource_type: 'workspace', name: 'Acme Corp', email_domains: ['acme.test'], is_organization: true },
      });
    });

    it('GET /workspace_memberships/{gid} returns the full record, My Tasks included', async () => {
      const m = emu.state.memberships[0];
      assert.ok(m);
      const r = await get<Envelope<Record<string, unknown>>>(emu, `/workspace_memberships/${m.gid}`);
      const user = emu.state.user(m.user);
      assert.deepEqual(r.json.data, {
        gid: m.gid,
        resource_type: 'workspace_membership',
        user: { gid: m.user, resource_type: 'user', name: user?.name },
        workspace: { gid: acme, resource_type: 'workspace', name: 'Acme Corp' },
        user_task_list: {
          gid: m.user_task_list,
          resource_type: 'user_task_list',
          name: 'My Tasks in Acme Corp',
          owner: { gid: m.user, resource_type: 'user', name: user?.name },
          workspace: { gid: acme, resource_type: 'workspace', name: 'Acme Corp' },
        },
        is_active: m.is_active,
        is_admin: m.is_admin,
        is_guest: m.is_guest,
        is_view_only: m.is_view_only,
        vacation_dates: m.vacation_dates,
        created_at: m.created_at,
      });
    });

    it('filters a workspace listing by user ("me", email or gid), active memberships only', async () => {
      const readded = emu.state.seedInfo.readdedUserGids[0] ?? '';
      for (const user of ['me', 'zoe.angstrom@acme.test', emu.state.seedInfo.tokenUsers.admin]) {
        const r = await get<Envelope<Compact[]>>(emu, `/workspaces/${acme}/workspace_memberships`, { query: { user } });
        assert.equal(r.json.data.length, 1);
      }
      const r = await get<Envelope<Compact[]>>(emu, `/workspaces/${acme}/workspace_memberships`, { query: { user: readded } });
      assert.deepEqual(r.json.data.map((m) => m.gid), [emu.state.activeMembership(acme, readded)?.gid]);
      const removed = emu.state.seedInfo.removedUserGids[0] ?? '';
      assert.deepEqual((await get<Envelope<unknown[]>>(emu, `/workspaces/${acme}/workspace_memberships`, { query: { user: removed } })).json.data, []);
    });

    it('lists every membership of a user, active and inactive, in workspaces the caller sees', async () => {
      const readded = emu.state.seedInfo.readdedUserGids[0] ?? '';
      const r = await get<Envelope<{ gid: string; is_active: boolean }[]>>(emu, `/users/${readded}/workspace_memberships`, { query: { opt_fields: 'is_active' } });
      const expected = emu.state.membershipsOfUser(readded).filter((m) => [acme, guild, personal].includes(m.workspace));
      assert.deepEqual(r.json.data, expected.map((m) => ({ gid: m.gid, is_active: m.is_active })));
      assert.ok(r.json.data.some((m) => !m.is_active) && r.json.data.some((m) => m.is_active));
      const member = await get<Envelope<Compact[]>>(emu, '/users/me/workspace_memberships', { token: emu.tokens.member });
      assert.equal(member.json.data.length, 3);
      const seenByGuest = await get<Envelope<Compact[]>>(emu, `/users/${emu.state.seedInfo.tokenUsers.member}/workspace_memberships`, { token: emu.tokens.guest });
      assert.equal(seenByGuest.json.data.length, 1);
    });
  });
});
