/**
 * Who joined, who left and whose role changed between two complete rosters of a workspace. A
 * person is their user: someone removed and added back has two memberships but is one person, and
 * only an active membership makes them a member.
 */
import type { Membership } from '../asana/schemas';
import { groupOf, type ActiveGroup } from './memberRoles';

export interface RosterPerson {
  readonly userGid: string;
  readonly membershipGid: string;
  readonly name: string;
  readonly email: string | undefined;
  readonly group: ActiveGroup;
}

export interface RoleChange {
  /** As the later roster has them. */
  readonly person: RosterPerson;
  readonly from: ActiveGroup;
}

export interface RosterChanges {
  /** When the earlier roster was complete (the last look). */
  readonly since: number;
  /** When the later roster was complete. */
  readonly until: number;
  /** In name order, each list. */
  readonly joined: readonly RosterPerson[];
  readonly left: readonly RosterPerson[];
  readonly roleChanged: readonly RoleChange[];
}

/** A complete roster: the active members by user. */
export type Roster = ReadonlyMap<string, RosterPerson>;

export function rosterOf(memberships: Iterable<Membership>, emailOf: (userGid: string) => string | undefined): Map<string, RosterPerson> {
  const roster = new Map<string, RosterPerson>();
  for (const m of memberships) {
    if (!m.is_active) continue;
    roster.set(m.user.gid, { userGid: m.user.gid, membershipGid: m.gid, name: m.user.name, email: emailOf(m.user.gid), group: groupOf(m) as ActiveGroup });
  }
  return roster;
}

export function compareRosters(before: Roster, after: Roster, since: number, until: number): RosterChanges {
  const joined: RosterPerson[] = [];
  const roleChanged: RoleChange[] = [];
  for (const [userGid, person] of after) {
    const earlier = before.get(userGid);
    if (!earlier) joined.push(person);
    else if (earlier.group !== person.group) roleChanged.push({ person, from: earlier.group });
  }
  const left = [...before.values()].filter((p) => !after.has(p.userGid));
  const byName = (a: RosterPerson, b: RosterPerson) => a.name.localeCompare(b.name) || a.userGid.localeCompare(b.userGid);
  joined.sort(byName);
  left.sort(byName);
  roleChanged.sort((a, b) => byName(a.person, b.person));
  return { since, until, joined, left, roleChanged };
}

export function changeCount(changes: RosterChanges): number {
  return changes.joined.length + changes.left.length + changes.roleChanged.length;
}
