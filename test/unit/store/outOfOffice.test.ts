// Out-of-office entries from /ooo_entries (which replaces vacation_dates), through the client and the
// store's short-lived cache, against the emulator's seeded entries.
import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { collect } from '../../../src/asana/pagination';
import { outOfOfficeMarkdown } from '../../../src/members/describeMember';
import { OutOfOffice } from '../../../src/store/outOfOffice';
import { startEmulator, type Emulator } from '../../emulator/index';
import { addDays, todayUtc } from '../../emulator/oooSeed';
import type { OooEntryRecord } from '../../emulator/types';

const OOO = 'GET /ooo_entries';

describe('Out of office (/ooo_entries)', function () {
  this.timeout(20_000);
  let emu: Emulator;
  let client: AsanaClient;

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 300 } });
    client = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl, retryBaseMs: 1, retryMaxMs: 5 });
  });
  after(async () => {
    await client.dispose();
    await emu.close();
  });
  beforeEach(() => emu.reset());

  const acme = () => emu.state.seedInfo.workspaces.acme;
  const me = () => emu.state.seedInfo.tokenUsers.admin;

  it('lists a person\'s entries in a workspace as Asana holds them', async () => {
    const entries = await collect(client.oooEntryPages(me(), acme()));
    const held = emu.state.oooEntriesOf(acme(), me());
    assert.ok(held.length > 0, 'the seed gives the demo user entries');
    assert.deepEqual(entries.map((e) => [e.gid, e.start_date, e.end_date]), held.map((e) => [e.gid, e.start_date, e.end_date]));
  });

  it('keeps only current and coming entries, soonest first, and asks once while they are kept', async () => {
    const ooo = new OutOfOffice(client);
    const today = todayUtc();
    const first = await ooo.entries(acme(), me(), today);
    const expected = emu.state
      .oooEntriesOf(acme(), me())
      .filter((e) => e.end_date >= today)
      .sort((a, b) => a.start_date.localeCompare(b.start_date));
    assert.ok(expected.length < emu.state.oooEntriesOf(acme(), me()).length, 'the seed has a past entry to leave out');
    assert.deepEqual(first.map((e) => e.gid), expected.map((e) => e.gid));
    emu.counters.reset();
    await ooo.entries(acme(), me(), today);
    assert.equal(emu.counters.byRoute[OOO] ?? 0, 0, 'kept');
  });

  it('puts the soonest entry first even when Asana lists it later', async () => {
    const today = todayUtc();
    const coming = emu.state.oooEntriesOf(acme(), me()).filter((e) => e.end_date >= today);
    assert.ok(coming.length >= 2, 'the seed gives the demo user two current or coming entries');
    // Asana lists in its own order: move the entry it lists first to the far future.
    const moved = coming[0] as OooEntryRecord;
    moved.start_date = addDays(today, 400);
    moved.end_date = addDays(today, 401);
    const entries = await new OutOfOffice(client).entries(acme(), me(), today);
    assert.equal(entries.length, coming.length);
    assert.equal(entries.at(-1)!.gid, moved.gid, 'the entry moved a year ahead comes last');
    assert.deepEqual(entries.map((e) => e.start_date), entries.map((e) => e.start_date).sort());
  });

  it('keeps each person\'s entries apart, for five minutes exactly', async () => {
    let now = 1_000_000;
    const ooo = new OutOfOffice(client, () => now);
    const today = todayUtc();
    const other = emu.state.seedInfo.oooUserGids.find((u) => u !== me() && emu.state.oooEntriesOf(acme(), u).some((e) => e.end_date >= today))!;
    assert.ok(other, 'the seed has someone else with entries in Acme Corp');
    const mine = await ooo.entries(acme(), me(), today);
    const theirs = await ooo.entries(acme(), other, today);
    assert.notDeepEqual(theirs.map((e) => e.gid), mine.map((e) => e.gid), 'not the first person\'s entries');
    assert.ok(theirs.length > 0);
    emu.counters.reset();
    now += 5 * 60_000 - 1;
    await ooo.entries(acme(), me(), today);
    assert.equal(emu.counters.byRoute[OOO] ?? 0, 0, 'still kept just before five minutes');
    now += 1;
    await ooo.entries(acme(), me(), today);
    assert.equal(emu.counters.byRoute[OOO], 1, 'asked again at five minutes');
  });

  it('does not keep a failure: the next hover asks again', async () => {
    const ooo = new OutOfOffice(client);
    emu.faults.add({ route: OOO, kind: 'status', status: 403, times: 1 });
    await assert.rejects(ooo.entries(acme(), me()), (e: Error & { kind?: string }) => e.kind === 'forbidden');
    const entries = await ooo.entries(acme(), me());
    assert.ok(entries.length > 0);
  });

  it('shows an entry under way as "now", and says when nothing is planned', () => {
    const md = outOfOfficeMarkdown(
      [
        { gid: '1', start_date: '2026-12-01', end_date: '2026-12-09', created_by: null },
        { gid: '2', start_date: '2027-01-12', end_date: '2027-01-16', created_by: null },
      ],
      '2026-12-03',
    );
    assert.equal(md, 'Out of office: 2026\\-12\\-01 to 2026\\-12\\-09 **(now)**  \nOut of office: 2027\\-01\\-12 to 2027\\-01\\-16');
    assert.equal(outOfOfficeMarkdown([], '2026-12-03'), 'Out of office: nothing planned');
  });

  it('refuses a malformed date before any request', () => {
    assert.throws(() => client.oooEntryPages(me(), acme(), { from: '12/03/2026' }), /Not a date/);
  });
});
