/** The writes: renaming a workspace, adding and removing users, and who may do which. */
import * as assert from 'node:assert/strict';
import { startEmulator } from './index';
import type { Emulator } from './index';
import { call, errorMessage, get, post, put } from './testing/http';
import type { Compact, Envelope } from './testing/http';

describe('emulator: writes', function () {
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

  const addUser = (ws: string, user: unknown, token?: string) => post(emu, `/workspaces/${ws}/addUser`, { data: { user } }, { token });
  const removeUser = (ws: string, user: unknown, token?: string) => post(emu, `/workspaces/${ws}/removeUser`, { data: { user } }, { token });
  const acmeMembers = async (): Promise<string[]> => {
    const r = await get<Envelope<{ user: Compact }[]>>(emu, `/workspaces/${acme}/workspace_memberships`, { query: { limit: 100, opt_fields: 'user' } });
    const users = r.json.data.map((m) => m.user.gid);
    let next = r.json.next_page?.path;
    while (next) {
      const page = await get<Envelope<{ user: Compact }[]>>(emu, next);
      users.push(...page.json.data.map((m) => m.user.gid));
      next = page.json.next_page?.path;
    }
    return users;
  };

  describe('PUT /workspaces/{gid}', () => {
    it('renames and returns the full record, ignoring other fields', async () => {
      const r = await put(emu, `/workspaces/${acme}`, { data: { name: '  Acme Worldwide  ', is_organization: false, email_domains: ['x.test'] } });
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, {
        data: { gid: acme, resource_type: 'workspace', name: 'Acme Worldwide', email_domains: ['acme.test'], is_organization: true },
      });
      assert.equal(emu.state.workspace(acme)?.name, 'Acme Worldwide');
      const m = await get<Envelope<{ user_task_list: Compact }>>(emu, `/workspace_memberships/${emu.state.membershipsOf(acme)[0]?.gid}`);
      assert.equal(m.json.data.user_task_list.name, 'My Tasks in Acme Worldwide');
    });

    it('rejects bodies without a non-empty string name, with clear messages', async () => {
      const cases: [unknown, RegExp][] = [
        [{ name: 'No envelope' }, /^data: Missing input/],
        [{ data: 'Acme' }, /^data: Must be an object/],
        [{ data: {} }, /^name: Missing input/],
        [{ data: { name: '' } }, /^name: Cannot be empty/],
        [{ data: { name: '   ' } }, /^name: Cannot be empty/],
        [{ data: { name: 42 } }, /^name: Must be a string/],
        [{ data: { name: null } }, /^name: Missing input/],
        [{ data: { name: 'x'.repeat(1025) } }, /^name: Must be at most/],
      ];
      for (const [body, message] of cases) {
        const r = await put(emu, `/workspaces/${acme}`, body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.match(errorMessage(r), message);
      }
      const invalidJson = await call(emu, 'PUT', `/workspaces/${acme}`, { rawBody: '{"data": {', headers: { 'Content-Type': 'application/json' } });
      assert.equal(invalidJson.status, 400);
      assert.match(errorMessage(invalidJson), /invalid JSON/);
      const empty = await call(emu, 'PUT', `/workspaces/${acme}`);
      assert.equal(empty.status, 400);
      assert.equal(emu.state.workspace(acme)?.name, 'Acme Corp');
    });

    it('lets members rename, not guests, and hides workspaces from non-members', async () => {
      assert.equal((await put(emu, `/workspaces/${acme}`, { data: { name: 'By member' } }, { token: emu.tokens.member })).status, 200);
      const guest = await put(emu, `/workspaces/${acme}`, { data: { name: 'By guest' } }, { token: emu.tokens.guest });
      assert.equal(guest.status, 403);
      assert.equal((await put(emu, `/workspaces/${guild}`, { data: { name: 'By outsider' } }, { token: emu.tokens.outsider })).status, 404);
      assert.equal(emu.state.workspace(acme)?.name, 'By member');
    });

    it('accepts a form-encoded body and body-level options, as the real API does', async () => {
      const form = await call(emu, 'PUT', `/workspaces/${acme}`, { rawBody: 'name=Acme+Form', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      assert.equal(form.status, 200);
      assert.equal(emu.state.workspace(acme)?.name, 'Acme Form');
      const opts = await put(emu, `/workspaces/${acme}`, { data: { name: 'Acme Options' }, options: { fields: ['name'] } });
      assert.deepEqual(opts.json, { data: { gid: acme, name: 'Acme Options' } });
    });
  });

  describe('POST addUser', () => {
    it('creates a user for an unknown email, with an active membership and a derived name', async () => {
      const r = await addUser(acme, 'ada.lovelace-byron@acme.test');
      assert.equal(r.status, 200);
      const data = (r.json as Envelope<Compact>).data;
      assert.deepEqual(Object.keys(data), ['gid', 'resource_type', 'name', 'email', 'photo']);
      assert.equal(data.name, 'Ada Lovelace Byron');
      assert.equal(data.email, 'ada.lovelace-byron@acme.test');
      assert.equal(data.photo, null);
      const m = emu.state.activeMembership(acme, data.gid);
      assert.ok(m && m.is_active && !m.is_guest && !m.is_admin);
      assert.ok((await acmeMembers()).includes(data.gid));
      assert.ok(Date.parse(m.created_at) > Date.parse(emu.state.membershipsOf(acme).at(-2)?.created_at ?? ''));
    });

    it('adds an existing user by gid, email (any case) or "me", without duplicating a membership', async () => {
      const guildOnly = emu.state.membershipsOf(guild, { activeOnly: true }).find((m) => !emu.state.activeMembership(acme, m.user));
      assert.ok(guildOnly);
      const before = emu.state.memberships.length;
      const byGid = await addUser(acme, guildOnly.user);
      assert.equal((byGid.json as Envelope<Compact>).data.gid, guildOnly.user);
      assert.equal(emu.state.memberships.length, before + 1);
      const email = emu.state.user(guildOnly.user)?.email.toUpperCase();
      assert.equal((await addUser(acme, email)).status, 200);
      assert.equal((await addUser(acme, 'me')).status, 200);
      assert.equal(emu.state.memberships.length, before + 1, 'members are returned unchanged');
    });

    it('re-adds a removed user with a new membership beside the old inactive one', async () => {
      const removed = emu.state.seedInfo.removedUserGids[0] ?? '';
      assert.equal(emu.state.activeMembership(acme, removed), undefined);
      const r = await addUser(acme, removed);
      assert.equal(r.status, 200);
      const mine = emu.state.membershipsOfUser(removed).filter((m) => m.workspace === acme);
      assert.deepEqual(mine.map((m) => m.is_active), [false, true]);
      assert.equal(mine[0]?.user_task_list, mine[1]?.user_task_list);
      const listing = await get<Envelope<{ is_active: boolean }[]>>(emu, `/users/${removed}/workspace_memberships`, { query: { opt_fields: 'is_active' } });
      assert.deepEqual(listing.json.data.map((m) => m.is_active), [false, true]);
    });

    it('makes someone outside an organization\'s domains a guest, but not in a plain workspace', async () => {
      const a = await addUser(acme, 'freelancer@elsewhere.test');
      const gid = (a.json as Envelope<Compact>).data.gid;
      assert.equal(emu.state.activeMembership(acme, gid)?.is_guest, true);
      const p = await addUser(personal, 'friend@elsewhere.test', emu.tokens.member);
      assert.equal(emu.state.activeMembership(personal, (p.json as Envelope<Compact>).data.gid)?.is_guest, false);
    });

    it('rejects bad references and guests', async () => {
      const cases: [unknown, number, RegExp][] = [
        ['not an email@', 400, /^user: Not a valid email address/],
        ['nobody', 400, /^user: Not a valid user reference/],
        ['1209999999999999', 404, /^user: Unknown object: 1209999999999999/],
        [12, 400, /^user: Must be a string/],
        [undefined, 400, /^user: Missing input/],
      ];
      for (const [user, status, message] of cases) {
        const r = await addUser(acme, user);
        assert.equal(r.status, status, String(user));
        assert.match(errorMessage(r), message);
      }
      const guest = await addUser(acme, 'invited.by.guest@acme.test', emu.tokens.guest);
      assert.equal(guest.status, 403);
      assert.equal(emu.state.userByEmail('invited.by.guest@acme.test'), undefined, 'a rejected write changes nothing');
      assert.equal((await addUser(guild, 'x@guild.test', emu.tokens.guest)).status, 404);
    });
  });

  describe('POST removeUser', () => {
    it('lets an admin remove: inactive membership, gone from the workspace listing, kept per user', async () => {
      const victim = emu.state.membershipsOf(acme, { activeOnly: true }).find((m) => !m.is_admin && !m.is_guest && m.user !== emu.state.seedInfo.tokenUsers.member);
      assert.ok(victim);
      const r = await removeUser(acme, victim.user);
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { data: {} });
      assert.equal(emu.state.membership(victim.gid)?.is_active, false);
      assert.ok(!(await acmeMembers()).includes(victim.user));
      const filtered = await get<Envelope<unknown[]>>(emu, `/workspaces/${acme}/workspace_memberships`, { query: { user: victim.user } });
      assert.deepEqual(filtered.json.data, []);
      const perUser = await get<Envelope<{ gid: string; is_active: boolean }[]>>(emu, `/users/${victim.user}/workspace_memberships`, { query: { opt_fields: 'is_active' } });
      assert.ok(perUser.json.data.some((m) => m.gid === victim.gid && !m.is_active));
      const record = await get<Envelope<{ is_active: boolean }>>(emu, `/workspace_memberships/${victim.gid}`);
      assert.equal(record.json.data.is_active, false);
    });

    it('answers 403 to a non-admin (the member in Acme, a guest) and changes nothing', async () => {
      const target = emu.state.membershipsOf(acme, { activeOnly: true })[10];
      assert.ok(target);
      for (const token of [emu.tokens.member, emu.tokens.guest]) {
        const r = await removeUser(acme, target.user, token);
        assert.equal(r.status, 403);
        assert.match(errorMessage(r), /You must be an admin of this workspace/);
      }
      assert.equal(emu.state.membership(target.gid)?.is_active, true);
    });

    it('lets the member remove people where they are admin (Personal Projects)', async () => {
      const target = emu.state.membershipsOf(personal, { activeOnly: true }).find((m) => !m.is_admin);
      assert.ok(target);
      assert.equal((await removeUser(personal, target.user, emu.tokens.member)).status, 200);
      assert.equal((await get(emu, `/workspaces/${personal}`, { token: emu.tokens.member })).status, 200);
    });

    it('rejects removing a non-member, an unknown user, or the last admin', async () => {
      const nonMember = await removeUser(acme, emu.state.seedInfo.tokenUsers.outsider);
      assert.equal(nonMember.status, 400);
      assert.match(errorMessage(nonMember), /is not a member of this workspace/);
      assert.equal((await removeUser(acme, 'ghost@acme.test')).status, 404);
      const lastAdmin = await removeUser(personal, 'me', emu.tokens.member);
      assert.equal(lastAdmin.status, 400);
      assert.match(errorMessage(lastAdmin), /last admin/);
    });

    it('removes by email and leaves the removed user unable to see the workspace', async () => {
      const guestUser = emu.state.user(emu.state.seedInfo.tokenUsers.guest);
      assert.ok(guestUser);
      assert.equal((await removeUser(acme, guestUser.email)).status, 200);
      assert.equal((await get(emu, `/workspaces/${acme}`, { token: emu.tokens.guest })).status, 404);
      assert.deepEqual((await get<Envelope<unknown[]>>(emu, '/workspaces', { token: emu.tokens.guest })).json.data, []);
    });
  });
});
