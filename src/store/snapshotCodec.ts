/**
 * What a snapshot holds and how it is checked on the way back in. A snapshot that does not decode
 * exactly (another format, another account, another API, a field of the wrong type, too many rows)
 * is refused whole with the reason: showing part of a corrupt file, or someone else's data, is worse
 * than loading again.
 */
import type { Membership, Workspace } from '../asana/schemas';

export const SNAPSHOT_FORMAT = 1;
/** Beyond any real workspace, so a hostile or broken file cannot make the extension hold millions of rows. */
export const MAX_SNAPSHOT_MEMBERS = 500_000;
export const MAX_SNAPSHOT_WORKSPACES = 1_000;

export interface SnapshotOwner {
  readonly accountGid: string;
  readonly apiBaseUrl: string;
}

export interface WorkspacesSnapshot {
  readonly savedAt: number;
  readonly workspaces: Workspace[];
}

export interface MembersSnapshot {
  readonly savedAt: number;
  readonly workspaceGid: string;
  readonly memberships: Membership[];
  /** Emails by user gid. */
  readonly emails: Map<string, string>;
  /** A last look taken by itself at the first complete listing, not by "Mark as Seen". */
  readonly firstLook?: boolean;
}

/** membership gid, user gid, name, email, flags (active 1, admin 2, guest 4, view-only 8), created_at, vacation start, end, My Tasks gid */
type Row = [string, string, string, string | null, number, string | null, string | null, string | null, string | null];

export class SnapshotRefused extends Error {
  override readonly name = 'SnapshotRefused';
}

export function header(kind: string, owner: SnapshotOwner, savedAt: number): Record<string, unknown> {
  return { format: SNAPSHOT_FORMAT, kind, accountGid: owner.accountGid, apiBaseUrl: owner.apiBaseUrl, savedAt };
}

export function encodeWorkspaces(owner: SnapshotOwner, snapshot: WorkspacesSnapshot): string {
  const workspaces = snapshot.workspaces.map((w) => ({ gid: w.gid, name: w.name, is_organization: w.is_organization, email_domains: w.email_domains }));
  return JSON.stringify({ ...header('workspaces', owner, snapshot.savedAt), workspaces });
}

/**
 * `members` is the roster shown at the next start; `last-look` the roster as it was when the person
 * last marked its changes as seen, the baseline that roster changes are counted from.
 */
export type MembersKind = 'members' | 'last-look';

export function encodeMembers(
  owner: SnapshotOwner,
  workspace: { gid: string; name: string },
  snapshot: Omit<MembersSnapshot, 'workspaceGid'>,
  kind: MembersKind = 'members',
): string {
  const rows: Row[] = snapshot.memberships.map((m) => [
    m.gid,
    m.user.gid,
    m.user.name,
    snapshot.emails.get(m.user.gid) ?? null,
    (m.is_active ? 1 : 0) | (m.is_admin ? 2 : 0) | (m.is_guest ? 4 : 0) | (m.is_view_only ? 8 : 0),
    m.created_at,
    m.vacation_dates?.start_on ?? null,
    m.vacation_dates?.end_on ?? null,
    m.user_task_list?.gid ?? null,
  ]);
  const look = kind === 'last-look' ? { firstLook: snapshot.firstLook === true } : {};
  return JSON.stringify({ ...header(kind, owner, snapshot.savedAt), ...look, workspaceGid: workspace.gid, workspaceName: workspace.name, rows });
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
export const isGid = (v: unknown): v is string => typeof v === 'string' && /^\d{1,32}$/.test(v);

export function parseHeader(text: string, kind: string, owner: SnapshotOwner): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SnapshotRefused('not valid JSON (truncated or corrupt)');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SnapshotRefused('not a snapshot object');
  const record = value as Record<string, unknown>;
  if (record['format'] !== SNAPSHOT_FORMAT) throw new SnapshotRefused(`format ${String(record['format'])}, expected ${SNAPSHOT_FORMAT}`);
  if (record['kind'] !== kind) throw new SnapshotRefused(`a ${String(record['kind'])} snapshot, expected ${kind}`);
  if (record['accountGid'] !== owner.accountGid) throw new SnapshotRefused('it belongs to another account');
  if (record['apiBaseUrl'] !== owner.apiBaseUrl) throw new SnapshotRefused('it comes from another API URL');
  const savedAt = record['savedAt'];
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt) || savedAt <= 0) throw new SnapshotRefused('no valid time of saving');
  return record;
}

export function decodeWorkspaces(text: string, owner: SnapshotOwner): WorkspacesSnapshot {
  const record = parseHeader(text, 'workspaces', owner);
  const list = record['workspaces'];
  if (!Array.isArray(list) || list.length > MAX_SNAPSHOT_WORKSPACES) throw new SnapshotRefused('no valid workspace list');
  const workspaces = list.map((w: unknown, i): Workspace => {
    const r = (typeof w === 'object' && w !== null ? w : {}) as Record<string, unknown>;
    const domains = r['email_domains'];
    if (!isGid(r['gid']) || !isString(r['name']) || typeof r['is_organization'] !== 'boolean' || !Array.isArray(domains) || !domains.every(isString)) {
      throw new SnapshotRefused(`workspace ${i} is malformed`);
    }
    return { gid: r['gid'], name: r['name'], is_organization: r['is_organization'], email_domains: domains };
  });
  return { savedAt: record['savedAt'] as number, workspaces };
}

export function decodeMembers(text: string, owner: SnapshotOwner, workspace: { gid: string; name: string }, kind: MembersKind = 'members'): MembersSnapshot {
  const record = parseHeader(text, kind, owner);
  if (record['workspaceGid'] !== workspace.gid) throw new SnapshotRefused('it is of another workspace');
  const rows = record['rows'];
  if (!Array.isArray(rows)) throw new SnapshotRefused('no member rows');
  if (rows.length > MAX_SNAPSHOT_MEMBERS) throw new SnapshotRefused(`${rows.length} rows, more than ${MAX_SNAPSHOT_MEMBERS}`);
  const memberships: Membership[] = [];
  const emails = new Map<string, string>();
  const ws = { gid: workspace.gid, name: workspace.name };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as unknown;
    if (
      !Array.isArray(row) ||
      row.length !== 9 ||
      !isGid(row[0]) ||
      !isGid(row[1]) ||
      !isString(row[2]) ||
      !isStringOrNull(row[3]) ||
      typeof row[4] !== 'number' ||
      !Number.isInteger(row[4]) ||
      row[4] < 0 ||
      row[4] > 15 ||
      !isStringOrNull(row[5]) ||
      !isStringOrNull(row[6]) ||
      !isStringOrNull(row[7]) ||
      !(row[8] === null || isGid(row[8]))
    ) {
      throw new SnapshotRefused(`member row ${i} is malformed`);
    }
    const [gid, userGid, name, email, flags, createdAt, start, end, taskList] = row as Row;
    if (email !== null) emails.set(userGid, email);
    memberships.push({
      gid,
      user: { gid: userGid, name },
      workspace: ws,
      is_active: (flags & 1) !== 0,
      is_admin: (flags & 2) !== 0,
      is_guest: (flags & 4) !== 0,
      is_view_only: (flags & 8) !== 0,
      created_at: createdAt,
      vacation_dates: start === null && end === null ? null : { start_on: start, end_on: end },
      user_task_list: taskList === null ? null : { gid: taskList },
    });
  }
  const look = kind === 'last-look' ? { firstLook: record['firstLook'] === true } : {};
  return { savedAt: record['savedAt'] as number, workspaceGid: workspace.gid, memberships, emails, ...look };
}
