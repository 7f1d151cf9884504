// What the Asana view should show, worked out from the emulator's data, and the view's rows read back
// by their place in the tree. Under each workspace (level 1) the members are grouped by role: group
// rows (level 2) "Admins", "Members", "Guests", "View-only", "Inactive" (the non-empty ones, in that
// order) whose description is the count; a group of more than 1,000 shows range rows (level 3)
// "1–1,000", "1,001–2,000"… described "<first name> – <last name>", each holding at most 1,000
// member rows (level 4); a smaller group holds its member rows directly (level 3). Within a group
// members are in name order: accents and case folded, then the membership id.
import * as assert from 'node:assert/strict';
import type { Emulator, MembershipRecord } from '../emulator';
import type { RowInfo } from './workbench';

export const GROUP_LABELS = ['Admins', 'Members', 'Guests', 'View-only', 'Inactive'] as const;
export type GroupLabel = (typeof GROUP_LABELS)[number];
export const GROUP_ICONS: Record<GroupLabel, string> = { Admins: 'shield', Members: 'organization', Guests: 'globe', 'View-only': 'eye', Inactive: 'circle-slash' };
export const RANGE_SIZE = 1000;

export interface ExpectedMember {
  readonly membershipGid: string;
  readonly userGid: string;
  readonly label: string;
  readonly email: string;
  /** "(you) " for the signed-in person, then the badges and the email, joined by " · ". */
  readonly description: string;
  readonly icon: string;
}

export interface ExpectedGroup {
  readonly label: GroupLabel;
  /** In the view's order. */
  readonly members: readonly ExpectedMember[];
}

export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** The view's order within a group: the name with accents and case folded (ß as ss, ς as σ), then the membership id (code-unit order). */
export function sortKey(name: string, membershipGid: string): string {
  return `${name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ')}\u0000${membershipGid}`;
}

export function groupOf(m: Pick<MembershipRecord, 'is_active' | 'is_admin' | 'is_guest' | 'is_view_only'>): GroupLabel {
  if (!m.is_active) return 'Inactive';
  if (m.is_admin) return 'Admins';
  if (m.is_guest) return 'Guests';
  if (m.is_view_only) return 'View-only';
  return 'Members';
}

export function workspaceGid(emu: Emulator, name: string): string {
  const ws = emu.state.workspaceByName(name);
  assert.ok(ws, `the emulator has no workspace "${name}"`);
  return ws.gid;
}

/**
 * The groups a workspace's rows should fall into: its active members, plus the memberships in
 * `inactive` (removed while the extension watched: a listing of Asana's never returns inactive ones).
 */
export function expectedGroups(emu: Emulator, workspaceGid: string, { inactive = [] as readonly string[] } = {}): ExpectedGroup[] {
  const today = new Date().toISOString().slice(0, 10);
  const onVacation = (m: Readonly<MembershipRecord>): boolean =>
    !!m.vacation_dates && m.vacation_dates.start_on <= today && (m.vacation_dates.end_on === null || m.vacation_dates.end_on >= today);
  const memberships = [
    ...emu.state.membershipsOf(workspaceGid, { activeOnly: true }),
    ...inactive.map((gid) => {
      const m = emu.state.membership(gid);
      assert.ok(m && !m.is_active && m.workspace === workspaceGid, `membership ${gid} is not an inactive one of ${workspaceGid}`);
      return m;
    }),
  ];
  const byGroup = new Map<GroupLabel, { key: string; member: ExpectedMember }[]>();
  for (const m of memberships) {
    const user = emu.state.user(m.user);
    assert.ok(user, `the emulator has no user ${m.user}`);
    const badges = [!m.is_active && 'inactive', m.is_admin && 'admin', m.is_guest && 'guest', m.is_view_only && 'view-only', onVacation(m) && 'on vacation'].filter(Boolean);
    const icon = !m.is_active ? 'circle-slash' : m.is_admin ? 'shield' : m.is_guest ? 'globe' : m.is_view_only ? 'eye' : 'person';
    const you = m.user === emu.state.seedInfo.tokenUsers.admin ? '(you) ' : '';
    const member: ExpectedMember = {
      membershipGid: m.gid,
      userGid: user.gid,
      label: user.name,
      email: user.email,
      description: you + [...badges, user.email].join(' · '),
      icon,
    };
    const group = groupOf(m);
    let list = byGroup.get(group);
    if (!list) byGroup.set(group, (list = []));
    list.push({ key: sortKey(user.name, m.gid), member });
  }
  return GROUP_LABELS.filter((g) => byGroup.has(g)).map((label) => ({
    label,
    members: byGroup.get(label)!.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => e.member),
  }));
}

/** The range rows a group of `members` should show ([] for 1,000 or fewer: its members hang from the group itself). */
export function expectedRanges(members: readonly ExpectedMember[]): { label: string; description: string }[] {
  if (members.length <= RANGE_SIZE) return [];
  const ranges: { label: string; description: string }[] = [];
  for (let start = 0; start < members.length; start += RANGE_SIZE) {
    const end = Math.min(start + RANGE_SIZE, members.length);
    ranges.push({ label: `${formatCount(start + 1)}–${formatCount(end)}`, description: `${members[start]!.label} – ${members[end - 1]!.label}` });
  }
  return ranges;
}

/** "1–1,000", "9,001–9,494": the label of a range row. */
export function isRangeLabel(label: string): boolean {
  return /^[\d,]+–[\d,]+$/.test(label);
}

/** A member row as the tests compare it. */
export function memberLine(r: Pick<RowInfo, 'label' | 'description' | 'icon'>): string {
  return `${r.label} | ${r.description} | ${r.icon}`;
}

export interface ShownGroup {
  readonly row: RowInfo;
  readonly ranges: { readonly row: RowInfo; readonly members: RowInfo[] }[];
  /** The member rows right under the group (a group of 1,000 or fewer). */
  readonly members: RowInfo[];
}

export interface ShownWorkspace {
  readonly row: RowInfo;
  /** Level-2 rows that are not groups: "Loading members…", "No member matches the filter…". */
  readonly messages: RowInfo[];
  /** "12 changes since Nov 28" (once the whole roster is known). */
  changes: RowInfo | undefined;
  readonly groups: ShownGroup[];
  /** The "Former members" group and its rows, when there are any. */
  former: { readonly row: RowInfo; readonly members: RowInfo[] } | undefined;
}

/** The label of the roster changes row, in each of its states. */
export const CHANGES_LABEL = /^(Roster changes: nothing to compare yet|No changes since .+|[\d,]+ changes? since .+)$/;

/**
 * The rows under a workspace, from rows read in tree order (e.g. `allTreeRows`), sorted into
 * messages, groups, ranges and members; fails on a row that sits where none should.
 */
export function shownWorkspace(rows: readonly RowInfo[], workspace: string): ShownWorkspace {
  const start = rows.findIndex((r) => r.level === 1 && r.label === workspace);
  assert.ok(start >= 0, `no row for the workspace "${workspace}" among ${rows.filter((r) => r.level === 1).map((r) => r.label).join(', ')}`);
  const shown: ShownWorkspace = { row: rows[start]!, messages: [], changes: undefined, groups: [], former: undefined };
  for (const r of rows.slice(start + 1)) {
    if (r.level <= 1) break;
    const group = shown.groups[shown.groups.length - 1];
    const range = group?.ranges[group.ranges.length - 1];
    if (r.level === 2) {
      if ((GROUP_LABELS as readonly string[]).includes(r.label) && r.expanded !== undefined) shown.groups.push({ row: r, ranges: [], members: [] });
      else if (r.label === 'Former members' && r.expanded !== undefined) shown.former = { row: r, members: [] };
      else if (CHANGES_LABEL.test(r.label) && r.expanded === undefined) shown.changes = r;
      else shown.messages.push(r);
    } else if (r.level === 3 && shown.former) {
      shown.former.members.push(r);
    } else if (r.level === 3 && group) {
      if (isRangeLabel(r.label) && r.expanded !== undefined) group.ranges.push({ row: r, members: [] });
      else group.members.push(r);
    } else if (r.level === 4 && range) {
      range.members.push(r);
    } else {
      assert.fail(`${workspace}: a row where none belongs: ${JSON.stringify(r)}`);
    }
  }
  return shown;
}

/** How many rows sit right under the workspace: messages, the changes row, groups, Former members. */
export function levelTwoRows(ws: ShownWorkspace): number {
  return ws.messages.length + (ws.changes ? 1 : 0) + ws.groups.length + (ws.former ? 1 : 0);
}

/** Every member row of a workspace as shown, group by group. */
export function shownMembers(ws: ShownWorkspace): RowInfo[] {
  return ws.groups.flatMap((g) => [...g.members, ...g.ranges.flatMap((r) => r.members)]);
}

/**
 * Checks the group rows of a workspace against what they should be: labels in order, counts (or
 * "N of M" under a filter, with `shown` the members the filter keeps), icons, and the siblings count.
 */
export function assertGroupRows(
  ws: ShownWorkspace,
  expected: readonly ExpectedGroup[],
  { shown, expanded, siblings }: { shown?: ReadonlyMap<GroupLabel, number>; expanded?: boolean; siblings?: number } = {},
): void {
  const name = ws.row.label;
  const wanted = expected.filter((g) => !shown || (shown.get(g.label) ?? 0) > 0);
  assert.deepEqual(
    ws.groups.map((g) => `${g.row.label} (${g.row.description})`),
    wanted.map((g) => {
      const total = formatCount(g.members.length);
      const kept = shown?.get(g.label);
      return `${g.label} (${kept === undefined || kept === g.members.length ? total : `${formatCount(kept)} of ${total}`})`;
    }),
    `${name}: the group rows`,
  );
  for (const g of ws.groups) {
    assert.equal(g.row.icon, GROUP_ICONS[g.row.label as GroupLabel], `${name} › ${g.row.label}: icon`);
    assert.equal(g.row.siblings, siblings ?? levelTwoRows(ws), `${name} › ${g.row.label}: aria-setsize`);
    if (expanded !== undefined) assert.equal(g.row.expanded, expanded, `${name} › ${g.row.label} should be ${expanded ? 'expanded' : 'collapsed'}`);
  }
}

/**
 * Checks the member rows of a group shown in full (a group of 1,000 or fewer, expanded): every
 * member, in the view's order, with description and icon, and the siblings count.
 */
export function assertGroupMembers(ws: ShownWorkspace, expected: ExpectedGroup): void {
  const group = ws.groups.find((g) => g.row.label === expected.label);
  assert.ok(group, `${ws.row.label}: no "${expected.label}" group`);
  assert.equal(group.row.expanded, true, `${ws.row.label} › ${expected.label} should be expanded`);
  assert.deepEqual(group.members.map(memberLine), expected.members.map(memberLine), `${ws.row.label} › ${expected.label}: members in name order`);
  for (const m of group.members) {
    assert.equal(m.level, 3, `${m.label}: level`);
    assert.equal(m.siblings, expected.members.length, `${m.label}: aria-setsize should be the group's count`);
  }
}
