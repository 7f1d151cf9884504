/**
 * The rows of one role group as the view shows them: all of the group, or those the filter keeps.
 * A filtered list is worked out once per change of the group or of the filter, not on every redraw.
 */
import type { Membership } from '../asana/schemas';
import { isActive, matchesFilter, type MemberFilter } from '../members/memberFilter';
import type { MemberIndex } from '../store/memberIndex';
import type { MemberGroup } from '../store/memberRoles';

/** Rows under one group or range: above this a group shows ranges of this many. */
export const RANGE_SIZE = 1000;

export interface GroupRows {
  readonly count: number;
  slice(start: number, end: number): Membership[];
  positionOf(membershipGid: string): number;
}

interface Cached {
  readonly index: MemberIndex;
  readonly version: number;
  readonly filter: MemberFilter;
  readonly rows: GroupRows;
}

export class GroupRowsCache {
  private readonly cache = new Map<string, Cached>();

  rows(workspaceGid: string, index: MemberIndex, group: MemberGroup, filter: MemberFilter): GroupRows {
    if (!isActive(filter)) return unfiltered(index, group);
    const key = `${workspaceGid}:${group}`;
    const version = index.version(group);
    const hit = this.cache.get(key);
    if (hit && hit.index === index && hit.version === version && hit.filter === filter) return hit.rows;
    const kept = index.slice(group, 0, index.count(group)).filter((m) => matchesFilter(m, index.emailOf(m.user.gid), filter));
    const positions = new Map(kept.map((m, i) => [m.gid, i]));
    const rows: GroupRows = {
      count: kept.length,
      slice: (start, end) => kept.slice(start, end),
      positionOf: (gid) => positions.get(gid) ?? -1,
    };
    this.cache.set(key, { index, version, filter, rows });
    return rows;
  }

  clear(): void {
    this.cache.clear();
  }
}

function unfiltered(index: MemberIndex, group: MemberGroup): GroupRows {
  return {
    count: index.count(group),
    slice: (start, end) => index.slice(group, start, end),
    positionOf: (gid) => (index.groupOf(gid) === group ? index.positionOf(gid) : -1),
  };
}
