/**
 * Roster changes for tests and the demo (POST /__emulator/roster, Emulator.changeRoster): people
 * join, leave and change role between two looks of a client. The whole request is validated and
 * planned first and only then applied, through the Store's own mutations, so a bad request
 * changes nothing and a change looks exactly like the same change made through addUser/removeUser
 * (a removal deactivates, a re-join adds a second membership). Offsets stay valid: listings are
 * in gid order and resume after the last gid served, whatever joined or left in between.
 */
import { isGid } from './gid';
import { FIRST_NAMES, LAST_NAMES } from './names';
import { hash32, mulberry32, pick } from './prng';
import type { Rng } from './prng';
import { isEmail } from './routes/common';
import { joinsAsGuest } from './routes/memberships';
import type { RoleFlags, Store } from './state';
import { slug } from './text';
import type {
  MembershipRecord,
  RosterChangeRequest,
  RosterChangeResult,
  RosterJoin,
  RosterPerson,
  RosterRandom,
  RosterRole,
  RosterRoleChange,
  UserRecord,
  WorkspaceRecord,
} from './types';

export const ROSTER_ROLES: readonly RosterRole[] = ['member', 'admin', 'guest', 'view-only'];
/** Upper bound of each list and random count: plenty for a demo, quick to answer. */
export const MAX_ROSTER_CHANGES = 1000;
/** Where random joiners of a workspace without email domains get their address. */
const FALLBACK_DOMAIN = 'mail.test';

/** A request the emulator refuses; nothing was changed. The control API answers it as a 400. */
export class RosterError extends Error {
  override readonly name = 'RosterError';
}

function fail(message: string): never {
  throw new RosterError(message);
}

/** The seed sets at most one flag, so the role is whichever is set. */
export function roleOf(m: Pick<MembershipRecord, 'is_admin' | 'is_guest' | 'is_view_only'>): RosterRole {
  return m.is_admin ? 'admin' : m.is_guest ? 'guest' : m.is_view_only ? 'view-only' : 'member';
}

export function flagsOf(role: RosterRole): RoleFlags {
  return { isAdmin: role === 'admin', isGuest: role === 'guest', isViewOnly: role === 'view-only' };
}

interface PlannedJoin {
  /** undefined: a new person, created on apply. */
  readonly user: UserRecord | undefined;
  readonly name: string;
  readonly email: string;
  readonly role: RosterRole;
}

interface PlannedRemoval {
  readonly m: MembershipRecord;
  readonly user: UserRecord;
}

interface PlannedRole extends PlannedRemoval {
  readonly from: RosterRole;
  readonly to: RosterRole;
}

interface Plan {
  readonly ws: WorkspaceRecord;
  readonly removals: PlannedRemoval[];
  readonly roles: PlannedRole[];
  readonly joins: PlannedJoin[];
}

/** Validates, plans and applies; throws RosterError (having changed nothing) when anything is wrong. */
export function changeRoster(store: Store, body: unknown): RosterChangeResult {
  const plan = new Planner(store, parseRosterRequest(body)).plan();
  return apply(store, plan);
}

// --- Parsing: shapes only, so the planner works on typed values.

const TOP_KEYS = ['workspace', 'join', 'remove', 'role', 'random'];

export function parseRosterRequest(body: unknown): RosterChangeRequest {
  const o = object(body, 'body', TOP_KEYS);
  const workspace = o.workspace;
  if (typeof workspace !== 'string' || workspace.trim() === '') fail('workspace: Missing input: a workspace gid or its exact name');
  const request: RosterChangeRequest = { workspace: workspace.trim() };
  if (o.join !== undefined) request.join = list(o.join, 'join').map((j, i) => parseJoin(j, `join[${i}]`));
  if (o.remove !== undefined) request.remove = list(o.remove, 'remove').map((r, i) => text(r, `remove[${i}]`));
  if (o.role !== undefined) request.role = list(o.role, 'role').map((r, i) => parseRoleChange(r, `role[${i}]`));
  if (o.random !== undefined) request.random = parseRandom(o.random);
  const r = request.random;
  const total = (request.join?.length ?? 0) + (request.remove?.length ?? 0) + (request.role?.length ?? 0) + (r?.joins ?? 0) + (r?.removals ?? 0) + (r?.roleChanges ?? 0);
  if (total === 0) fail('Nothing to change: give "join", "remove", "role" or "random"');
  return request;
}

function object(value: unknown, at: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${at}: Must be a JSON object`);
  const o = value as Record<string, unknown>;
  // A misspelt key ("joins", "removals") would otherwise be a silent no-op.
  const unknown = Object.keys(o).filter((k) => !keys.includes(k));
  if (unknown.length > 0) fail(`${at}: Unknown field "${unknown[0]}"; expected ${keys.join(', ')}`);
  return o;
}

function list(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) fail(`${at}: Must be an array`);
  if (value.length > MAX_ROSTER_CHANGES) fail(`${at}: At most ${MAX_ROSTER_CHANGES} entries`);
  return value;
}

function text(value: unknown, at: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`${at}: Must be a non-empty string`);
  return value.trim();
}

function role(value: unknown, at: string): RosterRole {
  if (typeof value !== 'string' || !ROSTER_ROLES.includes(value as RosterRole)) fail(`${at}: Not a valid role: ${JSON.stringify(value)}; use ${ROSTER_ROLES.join(', ')}`);
  return value as RosterRole;
}

function parseJoin(value: unknown, at: string): RosterJoin {
  const o = object(value, at, ['name', 'email', 'role']);
  const join: RosterJoin = { name: text(o.name, `${at}.name`), email: text(o.email, `${at}.email`) };
  if (o.role !== undefined) join.role = role(o.role, `${at}.role`);
  return join;
}

function parseRoleChange(value: unknown, at: string): RosterRoleChange {
  const o = object(value, at, ['user', 'role']);
  return { user: text(o.user, `${at}.user`), role: role(o.role, `${at}.role`) };
}

function parseRandom(value: unknown): RosterRandom {
  const o = object(value, 'random', ['joins', 'removals', 'roleChanges', 'seed']);
  const random: RosterRandom = {};
  for (const key of ['joins', 'removals', 'roleChanges'] as const) {
    const n = o[key];
    if (n === undefined) continue;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_ROSTER_CHANGES) fail(`random.${key}: Must be an integer from 0 to ${MAX_ROSTER_CHANGES}`);
    random[key] = n;
  }
  if (o.seed !== undefined) {
    if (typeof o.seed !== 'number' || !Number.isSafeInteger(o.seed)) fail('random.seed: Must be an integer');
    random.seed = o.seed;
  }
  return random;
}

// --- Planning: every lookup and rule, nothing changed yet.

class Planner {
  private readonly ws: WorkspaceRecord;
  /** Users already named by some change: one change per person per request, so the order of applying cannot matter. */
  private readonly involved = new Set<string>();
  private readonly emails = new Set<string>();
  /** The people behind the seed tokens: random changes leave them alone so a signed-in test or demo keeps working. */
  private readonly protectedUsers: ReadonlySet<string>;

  constructor(
    private readonly store: Store,
    private readonly request: RosterChangeRequest,
  ) {
    const ref = request.workspace;
    const ws = (isGid(ref) ? store.workspace(ref) : undefined) ?? store.workspaceByName(ref);
    if (!ws) fail(`workspace: Unknown workspace "${ref}" (give its gid or exact name)`);
    this.ws = ws;
    this.protectedUsers = new Set(Object.values(store.seedInfo.tokenUsers));
  }

  plan(): Plan {
    const removals = (this.request.remove ?? []).map((ref, i) => this.removal(ref, `remove[${i}]`));
    const roles = (this.request.role ?? []).map((c, i) => this.roleChange(c, `role[${i}]`));
    const joins = (this.request.join ?? []).map((j, i) => this.join(j, `join[${i}]`));
    const random = this.request.random;
    if (random) {
      const seed = random.seed ?? hash32(`${this.store.seedInfo.seed}/roster/${this.store.rosterChangeCount}`);
      const rng = mulberry32(seed);
      removals.push(...this.randomRemovals(rng, random.removals ?? 0));
      roles.push(...this.randomRoleChanges(rng, random.roleChanges ?? 0));
      joins.push(...this.randomJoins(rng, random.joins ?? 0));
    }
    this.keepAnAdmin(removals, roles, joins);
    return { ws: this.ws, removals, roles, joins };
  }

  private user(ref: string, at: string): UserRecord {
    let user: UserRecord | undefined;
    if (ref.includes('@')) {
      if (!isEmail(ref)) fail(`${at}: Not a valid email address: "${ref}"`);
      user = this.store.userByEmail(ref);
    } else if (isGid(ref)) user = this.store.user(ref);
    else fail(`${at}: Not a user gid or email: "${ref}"`);
    if (!user) fail(`${at}: Unknown user "${ref}"`);
    return user;
  }

  private claim(user: UserRecord, at: string): void {
    if (this.involved.has(user.gid)) fail(`${at}: ${user.email} is named by more than one change`);
    this.involved.add(user.gid);
  }

  private active(user: UserRecord, at: string): MembershipRecord {
    const m = this.store.activeMembership(this.ws.gid, user.gid);
    if (!m) fail(`${at}: ${user.email} is not an active member of ${this.ws.name}`);
    return m;
  }

  /** Plain workspaces have no guests (addUser never makes one there, nor does the seed). */
  private checkRole(to: RosterRole, at: string): void {
    if (to === 'guest' && !this.ws.is_organization) fail(`${at}: ${this.ws.name} is not an organization, so it has no guests`);
  }

  private removal(ref: string, at: string): PlannedRemoval {
    const user = this.user(ref, at);
    this.claim(user, at);
    return { m: this.active(user, at), user };
  }

  private roleChange(change: RosterRoleChange, at: string): PlannedRole {
    const user = this.user(change.user, `${at}.user`);
    this.claim(user, at);
    const m = this.active(user, `${at}.user`);
    const from = roleOf(m);
    if (from === change.role) fail(`${at}.role: ${user.email} already is ${from}`);
    this.checkRole(change.role, `${at}.role`);
    return { m, user, from, to: change.role };
  }

  private join(join: RosterJoin, at: string): PlannedJoin {
    if (!isEmail(join.email)) fail(`${at}.email: Not a valid email address: "${join.email}"`);
    const email = join.email.toLowerCase();
    if (this.emails.has(email)) fail(`${at}.email: ${email} joins twice`);
    this.emails.add(email);
    const user = this.store.userByEmail(email);
    if (user) {
      this.claim(user, at);
      if (this.store.activeMembership(this.ws.gid, user.gid)) fail(`${at}.email: ${email} already is an active member of ${this.ws.name}`);
    }
    // Without a role, Asana's own rule: an outside email joins an organization as a guest.
    const role = join.role ?? (joinsAsGuest(this.ws, { email }) ? 'guest' : 'member');
    this.checkRole(role, `${at}.role`);
    return { user, name: user?.name ?? join.name, email: user?.email ?? email, role };
  }

  /** Active members that random changes may touch: no seed-token user, no admin, nobody already named. */
  private candidates(extra: (m: MembershipRecord) => boolean): MembershipRecord[] {
    return this.store
      .membershipsOf(this.ws.gid, { activeOnly: true })
      .filter((m) => !m.is_admin && !this.protectedUsers.has(m.user) && !this.involved.has(m.user) && extra(m));
  }

  private draw(rng: Rng, from: MembershipRecord[], count: number, what: string): MembershipRecord[] {
    if (count > from.length) fail(`random.${what}: Only ${from.length} members of ${this.ws.name} can be picked, asked for ${count}`);
    // Partial Fisher–Yates: `count` distinct picks, in gid order of the candidates, for any size.
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(rng() * (from.length - i));
      const tmp = from[i] as MembershipRecord;
      from[i] = from[j] as MembershipRecord;
      from[j] = tmp;
    }
    return from.slice(0, count);
  }

  private randomRemovals(rng: Rng, count: number): PlannedRemoval[] {
    if (count === 0) return [];
    return this.draw(rng, this.candidates(() => true), count, 'removals').map((m) => {
      const user = this.store.user(m.user) as UserRecord;
      this.involved.add(user.gid);
      return { m, user };
    });
  }

  /** Guests are left out: their role follows from their outside email. */
  private randomRoleChanges(rng: Rng, count: number): PlannedRole[] {
    if (count === 0) return [];
    return this.draw(rng, this.candidates((m) => !m.is_guest), count, 'roleChanges').map((m) => {
      const user = this.store.user(m.user) as UserRecord;
      this.involved.add(user.gid);
      const from = roleOf(m);
      const to = pick(rng, (['member', 'view-only', 'admin'] as const).filter((r) => r !== from));
      return { m, user, from, to };
    });
  }

  /** New people with the seed's kind of names, at the workspace's first domain. */
  private randomJoins(rng: Rng, count: number): PlannedJoin[] {
    const domain = this.ws.email_domains[0] ?? FALLBACK_DOMAIN;
    const out: PlannedJoin[] = [];
    for (let i = 0; i < count; i++) {
      const first = pick(rng, FIRST_NAMES);
      const last = pick(rng, LAST_NAMES);
      const local = `${slug(first)}.${slug(last)}`;
      let email = `${local}@${domain}`;
      for (let n = 2; this.emails.has(email) || this.store.userByEmail(email); n++) email = `${local}${n}@${domain}`;
      this.emails.add(email);
      out.push({ user: undefined, name: `${first} ${last}`, email, role: 'member' });
    }
    return out;
  }

  /** Asana refuses to remove the last admin (removeUser does too); a demotion must not sneak past that. */
  private keepAnAdmin(removals: PlannedRemoval[], roles: PlannedRole[], joins: PlannedJoin[]): void {
    let admins = this.store.membershipsOf(this.ws.gid, { activeOnly: true }).filter((m) => m.is_admin).length;
    admins -= removals.filter((r) => r.m.is_admin).length;
    for (const r of roles) admins += (r.to === 'admin' ? 1 : 0) - (r.from === 'admin' ? 1 : 0);
    admins += joins.filter((j) => j.role === 'admin').length;
    if (admins < 1) fail(`This would leave ${this.ws.name} without an admin`);
  }
}

// --- Applying: only Store mutations, which cannot fail here.

function person(user: UserRecord): RosterPerson {
  return { gid: user.gid, name: user.name, email: user.email };
}

function apply(store: Store, plan: Plan): RosterChangeResult {
  const result: RosterChangeResult = { joined: [], removed: [], roleChanged: [] };
  for (const { m, user } of plan.removals) {
    store.deactivate(m);
    result.removed.push(person(user));
  }
  for (const { m, user, from, to } of plan.roles) {
    store.setRole(m, flagsOf(to));
    result.roleChanged.push({ ...person(user), from, to });
  }
  for (const j of plan.joins) {
    const user = j.user ?? store.createUser(j.name, j.email);
    // A user whose old membership is inactive gets a new one beside it, as addUser does.
    const m = store.addMembership(plan.ws, user, flagsOf(j.role));
    result.joined.push({ ...person(user), membershipGid: m.gid });
  }
  store.noteRosterChange();
  return result;
}
