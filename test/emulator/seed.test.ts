/** The seeded organization: its shape, the roles behind the tokens, and determinism. */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  SEED_EMAIL_DOMAINS,
  SEED_GUILD_ACTIVE_MEMBERS,
  SEED_NORTHWIND_ACTIVE_MEMBERS,
  SEED_PERSONAL_ACTIVE_MEMBERS,
  SEED_USERS,
  SEED_WORKSPACE_NAMES,
  startEmulator,
} from './index';
import type { Emulator } from './index';
import { compareGid } from './gid';
import { generateSeed } from './seed';
import type { SeedData } from './seed';
import { get, pageAll } from './testing/http';
import type { Compact, Envelope } from './testing/http';

const SIZE = 300;

describe('emulator: seed', function () {
  let emu: Emulator;

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: SIZE } });
  });
  after(() => emu.close());

  it('has the four workspaces with their kinds and domains', () => {
    const s = emu.state;
    const acme = s.workspaceByName(SEED_WORKSPACE_NAMES.acme);
    const guild = s.workspaceByName(SEED_WORKSPACE_NAMES.guild);
    const personal = s.workspaceByName(SEED_WORKSPACE_NAMES.personal);
    const northwind = s.workspaceByName(SEED_WORKSPACE_NAMES.northwind);
    assert.deepEqual(
      [acme, guild, personal, northwind].map((w) => [w?.is_organization, w?.email_domains]),
      [[true, SEED_EMAIL_DOMAINS.acme], [true, SEED_EMAIL_DOMAINS.guild], [false, []], [true, SEED_EMAIL_DOMAINS.northwind]],
    );
    assert.equal(s.workspaces.length, 4);
    assert.equal(s.membershipsOf(acme?.gid ?? '', { activeOnly: true }).length, SIZE);
    assert.equal(s.membershipsOf(guild?.gid ?? '', { activeOnly: true }).length, SEED_GUILD_ACTIVE_MEMBERS);
    assert.equal(s.membershipsOf(personal?.gid ?? '', { activeOnly: true }).length, SEED_PERSONAL_ACTIVE_MEMBERS);
    assert.equal(s.membershipsOf(northwind?.gid ?? '', { activeOnly: true }).length, SEED_NORTHWIND_ACTIVE_MEMBERS);
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
    const { acme, guild, personal, northwind } = s.seedInfo.workspaces;
    const role = (token: string, ws: string): string => {
      const user = s.userForToken(token);
      assert.ok(user);
      const m = s.activeMembership(ws, user.gid);
      if (!m) return 'none';
      return m.is_admin ? 'admin' : m.is_guest ? 'guest' : 'member';
    };
    const t = emu.tokens;
    const roles = (token: string): string[] => [acme, guild, personal, northwind].map((ws) => role(token, ws));
    assert.deepEqual(roles(t.admin), ['admin', 'member', 'member', 'none']);
    assert.deepEqual(roles(t.member), ['member', 'member', 'admin', 'none']);
    assert.deepEqual(roles(t.guest), ['guest', 'none', 'none', 'none']);
    assert.deepEqual(roles(t.consultant), ['none', 'member', 'none', 'admin']);
    const maya = s.userForToken(t.consultant);
    assert.deepEqual([maya?.gid, maya?.name, maya?.email], [s.seedInfo.tokenUsers.consultant, SEED_USERS.consultant.name, SEED_USERS.consultant.email]);
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

  describe('the consultant, a second account', () => {
    /**
     * What the seed held before the consultant and Northwind existed: everything but Northwind, its
     * people and her memberships, with SeedInfo and the tokens cut back to their earlier keys.
     */
    function earlierRecords(d: SeedData) {
      const i = d.info;
      const added = new Set([i.tokenUsers.consultant, ...d.memberships.filter((m) => m.workspace === i.workspaces.northwind).map((m) => m.user)]);
      const { admin, member, guest, outsider, invalid } = d.seedTokens;
      return {
        users: d.users.filter((u) => !added.has(u.gid)),
        workspaces: d.workspaces.filter((w) => w.gid !== i.workspaces.northwind),
        memberships: d.memberships.filter((m) => m.workspace !== i.workspaces.northwind && m.user !== i.tokenUsers.consultant),
        oooEntries: d.oooEntries,
        tokens: [...d.tokens].filter(([, user]) => !added.has(user)),
        seedTokens: { admin, member, guest, outsider, invalid },
        info: {
          seed: i.seed,
          workspaces: { acme: i.workspaces.acme, guild: i.workspaces.guild, personal: i.workspaces.personal },
          tokenUsers: { admin: i.tokenUsers.admin, member: i.tokenUsers.member, guest: i.tokenUsers.guest, outsider: i.tokenUsers.outsider },
          readdedUserGids: i.readdedUserGids,
          removedUserGids: i.removedUserGids,
          oooUserGids: i.oooUserGids,
        },
        userTaskLists: [...d.userTaskLists].filter(([key]) => {
          const [user, workspace] = key.split('/');
          return !added.has(user ?? '') && workspace !== i.workspaces.northwind;
        }),
      };
    }

    // sha256 of JSON.stringify(earlierRecords(generateSeed(seed, size, '2026-06-15'))), computed with
    // the code from before the consultant (commit 295ac14), where earlierRecords keeps everything.
    const DIGESTS_BEFORE_CONSULTANT: [seed: number, size: number, sha256: string][] = [
      [1, 3, '933e7d43cb7637754998fd3617b016fcfb96a7a34a97c8a4ac5b8d29c82d3870'],
      [1, 300, '78a0866ed544dda03f823b2c116763ce57c16d7ef693f8975569ff3b593e753f'],
      [1, 10_000, '55406166d52a05d39cc5101632fbc34e5884557f39e6ec357060b6ed8ae92f87'],
      [5, 3, 'be081a9907a536c586a8951df0313dfcb7fb2919a28ab8b2982878b98e174b0d'],
      [5, 300, '7242c7d155fab76b303755df57874645a9e56a82296646213e251133fbba6294'],
      [5, 10_000, '281d60cfa6fdb062c3ff049d33f1460f0676e13fc788750d9a2cd3079f452643'],
      [21, 3, '9aa14f16add8e330742870d373a7775fa4e3af8bb4c58554d421da451d6b4412'],
      [21, 300, 'e8a093857bbff67761405e969c60249c710e6d8767ec655a70fd584832959cce'],
      [21, 10_000, '42fcac5207ba8fadfb4469f5e7b54800fbbb8217a92cd99d7310fd62be7ee4d8'],
    ];

    it('left every earlier record as it was, byte for byte (users, workspaces, memberships, tokens, OOO entries)', () => {
      for (const [seed, size, digest] of DIGESTS_BEFORE_CONSULTANT) {
        const d = generateSeed(seed, size, '2026-06-15');
        const before = earlierRecords(d);
        assert.equal(createHash('sha256').update(JSON.stringify(before)).digest('hex'), digest, `seed ${seed}, ${size} members`);
        // What was added: Northwind, its people and her; in Design Guild, her membership only.
        const { guild, northwind } = d.info.workspaces;
        const consultant = d.info.tokenUsers.consultant;
        const hers = d.memberships.filter((m) => m.user === consultant);
        assert.deepEqual(hers.map((m) => m.workspace), [guild, northwind]);
        assert.equal(d.memberships.filter((m) => m.workspace === northwind).length, SEED_NORTHWIND_ACTIVE_MEMBERS + 1);
        assert.equal(d.workspaces.at(-1)?.gid, northwind, 'the newest workspace gid');
        const follow = <T extends { gid: string }>(all: readonly T[], earlier: readonly T[]): boolean =>
          all.filter((x) => !earlier.includes(x)).every((x) => compareGid(x.gid, earlier.at(-1)?.gid ?? '0') > 0);
        assert.ok(follow(d.users, before.users) && follow(d.memberships, before.memberships), 'new gids follow the earlier ones');
      }
    });

    it('makes her an admin of Northwind Traders, a client organization of its own people, with a guest and a removed member', () => {
      const s = emu.state;
      const { northwind } = s.seedInfo.workspaces;
      const all = s.membershipsOf(northwind);
      const active = all.filter((m) => m.is_active);
      assert.equal(active.length, SEED_NORTHWIND_ACTIVE_MEMBERS);
      assert.equal(all.filter((m) => !m.is_active).length, 1);
      assert.equal(active.filter((m) => m.is_guest).length, 1);
      const admins = active.filter((m) => m.is_admin).map((m) => m.user);
      assert.ok(admins.includes(s.seedInfo.tokenUsers.consultant));
      assert.equal(admins.length, 2, 'she is not the last admin: the client has its own');
      for (const m of all.filter((x) => !x.is_guest)) assert.match(s.user(m.user)?.email ?? '', /@northwind\.test$/);
      const people = all.map((m) => m.user).filter((u) => u !== s.seedInfo.tokenUsers.consultant);
      assert.ok(people.every((u) => s.membershipsOfUser(u).every((x) => x.workspace === northwind)), 'people of its own');
    });

    it('shows her Design Guild and Northwind Traders, and Northwind to nobody else', async () => {
      const names = async (token: string): Promise<string[]> => (await get<Envelope<Compact[]>>(emu, '/workspaces', { token })).json.data.map((w) => w.name ?? '');
      assert.deepEqual(await names(emu.tokens.consultant), [SEED_WORKSPACE_NAMES.guild, SEED_WORKSPACE_NAMES.northwind]);
      assert.deepEqual(await names(emu.tokens.admin), [SEED_WORKSPACE_NAMES.acme, SEED_WORKSPACE_NAMES.guild, SEED_WORKSPACE_NAMES.personal]);
      assert.equal((await get(emu, `/workspaces/${emu.state.seedInfo.workspaces.northwind}`)).status, 404);
      const guild = emu.state.seedInfo.workspaces.guild;
      const zoeInGuild = await get(emu, `/users/${emu.state.seedInfo.tokenUsers.admin}`, { token: emu.tokens.consultant });
      assert.equal(zoeInGuild.status, 200, 'the two accounts see each other through Design Guild');
      assert.ok(emu.state.activeMembership(guild, emu.state.seedInfo.tokenUsers.admin));
    });
  });
});
