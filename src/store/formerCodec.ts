/**
 * The former members of a workspace on disk: people the extension saw as active members who are no
 * longer active, with when they were last seen. Checked field by field on the way back in, like the
 * member snapshots, and refused whole when anything is off.
 */
import { header, isGid, isString, isStringOrNull, parseHeader, SnapshotRefused, type SnapshotOwner } from './snapshotCodec';
import type { ActiveGroup } from './memberRoles';

export interface FormerMember {
  readonly userGid: string;
  /** The membership that ended (now inactive). */
  readonly membershipGid: string;
  readonly name: string;
  readonly email: string | undefined;
  /** Their role while they were a member. */
  readonly group: ActiveGroup;
  /** When they were last seen active (ms since epoch). */
  readonly lastSeenAt: number;
}

export interface FormerSnapshot {
  readonly savedAt: number;
  readonly former: readonly FormerMember[];
}

/** More than a workspace's members come and go in years; a bound for a broken or hostile file. */
export const MAX_FORMER_MEMBERS = 100_000;

const GROUP_CODES: readonly ActiveGroup[] = ['admins', 'members', 'guests', 'viewOnly'];

/** user gid, membership gid, name, email, group code (index in GROUP_CODES), last seen */
type Row = [string, string, string, string | null, number, number];

export function encodeFormer(owner: SnapshotOwner, workspace: { gid: string }, snapshot: FormerSnapshot): string {
  const rows: Row[] = snapshot.former.map((f) => [f.userGid, f.membershipGid, f.name, f.email ?? null, GROUP_CODES.indexOf(f.group), f.lastSeenAt]);
  return JSON.stringify({ ...header('former', owner, snapshot.savedAt), workspaceGid: workspace.gid, rows });
}

export function decodeFormer(text: string, owner: SnapshotOwner, workspace: { gid: string }): FormerSnapshot {
  const record = parseHeader(text, 'former', owner);
  if (record['workspaceGid'] !== workspace.gid) throw new SnapshotRefused('it is of another workspace');
  const rows = record['rows'];
  if (!Array.isArray(rows)) throw new SnapshotRefused('no former member rows');
  if (rows.length > MAX_FORMER_MEMBERS) throw new SnapshotRefused(`${rows.length} rows, more than ${MAX_FORMER_MEMBERS}`);
  const former = rows.map((row: unknown, i): FormerMember => {
    if (
      !Array.isArray(row) ||
      row.length !== 6 ||
      !isGid(row[0]) ||
      !isGid(row[1]) ||
      !isString(row[2]) ||
      !isStringOrNull(row[3]) ||
      !Number.isInteger(row[4]) ||
      GROUP_CODES[row[4] as number] === undefined ||
      // Not a number is not finite either.
      !Number.isFinite(row[5]) ||
      row[5] <= 0
    ) {
      throw new SnapshotRefused(`former member row ${i} is malformed`);
    }
    const [userGid, membershipGid, name, email, code, lastSeenAt] = row as Row;
    return { userGid, membershipGid, name, email: email ?? undefined, group: GROUP_CODES[code]!, lastSeenAt };
  });
  return { savedAt: record['savedAt'] as number, former };
}
