/**
 * The emulator's public types. Other test suites code against these, so names and shapes are
 * stable; records use the API's snake_case field names so a test can compare them with responses.
 */

export interface SeedTokens {
  /** Admin of the big organization ("Acme Corp"); plain member of "Design Guild" and "Personal Projects". */
  admin: string;
  /** Plain member of "Acme Corp" and "Design Guild"; admin of "Personal Projects". */
  member: string;
  /** Guest in "Acme Corp" only. */
  guest: string;
  /** A real user that belongs to no workspace. */
  outsider: string;
  /** A well-formed token that no user has (→ 401). */
  invalid: string;
  /** A second account: admin of "Northwind Traders" (a client organization), plain member of "Design Guild" only. */
  consultant: string;
}

export type LatencySpec = number | [number, number];

export interface ConcurrencyLimits {
  reads: number;
  writes: number;
}

export interface EmulatorOptions {
  host?: string;
  port?: number;
  seed?: number;
  sizes?: { bigWorkspaceMembers?: number };
  latencyMs?: LatencySpec;
  rateLimitPerMinute?: number | null;
  concurrency?: ConcurrencyLimits | null;
  offsetTtlMs?: number;
  /** Serve https with this key and certificate (PEM), e.g. from a throwaway CA a test made; the base URL then starts with https://. */
  tls?: { key: string; cert: string };
}

export type RuntimeOptions = Pick<EmulatorOptions, 'latencyMs' | 'rateLimitPerMinute' | 'concurrency' | 'offsetTtlMs'>;

export type FaultKind =
  | 'latency'
  | 'status'
  | 'drop'
  | 'reset-mid-body'
  | 'malformed-json'
  | 'missing-field'
  | 'extra-field'
  // A list answered with no records and no next page, whatever the emulator holds: an answer the
  // seeded data never gives (e.g. no membership of your own in a workspace you can see).
  | 'empty-list'
  | 'hang'
  // Hostile servers (see faults.ts): bodies too big to hold, bodies that never end or crawl, offsets that cycle.
  | 'huge-body'
  | 'endless-body'
  | 'trickle'
  | 'cycle-offsets';

export interface FaultRule {
  /** A user gid: only requests whose token belongs to this user match, e.g. to refuse one account of several. */
  user?: string;
  method?: string;
  /** A route template ('GET /workspaces/{workspace_gid}' or '/workspaces/{workspace_gid}') or a RegExp source tested against the path. */
  route?: string;
  times?: number;
  after?: number;
  kind: FaultKind;
  latencyMs?: number;
  status?: number;
  retryAfter?: string | null;
  phrase?: string;
  message?: string;
  field?: string;
  /** huge-body: how many bytes of padding (default 64 MiB). */
  bytes?: number;
  /** huge-body: send a Content-Length (default: chunked, so only counting while reading finds out). */
  declareLength?: boolean;
  /** trickle, endless-body: bytes per write (default 64 KiB for endless-body; trickle: see intervalMs). */
  chunkBytes?: number;
  /** trickle, endless-body: pause between writes (endless-body default 0: as fast as the socket takes it). */
  intervalMs?: number;
  /** cycle-offsets: how many distinct offsets the cycle has (default 2: a, b, a, b…). */
  cycleLength?: number;
}

/** A rule as listed back, with its id and how often it has matched and fired. */
export interface FaultRuleInfo extends FaultRule {
  id: string;
  matched: number;
  applied: number;
}

export interface FaultController {
  add(rule: FaultRule): string;
  remove(id: string): void;
  clear(): void;
  list(): FaultRuleInfo[];
}

export interface InFlight {
  reads: number;
  writes: number;
}

export interface Counters {
  total: number;
  byRoute: Record<string, number>;
  /**
   * Which account made each request: user gid (or 'unauthenticated' for a 401) → route key → count.
   * Requests for no route are not in it: they are refused before anyone is asked for a token.
   */
  byUser: Record<string, Record<string, number>>;
  inFlight: InFlight;
  maxInFlight: InFlight;
  rejected429: number;
  reset(): void;
}

export interface PhotoRecord {
  image_21x21: string;
  image_27x27: string;
  image_36x36: string;
  image_60x60: string;
  image_128x128: string;
  image_1024x1024: string;
}

export interface UserRecord {
  readonly gid: string;
  name: string;
  email: string;
  photo: PhotoRecord | null;
}

export interface WorkspaceRecord {
  readonly gid: string;
  name: string;
  is_organization: boolean;
  email_domains: string[];
}

export interface VacationDates {
  start_on: string;
  end_on: string | null;
}

export interface MembershipRecord {
  readonly gid: string;
  /** User gid. */
  readonly user: string;
  /** Workspace gid. */
  readonly workspace: string;
  is_active: boolean;
  is_admin: boolean;
  is_guest: boolean;
  is_view_only: boolean;
  readonly created_at: string;
  vacation_dates: VacationDates | null;
  /** Gid of the user's "My Tasks" list in that workspace. */
  readonly user_task_list: string;
}

/** An out-of-office period of one user in one workspace (GET /ooo_entries). Dates are YYYY-MM-DD, both inclusive. */
export interface OooEntryRecord {
  readonly gid: string;
  /** User gid: who is out. */
  readonly user: string;
  /** Workspace gid. */
  readonly workspace: string;
  start_date: string;
  end_date: string;
  /** User gid of whoever entered it (usually the user; sometimes an admin). */
  readonly created_by: string;
}

/** A role as the admin console names it; the seed never combines the membership flags. */
export type RosterRole = 'member' | 'admin' | 'guest' | 'view-only';

export interface RosterJoin {
  name: string;
  email: string;
  /** Default: `guest` for an email outside an organization's domains, else `member` (as addUser decides). */
  role?: RosterRole;
}

export interface RosterRoleChange {
  /** User gid or email. */
  user: string;
  role: RosterRole;
}

export interface RosterRandom {
  joins?: number;
  removals?: number;
  roleChanges?: number;
  /** PRNG seed; default: derived from the emulator's seed and how many roster changes came before. */
  seed?: number;
}

/** POST /__emulator/roster and Emulator.changeRoster: several roster changes applied at once, or none. */
export interface RosterChangeRequest {
  /** Workspace gid or exact name. */
  workspace: string;
  join?: RosterJoin[];
  /** User gids or emails. */
  remove?: string[];
  role?: RosterRoleChange[];
  random?: RosterRandom;
}

export interface RosterPerson {
  gid: string;
  name: string;
  email: string;
}

export interface RosterChangeResult {
  joined: (RosterPerson & { membershipGid: string })[];
  removed: RosterPerson[];
  roleChanged: (RosterPerson & { from: RosterRole; to: RosterRole })[];
}

/** Facts about the seeded data that tests need to find their way around. */
export interface SeedInfo {
  readonly seed: number;
  readonly workspaces: { readonly acme: string; readonly guild: string; readonly personal: string; readonly northwind: string };
  /** User gid behind each seed token. */
  readonly tokenUsers: {
    readonly admin: string;
    readonly member: string;
    readonly guest: string;
    readonly outsider: string;
    readonly consultant: string;
  };
  /** Users in Acme with an old inactive membership and a newer active one. */
  readonly readdedUserGids: readonly string[];
  /** Users whose only Acme membership is inactive. */
  readonly removedUserGids: readonly string[];
  /** Users with seeded OOO entries (see oooSeed.ts), in gid order. */
  readonly oooUserGids: readonly string[];
}

export interface MembershipQuery {
  activeOnly?: boolean;
}

/** Read access to the emulator's data. Arrays are live and ordered by gid; do not mutate them. */
export interface EmulatorState {
  readonly users: readonly Readonly<UserRecord>[];
  readonly workspaces: readonly Readonly<WorkspaceRecord>[];
  readonly memberships: readonly Readonly<MembershipRecord>[];
  readonly seedInfo: SeedInfo;
  user(gid: string): Readonly<UserRecord> | undefined;
  userByEmail(email: string): Readonly<UserRecord> | undefined;
  workspace(gid: string): Readonly<WorkspaceRecord> | undefined;
  workspaceByName(name: string): Readonly<WorkspaceRecord> | undefined;
  membership(gid: string): Readonly<MembershipRecord> | undefined;
  /** Memberships of a workspace, by gid; all of them unless `activeOnly`. */
  membershipsOf(workspaceGid: string, query?: MembershipQuery): readonly Readonly<MembershipRecord>[];
  /** Every membership of a user (active and inactive), by gid. */
  membershipsOfUser(userGid: string): readonly Readonly<MembershipRecord>[];
  /** The user's active membership in a workspace, if any. */
  activeMembership(workspaceGid: string, userGid: string): Readonly<MembershipRecord> | undefined;
  /** Every OOO entry, by gid. */
  readonly oooEntries: readonly Readonly<OooEntryRecord>[];
  oooEntry(gid: string): Readonly<OooEntryRecord> | undefined;
  /** A user's OOO entries in one workspace, by gid (which is start-date order for seeded ones). */
  oooEntriesOf(workspaceGid: string, userGid: string): readonly Readonly<OooEntryRecord>[];
  /** The user a token belongs to, if any. */
  userForToken(token: string): Readonly<UserRecord> | undefined;
}

export interface Emulator {
  readonly baseUrl: string;
  readonly origin: string;
  readonly tokens: SeedTokens;
  readonly state: EmulatorState;
  readonly faults: FaultController;
  readonly counters: Counters;
  configure(opts: Partial<RuntimeOptions>): void;
  expireOffsets(): void;
  /**
   * Joins, removals and role changes in one workspace, all validated before any is applied: an
   * invalid request throws (RosterError) and changes nothing. Offsets already issued stay valid.
   */
  changeRoster(request: RosterChangeRequest): RosterChangeResult;
  reset(): void;
  close(): Promise<void>;
}
