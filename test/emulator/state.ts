/**
 * The emulator's data and the indexes that keep every request O(page): lookups by gid and email,
 * memberships per workspace and per user in gid order, and derived lists (users by gid, users by
 * name) cached until the next mutation.
 */
import { compareGid } from './gid';
import { seedData, userTaskListKey } from './seed';
import type { SeedData } from './seed';
import { compareText, fold } from './text';
import type {
  EmulatorState,
  MembershipQuery,
  MembershipRecord,
  OooEntryRecord,
  SeedInfo,
  SeedTokens,
  UserRecord,
  WorkspaceRecord,
} from './types';

/** The flags a membership's role sets; the seed never sets more than one of them. */
export interface RoleFlags {
  isAdmin?: boolean;
  isGuest: boolean;
  isViewOnly?: boolean;
}

export type NewMembership = RoleFlags;

const EMPTY: readonly never[] = Object.freeze([]);

export class Store implements EmulatorState {
  private data!: SeedData;
  private readonly userIndex = new Map<string, UserRecord>();
  private readonly emailIndex = new Map<string, UserRecord>();
  private readonly workspaceIndex = new Map<string, WorkspaceRecord>();
  private readonly membershipIndex = new Map<string, MembershipRecord>();
  private readonly byWorkspace = new Map<string, MembershipRecord[]>();
  private readonly activeByWorkspace = new Map<string, MembershipRecord[]>();
  private readonly byUser = new Map<string, MembershipRecord[]>();
  private readonly activeByPair = new Map<string, MembershipRecord>();
  private readonly oooIndex = new Map<string, OooEntryRecord>();
  private readonly oooByPair = new Map<string, OooEntryRecord[]>();
  private readonly derived = new Map<string, { version: number; value: unknown }>();
  /** Bumped by every mutation; derived lists and typeahead indexes are keyed by it. */
  private mutationVersion = 0;
  /** Roster changes applied since the last reset: varies the default seed of random ones. */
  private rosterChanges = 0;

  constructor(
    private readonly seed: number,
    private readonly bigWorkspaceMembers: number,
  ) {
    this.reset();
  }

  get version(): number {
    return this.mutationVersion;
  }

  get users(): readonly UserRecord[] {
    return this.data.users;
  }

  get workspaces(): readonly WorkspaceRecord[] {
    return this.data.workspaces;
  }

  get memberships(): readonly MembershipRecord[] {
    return this.data.memberships;
  }

  get oooEntries(): readonly OooEntryRecord[] {
    return this.data.oooEntries;
  }

  get rosterChangeCount(): number {
    return this.rosterChanges;
  }

  get seedInfo(): SeedInfo {
    return this.data.info;
  }

  get seedTokens(): SeedTokens {
    return this.data.seedTokens;
  }

  reset(): void {
    this.data = seedData(this.seed, this.bigWorkspaceMembers);
    for (const map of [this.userIndex, this.emailIndex, this.workspaceIndex, this.membershipIndex, this.byWorkspace, this.activeByWorkspace, this.byUser, this.activeByPair, this.oooIndex, this.oooByPair, this.derived]) {
      map.clear();
    }
    this.rosterChanges = 0;
    for (const u of this.data.users) this.indexUser(u);
    for (const w of this.data.workspaces) {
      this.workspaceIndex.set(w.gid, w);
      this.byWorkspace.set(w.gid, []);
      this.activeByWorkspace.set(w.gid, []);
    }
    for (const m of this.data.memberships) this.indexMembership(m);
    for (const e of this.data.oooEntries) this.indexOooEntry(e);
    this.mutationVersion++;
  }

  // --- EmulatorState (read side)

  user(gid: string): UserRecord | undefined {
    return this.userIndex.get(gid);
  }

  userByEmail(email: string): UserRecord | undefined {
    return this.emailIndex.get(email.toLowerCase());
  }

  workspace(gid: string): WorkspaceRecord | undefined {
    return this.workspaceIndex.get(gid);
  }

  workspaceByName(name: string): WorkspaceRecord | undefined {
    return this.data.workspaces.find((w) => w.name === name);
  }

  membership(gid: string): MembershipRecord | undefined {
    return this.membershipIndex.get(gid);
  }

  membershipsOf(workspaceGid: string, query: MembershipQuery = {}): readonly MembershipRecord[] {
    return (query.activeOnly ? this.activeByWorkspace : this.byWorkspace).get(workspaceGid) ?? EMPTY;
  }

  membershipsOfUser(userGid: string): readonly MembershipRecord[] {
    return this.byUser.get(userGid) ?? EMPTY;
  }

  activeMembership(workspaceGid: string, userGid: string): MembershipRecord | undefined {
    return this.activeByPair.get(pairKey(workspaceGid, userGid));
  }

  oooEntry(gid: string): OooEntryRecord | undefined {
    return this.oooIndex.get(gid);
  }

  oooEntriesOf(workspaceGid: string, userGid: string): readonly OooEntryRecord[] {
    return this.oooByPair.get(pairKey(workspaceGid, userGid)) ?? EMPTY;
  }

  userForToken(token: string): UserRecord | undefined {
    const gid = this.data.tokens.get(token);
    return gid === undefined ? undefined : this.userIndex.get(gid);
  }

  // --- Derived, cached until the next mutation

  /** Gids of the workspaces where the user is an active member, in gid order. */
  visibleWorkspaceGids(userGid: string): readonly string[] {
    return this.memo(`visible:${userGid}`, () =>
      this.membershipsOfUser(userGid)
        .filter((m) => m.is_active)
        .map((m) => m.workspace)
        .sort(compareGid),
    );
  }

  /** Users with an active membership in the workspace, in gid order. */
  activeUsersByGid(workspaceGid: string): readonly UserRecord[] {
    return this.memo(`usersByGid:${workspaceGid}`, () => this.activeUsers(workspaceGid).sort((a, b) => compareGid(a.gid, b.gid)));
  }

  /** Users with an active membership in the workspace, alphabetically (then by gid). */
  activeUsersByName(workspaceGid: string): readonly UserRecord[] {
    return this.memo(`usersByName:${workspaceGid}`, () => {
      // Fold each name once, not once per comparison.
      const keyed = this.activeUsers(workspaceGid).map((user) => ({ user, key: fold(user.name) }));
      keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : compareText(a.user.name, b.user.name) || compareGid(a.user.gid, b.user.gid)));
      return keyed.map((k) => k.user);
    });
  }

  /** Caches a value derived from the data until the next mutation. */
  memo<T>(key: string, build: () => T): T {
    const hit = this.derived.get(key);
    if (hit && hit.version === this.mutationVersion) return hit.value as T;
    const value = build();
    this.derived.set(key, { version: this.mutationVersion, value });
    return value;
  }

  // --- Mutations

  renameWorkspace(ws: WorkspaceRecord, name: string): void {
    ws.name = name;
    this.mutationVersion++;
  }

  createUser(name: string, email: string): UserRecord {
    const gid = String(this.data.next.user++);
    const user: UserRecord = { gid, name, email: email.toLowerCase(), photo: null };
    this.data.users.push(user);
    this.indexUser(user);
    this.mutationVersion++;
    return user;
  }

  addMembership(ws: WorkspaceRecord, user: UserRecord, opts: NewMembership): MembershipRecord {
    const key = userTaskListKey(user.gid, ws.gid);
    let utl = this.data.userTaskLists.get(key);
    if (utl === undefined) {
      utl = String(this.data.next.userTaskList++);
      this.data.userTaskLists.set(key, utl);
    }
    const m: MembershipRecord = {
      gid: String(this.data.next.membership++),
      user: user.gid,
      workspace: ws.gid,
      is_active: true,
      is_admin: opts.isAdmin ?? false,
      is_guest: opts.isGuest,
      is_view_only: opts.isViewOnly ?? false,
      created_at: new Date().toISOString(),
      vacation_dates: null,
      user_task_list: utl,
    };
    // New gids are the largest so far, so appending keeps every list in gid order.
    this.data.memberships.push(m);
    this.indexMembership(m);
    this.mutationVersion++;
    return m;
  }

  deactivate(m: MembershipRecord): void {
    if (!m.is_active) return;
    m.is_active = false;
    this.activeByPair.delete(pairKey(m.workspace, m.user));
    const active = this.activeByWorkspace.get(m.workspace);
    if (active) {
      const i = active.indexOf(m);
      if (i >= 0) active.splice(i, 1);
    }
    this.mutationVersion++;
  }

  /** A role change keeps the membership (gid, created_at, My Tasks); only its flags change. */
  setRole(m: MembershipRecord, flags: RoleFlags): void {
    m.is_admin = flags.isAdmin ?? false;
    m.is_guest = flags.isGuest;
    m.is_view_only = flags.isViewOnly ?? false;
    this.mutationVersion++;
  }

  noteRosterChange(): void {
    this.rosterChanges++;
  }

  private activeUsers(workspaceGid: string): UserRecord[] {
    const out: UserRecord[] = [];
    for (const m of this.membershipsOf(workspaceGid, { activeOnly: true })) {
      const u = this.userIndex.get(m.user);
      if (u) out.push(u);
    }
    return out;
  }

  private indexUser(u: UserRecord): void {
    this.userIndex.set(u.gid, u);
    this.emailIndex.set(u.email.toLowerCase(), u);
  }

  private indexMembership(m: MembershipRecord): void {
    this.membershipIndex.set(m.gid, m);
    this.byWorkspace.get(m.workspace)?.push(m);
    let mine = this.byUser.get(m.user);
    if (!mine) this.byUser.set(m.user, (mine = []));
    mine.push(m);
    if (m.is_active) {
      this.activeByWorkspace.get(m.workspace)?.push(m);
      this.activeByPair.set(pairKey(m.workspace, m.user), m);
    }
  }

  private indexOooEntry(e: OooEntryRecord): void {
    this.oooIndex.set(e.gid, e);
    const key = pairKey(e.workspace, e.user);
    let list = this.oooByPair.get(key);
    if (!list) this.oooByPair.set(key, (list = []));
    list.push(e);
  }
}

function pairKey(workspaceGid: string, userGid: string): string {
  return `${workspaceGid}/${userGid}`;
}
