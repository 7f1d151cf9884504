/** Roster changes through the control API and Emulator.changeRoster, as clients see them afterwards. */
import * as assert from 'node:assert/strict';
import { RosterError, startEmulator } from './index';
import type { Emulator, RosterChangeRequest, RosterChangeResult } from './index';
import { get, pageAll } from './testing/http';
import type { Compact, Envelope } from './testing/http';

interface MembershipView {
  gid: string;
  user: Compact;
  workspace?: Compact;
  is_active?: boolean;
  is_admin?: boolean;
  is_guest?: boolean;
  is_view_only?: boolean;
}

describe('emulator: roster changes', function () {
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

  async function roster<T = RosterChangeResult>(body: unknown): Promise<{ status: number; json: T }> {
    const r = await fetch(`${emu.origin}/__emulator/roster`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, json: (await r.json()) as T };
  }

  /** Plain active Acme members other than the token users, in gid order. */
  function plainAcme(): { gid: string; email: string; name: string }[] {
    const tokenUsers = new Set(Object.values(emu.state.seedInfo.tokenUsers));
    return emu.state
      .membershipsOf(acme, { activeOnly: true })
      .filter((m) => !m.is_admin && !m.is_guest && !m.is_view_only && !tokenUsers.has(m.user))
      .map((m) => emu.state.user(m.user))
      .filter((u) => u !== undefined);
  }

  /** What a test can compare to see that nothing changed. */
  function snapshot(): string {
    return JSON.stringify([emu.state.users.length, emu.state.memberships.map((m) => [m.gid, m.is_active, m.is_admin, m.is_guest, m.is_view_only])]);
  }

  const acmeUsers = async (): Promise<string[]> => (await pageAll<Compact>(emu, '/users', { workspace: acme, limit: 100 })).items.map((u) => u.gid);
  const acmeMemberships = async (): Promise<MembershipView[]> =>
    (await pageAll<MembershipView>(emu, `/workspaces/${acme}/workspace_memberships`, { limit: 100, opt_fields: 'user,is_admin,is_guest,is_view_only' })).items;
  const membershipsOfUser = async (user: string): Promise<MembershipView[]> =>
    (await get<Envelope<MembershipView[]>>(emu, `/users/${user}/workspace_memberships`, { query: { opt_fields: 'workspace,is_active,is_admin,is_view_only' } })).json.data;

  it('joins, removes and changes roles over HTTP, and every listing shows it', async () => {
    const [leaver, promoted, demoted] = plainAcme();
    assert.ok(leaver && promoted && demoted);
    const formerGid = emu.state.seedInfo.removedUserGids[0] as string;
    const former = emu.state.user(formerGid);
    assert.ok(former);
    const formerOld = emu.state.membershipsOfUser(formerGid).find((m) => m.workspace === acme);
    const r = await roster({
      workspace: acme,
      join: [
        { name: 'Nina Neu', email: 'Nina.Neu@acme.test' },
        { name: 'Ignored, the user exists', email: former.email },
        { name: 'Casey Contractor', email: 'casey@contractor.test' },
      ],
      remove: [leaver.email],
      role: [
        { user: promoted.gid, role: 'admin' },
        { user: demoted.email, role: 'view-only' },
      ],
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const nina = emu.state.userByEmail('nina.neu@acme.test');
    const casey = emu.state.userByEmail('casey@contractor.test');
    assert.ok(nina && casey);
    const membershipGid = (user: string): string => emu.state.activeMembership(acme, user)?.gid ?? '';
    assert.deepEqual(r.json, {
      joined: [
        { gid: nina.gid, name: 'Nina Neu', email: 'nina.neu@acme.test', membershipGid: membershipGid(nina.gid) },
        { gid: former.gid, name: former.name, email: former.email, membershipGid: membershipGid(former.gid) },
        { gid: casey.gid, name: 'Casey Contractor', email: 'casey@contractor.test', membershipGid: membershipGid(casey.gid) },
      ],
      removed: [{ gid: leaver.gid, name: leaver.name, email: leaver.email }],
      roleChanged: [
        { gid: promoted.gid, name: promoted.name, email: promoted.email, from: 'member', to: 'admin' },
        { gid: demoted.gid, name: demoted.name, email: demoted.email, from: 'member', to: 'view-only' },
      ],
    });

    const users = await acmeUsers();
    assert.equal(users.length, 300 + 3 - 1);
    assert.ok(users.includes(nina.gid) && users.includes(former.gid) && users.includes(casey.gid));
    assert.ok(!users.includes(leaver.gid));

    const byUser = new Map((await acmeMemberships()).map((m) => [m.user.gid, m]));
    assert.equal(byUser.size, 302);
    assert.ok(!byUser.has(leaver.gid));
    assert.deepEqual([byUser.get(promoted.gid)?.is_admin, byUser.get(promoted.gid)?.is_view_only], [true, false]);
    assert.deepEqual([byUser.get(demoted.gid)?.is_admin, byUser.get(demoted.gid)?.is_view_only], [false, true]);
    assert.deepEqual([byUser.get(nina.gid)?.is_guest, byUser.get(casey.gid)?.is_guest], [false, true], 'an outside email joins an organization as a guest');

    // The leaver's membership stays, inactive, in their own list; the re-joined person has two.
    const leaverAcme = (await membershipsOfUser(leaver.gid)).filter((m) => m.workspace?.gid === acme);
    assert.deepEqual(leaverAcme.map((m) => m.is_active), [false]);
    const formerAcme = (await membershipsOfUser(former.gid)).filter((m) => m.workspace?.gid === acme);
    assert.deepEqual(formerAcme.map((m) => [m.gid, m.is_active]), [[formerOld?.gid, false], [membershipGid(former.gid), true]]);
    // A role change keeps the membership: same gid as before.
    assert.equal(byUser.get(promoted.gid)?.gid, emu.state.activeMembership(acme, promoted.gid)?.gid);
  });

  it('takes the workspace by exact name and honours explicit roles (guests only in organizations)', async () => {
    const me = emu.state.seedInfo.tokenUsers.admin;
    const r = emu.changeRoster({ workspace: 'Design Guild', role: [{ user: me, role: 'view-only' }], join: [{ name: 'Ola Owner', email: 'ola@guild.test', role: 'admin' }] });
    assert.deepEqual(r.roleChanged.map((c) => [c.gid, c.from, c.to]), [[me, 'member', 'view-only']]);
    const ola = emu.state.activeMembership(guild, r.joined[0]?.gid ?? '');
    assert.deepEqual([ola?.is_admin, ola?.is_guest, ola?.is_view_only], [true, false, false]);
    assert.throws(() => emu.changeRoster({ workspace: personal, join: [{ name: 'G', email: 'g@partner.test', role: 'guest' }] }), /not an organization, so it has no guests/);
    assert.deepEqual(emu.changeRoster({ workspace: personal, join: [{ name: 'Pat', email: 'pat@partner.test' }] }).joined.length, 1);
    assert.equal(emu.state.activeMembership(personal, emu.state.userByEmail('pat@partner.test')?.gid ?? '')?.is_guest, false);
  });

  it('refuses bad requests with 400 {error} and changes nothing, not even the valid parts', async () => {
    const [a, b] = plainAcme();
    assert.ok(a && b);
    const personalAdmin = emu.state.seedInfo.tokenUsers.member;
    const removedGid = emu.state.seedInfo.removedUserGids[0] as string;
    const cases: [unknown, RegExp][] = [
      [[], /^body: Must be a JSON object/],
      [{ workspace: acme, remove: [a.gid], removals: 3 }, /Unknown field "removals"/],
      [{ remove: [a.gid] }, /^workspace: Missing input/],
      [{ workspace: 'Acme', remove: [a.gid] }, /^workspace: Unknown workspace "Acme"/],
      [{ workspace: '1100000000009999', remove: [a.gid] }, /Unknown workspace/],
      [{ workspace: acme }, /^Nothing to change/],
      [{ workspace: acme, remove: [a.gid, 'nobody@acme.test'] }, /^remove\[1\]: Unknown user "nobody@acme.test"/],
      [{ workspace: acme, remove: [a.gid, 'not a user'] }, /^remove\[1\]: Not a user gid or email/],
      [{ workspace: acme, remove: [removedGid] }, /is not an active member of Acme Corp/],
      [{ workspace: acme, remove: [a.gid], role: [{ user: b.gid, role: 'owner' }] }, /^role\[0\]\.role: Not a valid role: "owner"/],
      [{ workspace: acme, role: [{ user: b.gid, role: 'member' }] }, /already is member/],
      [{ workspace: acme, remove: [a.gid], role: [{ user: a.email, role: 'admin' }] }, /named by more than one change/],
      [{ workspace: acme, join: [{ name: 'X', email: b.email }] }, /already is an active member/],
      [{ workspace: acme, join: [{ name: 'X', email: 'x@acme.test' }, { name: 'Y', email: 'X@acme.test' }] }, /joins twice/],
      [{ workspace: acme, join: [{ name: 'X', email: 'not-an-email' }] }, /^join\[0\]\.email: Not a valid email/],
      [{ workspace: acme, join: [{ name: '', email: 'x@acme.test' }] }, /^join\[0\]\.name: Must be a non-empty string/],
      [{ workspace: personal, remove: [personalAdmin] }, /without an admin/],
      [{ workspace: personal, join: [{ name: 'New Boss', email: 'boss@mail.test' }], role: [{ user: personalAdmin, role: 'member' }] }, /without an admin/],
      [{ workspace: personal, random: { removals: 50 } }, /^random\.removals: Only \d+ members/],
      [{ workspace: acme, random: { joins: -1 } }, /^random\.joins: Must be an integer/],
      [{ workspace: acme, random: { joins: 1, seed: 'x' } }, /^random\.seed: Must be an integer/],
    ];
    const before = snapshot();
    for (const [body, message] of cases) {
      const r = await roster<{ error: string }>(body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.match(r.json.error, message, JSON.stringify(body));
      assert.equal(snapshot(), before, `changed by ${JSON.stringify(body)}`);
    }
    const raw = await fetch(`${emu.origin}/__emulator/roster`, { method: 'POST', body: '{not json' });
    assert.equal(raw.status, 400);
    // Adding someone to a personal workspace with an admin promoted in the same request is fine.
    assert.equal((await roster({ workspace: personal, join: [{ name: 'New Boss', email: 'boss@mail.test', role: 'admin' }], role: [{ user: personalAdmin, role: 'member' }] })).status, 200);
  });

  it('throws RosterError in process, with the same answer as over HTTP', async () => {
    assert.throws(() => emu.changeRoster({ workspace: 'Nowhere', remove: ['x@acme.test'] }), RosterError);
    const request: RosterChangeRequest = { workspace: acme, random: { joins: 2, removals: 2, roleChanges: 2, seed: 42 } };
    const inProcess = emu.changeRoster(request);
    emu.reset();
    assert.deepEqual((await roster(request)).json, inProcess);
  });

  it('random changes are deterministic, spare the token users and admins, and vary between calls', () => {
    const request: RosterChangeRequest = { workspace: acme, random: { joins: 4, removals: 5, roleChanges: 3 } };
    const first = emu.changeRoster(request);
    const second = emu.changeRoster(request);
    emu.reset();
    assert.deepEqual(emu.changeRoster(request), first, 'same state, same default seed');
    assert.deepEqual(emu.changeRoster(request), second);
    assert.notDeepEqual(first, second, 'the default seed moves on with each change');
    assert.deepEqual([first.joined.length, first.removed.length, first.roleChanged.length], [4, 5, 3]);

    emu.reset();
    const seeded = emu.changeRoster({ ...request, random: { ...request.random, seed: 7 } });
    emu.reset();
    assert.deepEqual(emu.changeRoster({ ...request, random: { ...request.random, seed: 7 } }), seeded);
    assert.notDeepEqual(seeded, first);

    const tokenUsers = new Set(Object.values(emu.state.seedInfo.tokenUsers));
    for (const result of [first, second, seeded]) {
      const touched = [...result.removed, ...result.roleChanged].map((p) => p.gid);
      assert.equal(new Set(touched).size, touched.length, 'one change per person');
      assert.ok(touched.every((g) => !tokenUsers.has(g)));
      for (const c of result.roleChanged) {
        assert.notEqual(c.from, c.to);
        assert.ok(c.from !== 'admin' && c.from !== 'guest', `${c.from} → ${c.to}`);
      }
      for (const j of result.joined) assert.match(j.email, /@acme\.test$/);
    }
  });

  it('makes a dozen changes at once on a 10,000-member workspace quickly', async function () {
    const big = await startEmulator();
    try {
      const started = performance.now();
      const r = big.changeRoster({ workspace: 'Acme Corp', random: { joins: 4, removals: 4, roleChanges: 4, seed: 1 } });
      assert.ok(performance.now() - started < 2000);
      assert.equal(r.joined.length + r.removed.length + r.roleChanged.length, 12);
      assert.equal(big.state.membershipsOf(big.state.seedInfo.workspaces.acme, { activeOnly: true }).length, 10_000);
    } finally {
      await big.close();
    }
  });

  it('keeps listings in progress working: no repeats, no skips of the unchanged, leavers gone, joiners at the end', async () => {
    const first = await get<Envelope<Compact[]>>(emu, '/users', { query: { workspace: acme, limit: 100 } });
    const firstMemberships = await get<Envelope<MembershipView[]>>(emu, `/workspaces/${acme}/workspace_memberships`, { query: { limit: 100 } });
    const seen = new Set(first.json.data.map((u) => u.gid));
    const later = plainAcme().filter((u) => !seen.has(u.gid));
    const earlier = plainAcme().find((u) => seen.has(u.gid));
    assert.ok(later.length > 2 && earlier);
    const before = (await acmeUsers()).filter((g) => !seen.has(g));
    const change = emu.changeRoster({ workspace: acme, remove: [later[0]?.gid ?? '', earlier.gid], role: [{ user: later[1]?.gid ?? '', role: 'admin' }], random: { joins: 2 } });

    const rest: string[] = [];
    let next = first.json.next_page?.path;
    while (next) {
      const page = await get<Envelope<Compact[]>>(emu, next);
      assert.equal(page.status, 200, page.text);
      rest.push(...page.json.data.map((u) => u.gid));
      next = page.json.next_page?.path;
    }
    const expected = [...before.filter((g) => g !== later[0]?.gid), ...change.joined.map((j) => j.gid)];
    assert.deepEqual(rest, expected);
    assert.ok(rest.every((g) => !seen.has(g)));

    const more = await get<Envelope<MembershipView[]>>(emu, firstMemberships.json.next_page?.path ?? '');
    assert.equal(more.status, 200, more.text);
  });
});
