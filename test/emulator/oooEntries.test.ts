/** GET /ooo_entries and /ooo_entries/{gid}: the seeded entries, filters, pagination, errors, the spec. */
import * as assert from 'node:assert/strict';
import { startEmulator } from './index';
import type { Emulator } from './index';
import { addDays, todayUtc } from './oooSeed';
import { generateSeed } from './seed';
import { errorMessage, get, pageAll } from './testing/http';
import type { ApiResponse, Compact, Envelope } from './testing/http';
import { checkComponent, checkError, checkResponse, optFieldsEnum } from './testing/oas';

interface Entry {
  gid: string;
  resource_type?: string;
  start_date?: string;
  end_date?: string;
  user?: Compact;
  created_by?: Compact;
}

describe('emulator: OOO entries', function () {
  let emu: Emulator;
  let acme: string;
  let guild: string;
  let personal: string;
  let zoe: string;
  const today = todayUtc();

  before(async () => {
    // Parse the 3 MB spec before any request: a parse between two requests blocks the event loop
    // past the server's keep-alive timeout, and the next request then meets a reset socket.
    optFieldsEnum('get', '/ooo_entries');
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 300 } });
    ({ acme, guild, personal } = emu.state.seedInfo.workspaces);
    zoe = emu.state.seedInfo.tokenUsers.admin;
  });
  beforeEach(() => emu.reset());
  after(() => emu.close());

  const list = (query: Record<string, string | number | undefined>, token?: string): Promise<ApiResponse<Envelope<Entry[]>>> =>
    get<Envelope<Entry[]>>(emu, '/ooo_entries', { query, token });
  const dates = (r: ApiResponse<Envelope<Entry[]>>): string[][] => r.json.data.map((e) => [e.start_date ?? '', e.end_date ?? '']);

  it('lists the demo user\'s entries as compact records, chronologically, one of them spanning today', async () => {
    const r = await list({ user: zoe, workspace: acme });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.json), ['data'], 'no next_page without limit');
    const seeded = emu.state.oooEntriesOf(acme, zoe);
    assert.deepEqual(r.json.data, seeded.map((e) => ({ gid: e.gid, resource_type: 'ooo_entry', start_date: e.start_date, end_date: e.end_date })));
    assert.deepEqual(dates(r), [[addDays(today, -120), addDays(today, -110)], [addDays(today, -1), addDays(today, 6)], [addDays(today, 40), addDays(today, 44)]]);
    assert.deepEqual((await list({ user: 'me', workspace: acme })).json, r.json, '"me" and emails work as elsewhere');
    assert.deepEqual((await list({ user: 'zoe.angstrom@acme.test', workspace: acme })).json, r.json);
    assert.deepEqual((await list({ user: zoe, workspace: guild })).json, { data: [] }, 'entries belong to one workspace');
  });

  it('returns the full record of one entry, and opt_fields reach through user and created_by', async () => {
    const entry = emu.state.oooEntries.find((e) => e.created_by !== e.user);
    assert.ok(entry, 'an admin entered one entry for someone else');
    const name = (gid: string): string => emu.state.user(gid)?.name ?? '';
    const r = await get<Envelope<Entry>>(emu, `/ooo_entries/${entry.gid}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.data, {
      gid: entry.gid,
      resource_type: 'ooo_entry',
      start_date: entry.start_date,
      end_date: entry.end_date,
      user: { gid: entry.user, resource_type: 'user', name: name(entry.user) },
      created_by: { gid: entry.created_by, resource_type: 'user', name: name(entry.created_by) },
    });
    const some = await list({ user: entry.user, workspace: entry.workspace, opt_fields: 'user.name,created_by.email,end_date' });
    assert.deepEqual(some.json.data.find((e) => e.gid === entry.gid), {
      gid: entry.gid,
      end_date: entry.end_date,
      user: { gid: entry.user, name: name(entry.user) },
      created_by: { gid: entry.created_by, email: emu.state.user(entry.created_by)?.email },
    });
  });

  it('filters by overlap: start_date keeps entries ending on or after it, end_date those starting on or before it', async () => {
    const q = { user: zoe, workspace: acme };
    assert.deepEqual(dates(await list({ ...q, start_date: today, end_date: today })), [[addDays(today, -1), addDays(today, 6)]]);
    assert.equal((await list({ ...q, start_date: today })).json.data.length, 2);
    assert.equal((await list({ ...q, end_date: today })).json.data.length, 2);
    // Boundaries are inclusive on both sides.
    assert.deepEqual(dates(await list({ ...q, start_date: addDays(today, 44) })), [[addDays(today, 40), addDays(today, 44)]]);
    assert.deepEqual(dates(await list({ ...q, end_date: addDays(today, -120) })), [[addDays(today, -120), addDays(today, -110)]]);
    assert.deepEqual((await list({ ...q, start_date: addDays(today, 7), end_date: addDays(today, 39) })).json.data, []);
    assert.deepEqual((await list({ ...q, start_date: addDays(today, 10), end_date: addDays(today, 1) })).json.data, [], 'an empty range overlaps nothing');
  });

  it('pages with limit and offset like the other listings, the offset bound to its filters', async () => {
    const q = { user: zoe, workspace: acme, limit: 1 };
    const all = await pageAll<Entry>(emu, '/ooo_entries', q);
    assert.equal(all.pages, 3);
    assert.deepEqual(all.items.map((e) => e.gid), emu.state.oooEntriesOf(acme, zoe).map((e) => e.gid));
    const first = await list(q);
    const offset = first.json.next_page?.offset ?? '';
    assert.equal((await list({ ...q, offset })).status, 200);
    const other = await list({ ...q, offset, start_date: today });
    assert.equal(other.status, 400);
    assert.match(errorMessage(other), /^offset: Invalid or expired offset \(it was issued for a different request\)/);
    const last = await list({ ...q, limit: 100 });
    assert.equal(last.json.next_page, null);
  });

  it('answers 400 for missing or malformed parameters and 404 for what the caller cannot see', async () => {
    const cases: [Record<string, string>, number, RegExp, string?][] = [
      [{ workspace: acme }, 400, /^user: Missing input$/],
      [{ user: zoe }, 400, /^workspace: Missing input$/],
      [{ user: zoe, workspace: '' }, 400, /^workspace: Missing input$/],
      [{ user: zoe, workspace: acme, start_date: '2025-02-30' }, 400, /^start_date: Not a valid date: "2025-02-30"/],
      [{ user: zoe, workspace: acme, end_date: 'tomorrow' }, 400, /^end_date: Not a valid date/],
      [{ user: zoe, workspace: acme, opt_fields: 'reason' }, 400, /^opt_fields: Unknown field "reason"/],
      [{ user: zoe, workspace: acme, limit: '0' }, 400, /^limit: Must be between 1 and 100/],
      [{ user: zoe, workspace: 'acme' }, 400, /^workspace: Not a valid gid/],
      [{ user: 'someone', workspace: acme }, 400, /^user: Not a valid user reference/],
      [{ user: zoe, workspace: guild }, 404, /^workspace: Unknown object/, 'guest'],
      [{ user: zoe, workspace: acme }, 404, /^workspace: Unknown object/, 'outsider'],
      [{ user: emu.state.seedInfo.tokenUsers.outsider, workspace: acme }, 404, /^user: Unknown object/],
      [{ user: '1299999999999999', workspace: acme }, 404, /^user: Unknown object/],
    ];
    for (const [query, status, message, tokenName] of cases) {
      const token = tokenName === undefined ? undefined : emu.tokens[tokenName as 'guest' | 'outsider'];
      const r = await list(query, token);
      assert.equal(r.status, status, `${JSON.stringify(query)}: ${r.text}`);
      assert.match(errorMessage(r), message, JSON.stringify(query));
      assert.deepEqual(checkError(r.json), []);
    }
    const personalEntry = emu.state.oooEntries.find((e) => e.workspace === personal);
    assert.ok(personalEntry);
    assert.equal((await get(emu, `/ooo_entries/${personalEntry.gid}`, { token: emu.tokens.guest })).status, 404, 'the guest is not in that workspace');
    assert.equal((await get(emu, `/ooo_entries/${personalEntry.gid}`, { token: emu.tokens.member })).status, 200);
    assert.equal((await get(emu, '/ooo_entries/1599999999999999')).status, 404);
    assert.equal((await get(emu, '/ooo_entries/abc')).status, 400);
  });

  it('agrees with vacation_dates where the seed has both, and keeps a removed person\'s entries', () => {
    const s = emu.state;
    const matched = s.oooEntries.filter((e) => {
      const v = s.activeMembership(e.workspace, e.user)?.vacation_dates;
      return v?.start_on === e.start_date && v.end_on === e.end_date;
    });
    assert.ok(matched.length >= 2, 'some people have both');
    // Today is covered for the demo user and a few others, so a demo shows people who are out.
    const outToday = s.oooEntries.filter((e) => e.workspace === acme && e.start_date <= today && today <= e.end_date);
    assert.ok(outToday.some((e) => e.user === zoe) && outToday.length >= 3);
    const removed = new Set(s.seedInfo.removedUserGids);
    assert.ok(s.oooEntries.some((e) => removed.has(e.user)));
    assert.deepEqual(s.seedInfo.oooUserGids, [...new Set(s.oooEntries.map((e) => e.user))].sort());
  });

  it('keeps an entry when its person leaves the workspace', async () => {
    const entry = emu.state.oooEntries.find((e) => e.workspace === acme && e.user !== zoe && emu.state.activeMembership(acme, e.user));
    assert.ok(entry);
    emu.changeRoster({ workspace: acme, remove: [entry.user] });
    const r = await list({ user: entry.user, workspace: acme });
    assert.ok(r.json.data.some((e) => e.gid === entry.gid));
  });

  it('seeds the same entries for the same date and only moves the relative ones with it', () => {
    const a = generateSeed(1, 300, '2026-03-10');
    assert.deepEqual(generateSeed(1, 300, '2026-03-10').oooEntries, a.oooEntries);
    const b = generateSeed(1, 300, '2026-03-11');
    assert.deepEqual(b.memberships, a.memberships, 'nothing else depends on the date');
    assert.deepEqual(b.seedTokens, a.seedTokens);
    const current = (d: typeof a, day: string) => d.oooEntries.find((e) => e.user === d.info.tokenUsers.admin && e.start_date <= day && day <= e.end_date);
    assert.deepEqual([current(a, '2026-03-10')?.start_date, current(b, '2026-03-11')?.start_date], ['2026-03-09', '2026-03-10']);
  });

  describe('conformance with the OpenAPI spec', () => {
    const listOp = { method: 'get', spec: '/ooo_entries' };
    const oneOp = { method: 'get', spec: '/ooo_entries/{ooo_entry_gid}' };

    it('GET /ooo_entries: default, paginated and every opt_field', async () => {
      for (const query of [{ user: zoe, workspace: acme }, { user: zoe, workspace: acme, limit: 1 }, { user: zoe, workspace: acme, limit: 10 }]) {
        const r = await list(query);
        assert.equal(r.status, 200);
        assert.deepEqual(checkResponse(listOp.method, listOp.spec, r.json), [], JSON.stringify(query));
      }
      const full = await list({ user: zoe, workspace: acme, limit: 2, opt_fields: optFieldsEnum(listOp.method, listOp.spec).join(',') });
      assert.equal(full.status, 200, full.text);
      assert.deepEqual(checkResponse(listOp.method, listOp.spec, full.json), []);
      for (const item of full.json.data) assert.deepEqual(checkComponent('OooEntryResponse', item), []);
      assert.deepEqual(Object.keys(full.json.data[0] ?? {}), ['gid', 'start_date', 'end_date', 'user', 'created_by']);
    });

    it('GET /ooo_entries/{ooo_entry_gid}: default and every opt_field', async () => {
      for (const entry of emu.state.oooEntries.filter((e) => e.workspace === acme).slice(0, 5)) {
        for (const query of [{}, { opt_fields: optFieldsEnum(oneOp.method, oneOp.spec).join(',') }]) {
          const r = await get(emu, `/ooo_entries/${entry.gid}`, { query });
          assert.equal(r.status, 200, r.text);
          assert.deepEqual(checkResponse(oneOp.method, oneOp.spec, r.json), []);
        }
      }
    });
  });
});
