/**
 * The snapshot codec field by field: each check that refuses a file gets its own case (a check
 * tested only among others could vanish unnoticed), with the reason it gives, and what a good file
 * decodes to, flag by flag.
 */
import * as assert from 'node:assert/strict';
import type { Membership, Workspace } from '../../../src/asana/schemas';
import {
  decodeMembers,
  decodeWorkspaces,
  encodeMembers,
  encodeWorkspaces,
  MAX_SNAPSHOT_MEMBERS,
  MAX_SNAPSHOT_WORKSPACES,
  SnapshotRefused,
} from '../../../src/store/snapshotCodec';

const owner = { accountGid: '1200', apiBaseUrl: 'http://127.0.0.1:1/api/1.0' };
const ws = { gid: '1100', name: 'Acme' };
const header = { format: 1, accountGid: owner.accountGid, apiBaseUrl: owner.apiBaseUrl, savedAt: 1_700_000_000_000 };
const GOOD_ROW = ['1300', '1201', 'Ada', 'ada@acme.test', 1, '2020-01-01T00:00:00.000Z', null, null, '1400'];

function members(fields: Record<string, unknown>): string {
  return JSON.stringify({ ...header, kind: 'members', workspaceGid: ws.gid, workspaceName: ws.name, rows: [GOOD_ROW], ...fields });
}
function workspaces(fields: Record<string, unknown>): string {
  return JSON.stringify({ ...header, kind: 'workspaces', workspaces: [{ gid: '1100', name: 'Acme', is_organization: true, email_domains: ['acme.test'] }], ...fields });
}
function row(changes: Record<number, unknown>): string {
  const r: unknown[] = [...GOOD_ROW];
  for (const [i, v] of Object.entries(changes)) r[Number(i)] = v;
  return members({ rows: [GOOD_ROW, r] });
}

/** The exact reason, so that a check falling through to a later one (with its own reason) fails. */
function refused(decode: () => unknown, reason: string): void {
  assert.throws(decode, (e: unknown) => {
    assert.ok(e instanceof SnapshotRefused, String(e));
    assert.equal(e.name, 'SnapshotRefused');
    assert.equal(e.message, reason);
    return true;
  });
}
const decodeM = (text: string) => () => decodeMembers(text, owner, ws);
const decodeW = (text: string) => () => decodeWorkspaces(text, owner);

function membership(flags: Partial<Membership>, extra: Partial<Membership> = {}): Membership {
  return {
    gid: '1300',
    user: { gid: '1201', name: 'Ada' },
    workspace: ws,
    is_active: false,
    is_admin: false,
    is_guest: false,
    is_view_only: false,
    created_at: null,
    vacation_dates: null,
    user_task_list: null,
    ...flags,
    ...extra,
  };
}

describe('snapshotCodec: the header', () => {
  it('refuses text that is not JSON, or JSON that is not an object', () => {
    refused(decodeM('{"format":1,'), 'not valid JSON (truncated or corrupt)');
    refused(decodeM('5'), 'not a snapshot object');
    refused(decodeM('null'), 'not a snapshot object');
    refused(decodeM(`[${members({})}]`), 'not a snapshot object');
  });

  it('refuses another format, another kind, another account, another API URL, each with its reason', () => {
    refused(decodeM(members({ format: 0 })), 'format 0, expected 1');
    refused(decodeM(members({ kind: 'workspaces' })), 'a workspaces snapshot, expected members');
    refused(decodeW(workspaces({ kind: 'members' })), 'a members snapshot, expected workspaces');
    refused(decodeM(members({ accountGid: '1201' })), 'it belongs to another account');
    refused(decodeM(members({ apiBaseUrl: 'https://app.asana.com/api/1.0' })), 'it comes from another API URL');
  });

  it('refuses a time of saving that is missing, not a number, infinite, zero or negative', () => {
    for (const savedAt of [undefined, '1700000000000', 0, -1]) refused(decodeM(members({ savedAt })), 'no valid time of saving');
    refused(decodeM(members({}).replace('"savedAt":1700000000000', '"savedAt":1e999')), 'no valid time of saving');
    assert.equal(decodeMembers(members({ savedAt: 1 }), owner, ws).savedAt, 1);
  });
});

describe('snapshotCodec: workspaces', () => {
  it('decodes what it encoded, keeping only the fields it knows', () => {
    const list: Workspace[] = [
      { gid: '1100', name: 'Acme', is_organization: true, email_domains: ['acme.test'] },
      { gid: '1101', name: 'Home', is_organization: false, email_domains: [] },
    ];
    const text = encodeWorkspaces(owner, { savedAt: 5, workspaces: list.map((w) => ({ ...w, extra: 1 }) as Workspace) });
    assert.deepEqual(decodeWorkspaces(text, owner), { savedAt: 5, workspaces: list });
  });

  it('refuses a list that is missing or longer than the ceiling, and accepts one at the ceiling', () => {
    refused(decodeW(workspaces({ workspaces: {} })), 'no valid workspace list');
    const w = (i: number) => ({ gid: String(i + 1), name: 'W', is_organization: false, email_domains: [] });
    refused(decodeW(workspaces({ workspaces: Array.from({ length: MAX_SNAPSHOT_WORKSPACES + 1 }, (_, i) => w(i)) })), 'no valid workspace list');
    assert.equal(decodeWorkspaces(workspaces({ workspaces: Array.from({ length: MAX_SNAPSHOT_WORKSPACES }, (_, i) => w(i)) }), owner).workspaces.length, MAX_SNAPSHOT_WORKSPACES);
  });

  it('refuses each malformed field of a workspace, naming the workspace', () => {
    const good = { gid: '1100', name: 'Acme', is_organization: true, email_domains: ['acme.test'] };
    for (const bad of [
      null,
      { ...good, gid: 1100 },
      { ...good, gid: '11a' },
      { ...good, name: 7 },
      { ...good, is_organization: 'yes' },
      { ...good, email_domains: 'acme.test' },
      { ...good, email_domains: ['acme.test', 3] },
    ]) {
      refused(decodeW(workspaces({ workspaces: [good, bad] })), 'workspace 1 is malformed');
    }
  });
});

describe('snapshotCodec: members', () => {
  it('decodes each flag on its own, and every field of a row', () => {
    const emails = new Map([['1201', 'ada@acme.test']]);
    const cases: Partial<Membership>[] = [
      {},
      { is_active: true },
      { is_admin: true },
      { is_guest: true },
      { is_view_only: true },
      { is_active: true, is_admin: true, is_guest: true, is_view_only: true },
    ];
    for (const flags of cases) {
      const m = membership(flags, { created_at: '2020-01-01T00:00:00.000Z', user_task_list: { gid: '1400' } });
      const decoded = decodeMembers(encodeMembers(owner, ws, { savedAt: 9, memberships: [m], emails }), owner, ws);
      assert.deepEqual(decoded, { savedAt: 9, workspaceGid: ws.gid, memberships: [m], emails }, JSON.stringify(flags));
    }
  });

  it('writes the first-look flag into last-look files only, not into the members file', () => {
    const snapshot = { savedAt: 9, memberships: [membership({ is_active: true })], emails: new Map<string, string>(), firstLook: true };
    assert.ok(!('firstLook' in (JSON.parse(encodeMembers(owner, ws, snapshot)) as object)));
    assert.equal((JSON.parse(encodeMembers(owner, ws, snapshot, 'last-look')) as { firstLook?: boolean }).firstLook, true);
  });

  it('keeps vacation dates when either end is known, and none when neither is', () => {
    const cases = [null, { start_on: '2024-07-01', end_on: null }, { start_on: null, end_on: '2024-07-31' }, { start_on: '2024-07-01', end_on: '2024-07-31' }];
    for (const vacation_dates of cases) {
      const m = membership({ is_active: true }, { vacation_dates: vacation_dates as Membership['vacation_dates'] });
      const [decoded] = decodeMembers(encodeMembers(owner, ws, { savedAt: 9, memberships: [m], emails: new Map() }), owner, ws).memberships;
      assert.deepEqual(decoded?.vacation_dates, vacation_dates);
    }
  });

  it('reads a row without email or My Tasks as such', () => {
    const decoded = decodeMembers(row({ 3: null, 8: null }), owner, ws);
    assert.equal(decoded.memberships[1]!.user_task_list, null);
    assert.deepEqual([...decoded.emails], [['1201', 'ada@acme.test']]);
  });

  it('refuses the snapshot of another workspace, and rows that are missing', () => {
    refused(decodeM(members({ workspaceGid: '1101' })), 'it is of another workspace');
    refused(decodeM(members({ rows: {} })), 'no member rows');
  });

  it('refuses more rows than the ceiling before reading any, and reads the rows of a snapshot at the ceiling', () => {
    refused(decodeM(members({ rows: new Array(MAX_SNAPSHOT_MEMBERS + 1).fill(0) })), `${MAX_SNAPSHOT_MEMBERS + 1} rows, more than ${MAX_SNAPSHOT_MEMBERS}`);
    // At the ceiling the rows are read: the first one is the one refused.
    refused(decodeM(members({ rows: new Array(MAX_SNAPSHOT_MEMBERS).fill(0) })), 'member row 0 is malformed');
  });

  const malformed: [string, Record<number, unknown> | unknown][] = [
    ['not an array', 'row'],
    ['too short', GOOD_ROW.slice(0, 8)],
    ['too long', [...GOOD_ROW, null]],
    ['a membership gid that is a number', { 0: 1300 }],
    ['a membership gid with a letter at the end', { 0: '1300a' }],
    ['a membership gid with a letter at the start', { 0: 'a1300' }],
    ['a user gid that is not a gid', { 1: 'x' }],
    ['a name that is not a string', { 2: null }],
    ['an email that is a number', { 3: 5 }],
    ['flags that are not a number', { 4: '1' }],
    ['flags that are not an integer', { 4: 1.5 }],
    ['flags below 0', { 4: -1 }],
    ['flags above 15', { 4: 16 }],
    ['a creation time that is a number', { 5: 5 }],
    ['a vacation start that is a number', { 6: 5 }],
    ['a vacation end that is a number', { 7: 5 }],
    ['a My Tasks gid that is not a gid', { 8: 'tasks' }],
  ];
  for (const [what, change] of malformed) {
    it(`refuses a row with ${what}, naming the row`, () => {
      const text = Array.isArray(change) || typeof change === 'string' ? members({ rows: [GOOD_ROW, change] }) : row(change as Record<number, unknown>);
      refused(decodeM(text), 'member row 1 is malformed');
    });
  }

  it('accepts flags of 0 (an inactive membership) and 15 (every flag)', () => {
    assert.equal(decodeMembers(row({ 4: 0 }), owner, ws).memberships[1]!.is_active, false);
    assert.equal(decodeMembers(row({ 4: 15 }), owner, ws).memberships[1]!.is_view_only, true);
  });
});
