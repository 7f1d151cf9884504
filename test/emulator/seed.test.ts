/** The seeded organization: its shape, the roles behind the tokens, and determinism. */
import * as assert from 'node:assert/strict';
import { SEED_EMAIL_DOMAINS, SEED_GUILD_ACTIVE_MEMBERS, SEED_PERSONAL_ACTIVE_MEMBERS, SEED_USERS, SEED_WORKSPACE_NAMES, startEmulator } from './index';
import type { Emulator } from './index';
import { generateSeed } from './seed';
import { get, pageAll } from './testing/http';

const SIZE = 300;

describe('emulator: seed', function () {
  let emu: Emulator;

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: SIZE } });
  });
  after(() => emu.close());

  it('has the three workspaces with their kinds and domains', () => {
    const s = emu.state;
    const acme = s.workspaceByName(SEED_WORKSPACE_NAMES.acme);
    const guild = s.workspaceByName(SEED_WORKSPACE_NAMES.guild);
    const personal = s.workspaceByName(SEED_WORKSPACE_NAMES.personal);
    assert.deepEqual(
      [acme, guild, personal].map((w) => [w?.is_organization, w?.email_domains]),
      [[true, SEED_EMAIL_DOMAINS.acme], [true, SEED_EMAIL_DOMAINS.guild], [false, []]],
    );
    assert.equal(s.workspaces.length, 3);
    assert.equal(s.membershipsOf(acme?.gid ?? '', { activeOnly: true }).length, SIZE);
    assert.equal(s.membershipsOf(guild?.gid ?? '', { activeOnly: true }).length, SEED_GUILD_ACTIVE_MEMBERS);
    assert.equal(s.membershipsOf(personal?.gid ?? '', { activeOnly: true }).length, SEED_PERSONAL_ACTIVE_MEMBERS);
  });

  it('gives Acme admins, guests, view-only members and removed members in realistic shares', () => {
    const n = 10_000;
    const data = generateSeed(1, n);
    const acme = data.memberships.filter((m) => m.workspace === data.info.workspaces.acme);
    const active = acme.filter((m) => m.is_active);
    const share = (pred: (m: (typeof acme)[number]) => boolean): number => active.filter(pred).length / n;
    assert.equal(active.length, n);
    assert.ok(active.filter((m) => m.is_admin).length >= 3);
    assert.ok(Math.abs(share((m) => m.is_guest) - 0.02) < 0.005);
    assert.ok(Math.abs(share((m) => m.is_view_only) - 0.03) < 0.005);
    assert.ok(Math.abs(acme.filter((m) => !m.is_active).length / n - 0.02) < 0.005);
    assert.ok(data.memberships.some((m) => m.vacation_dates?.end_on === null));
    assert.ok(data.memberships.some((m) => m.vacation_dates !== null && m.vacation_dates.end_on !== null));
  });

  it('maps each token to the user with the promised role', () => {
    const s = emu.state;
    const { acme, guild, personal } = s.seedInfo.workspaces;
    const role = (token: string, ws: string): string => {
      const user = s.userForToken(token);
      assert.ok(user);
      const m = s.activeMembership(ws, user.gid);
      if (!m) return 'none';
      return m.is_admin ? 'admin' : m.is_guest ? 'guest' : 'member';
    };
    const t = emu.tokens;
    assert.deepEqual([role(t.admin, acme), role(t.admin, guild), role(t.admin, personal)], ['admin', 'member', 'member']);
    assert.deepEqual([role(t.member, acme), role(t.member, guild), role(t.member, personal)], ['member', 'member', 'admin']);
    assert.deepEqual([role(t.guest, acme), role(t.guest, guild), role(t.guest, personal)], ['guest', 'none', 'none']);
    assert.equal(s.membershipsOfUser(s.userForToken(t.outsider)?.gid ?? '').length, 0);
    assert.equal(s.userForToken(t.invalid), undefined);
    assert.equal(s.userForToken(t.admin)?.email, SEED_USERS.admin.email);
    for (const token of Object.values(t)) assert.match(token, /^2\/\d{16}\/\d{16}:[0-9a-f]{32}$/);
  });

  it('has a user who was removed and re-added: an old inactive and a newer active membership', () => {
    const s = emu.state;
    const gid = s.seedInfo.readdedUserGids[0];
    assert.ok(gid);
    const inAcme = s.membershipsOfUser(gid).filter((m) => m.workspace === s.seedInfo.workspaces.acme);
    assert.equal(inAcme.length, 2);
    const [old, current] = inAcme;
    assert.ok(old && current);
    assert.equal(old.is_active, false);
    assert.equal(current.is_active, true);
    assert.ok(current.created_at > old.created_at);
    assert.equal(old.user_task_list, current.user_task_list, 'the same My Tasks survives re-adding');
  });

  it('has varied names, unique emails and gids in separate ranges', () => {
    const s = emu.state;
    const names = s.users.map((u) => u.name);
    assert.ok(names.some((n) => /[À-ž]/.test(n)), 'accented names');
    assert.ok(names.some((n) => /\p{Script=Han}/u.test(n)), 'Chinese names');
    assert.ok(names.includes('Zoë Ångström') && names.includes('李雷'));
    const emails = s.users.map((u) => u.email);
    assert.equal(new Set(emails).size, emails.length);
    assert.ok(emails.every((e) => /^[a-z0-9.-]+@[a-z0-9.-]+\.test$/.test(e)), 'ASCII emails');
    assert.ok(s.users.every((u) => u.gid.startsWith('12') && u.gid.length === 16));
    assert.ok(s.memberships.every((m) => m.gid.startsWith('13') && m.gid.length === 16));
    assert.ok(s.users.some((u) => u.photo === null) && s.users.some((u) => u.photo !== null));
  });

  it('gives the same data for the same seed, byte for byte, and different data for another seed', async () => {
    const twin = await startEmulator({ sizes: { bigWorkspaceMembers: SIZE } });
    const other = await startEmulator({ seed: 2, sizes: { bigWorkspaceMembers: SIZE } });
    try {
      const listing = async (e: Emulator): Promise<string> => {
        const acme = e.state.seedInfo.workspaces.acme;
        const q = { limit: 100, opt_fields: 'user.name,user.email,is_admin,is_guest,created_at,vacation_dates' };
        return JSON.stringify((await pageAll(e, `/workspaces/${acme}/workspace_memberships`, q)).items);
      };
      assert.equal(await listing(twin), await listing(emu));
      assert.notEqual(await listing(other), await listing(emu));
      assert.deepEqual(twin.tokens, emu.tokens);
      assert.notDeepEqual(other.tokens, emu.tokens);
      const me = async (e: Emulator): Promise<string> => (await get(e, '/users/me')).text;
      assert.equal(await me(twin), await me(emu));
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });

  it('keeps emulators with the same seed independent', async () => {
    const twin = await startEmulator({ sizes: { bigWorkspaceMembers: SIZE } });
    try {
      const acme = twin.state.seedInfo.workspaces.acme;
      await fetch(`${twin.baseUrl}/workspaces/${acme}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${twin.tokens.admin}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ data: { name: 'Twin Corp' } }),
      });
      assert.equal(twin.state.workspace(acme)?.name, 'Twin Corp');
      assert.equal(emu.state.workspace(acme)?.name, 'Acme Corp');
    } finally {
      await twin.close();
    }
  });

  it('reset() brings back the seeded state', async () => {
    const acme = emu.state.seedInfo.workspaces.acme;
    const before = JSON.stringify([emu.state.users, emu.state.memberships, emu.state.workspaces]);
    await fetch(`${emu.baseUrl}/workspaces/${acme}/addUser`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emu.tokens.admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { user: 'temp.person@acme.test' } }),
    });
    assert.ok(emu.state.userByEmail('temp.person@acme.test'));
    emu.reset();
    assert.equal(emu.state.userByEmail('temp.person@acme.test'), undefined);
    assert.equal(JSON.stringify([emu.state.users, emu.state.memberships, emu.state.workspaces]), before);
  });
});
