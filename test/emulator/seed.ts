/**
 * The seeded organization. Everything here is a pure function of (seed, sizes): two emulators
 * started with the same options hold the same data byte for byte, so a failure seen once can be
 * replayed.
 */
import { FIRST_NAMES, LAST_NAMES, NON_LATIN_NAMES } from './names';
import { compareGid } from './gid';
import { seedOooEntries, todayUtc } from './oooSeed';
import { digits, hex, mulberry32, pick, randInt, shuffle } from './prng';
import type { Rng } from './prng';
import { slug } from './text';
import type { MembershipRecord, OooEntryRecord, PhotoRecord, SeedInfo, SeedTokens, UserRecord, VacationDates, WorkspaceRecord } from './types';

export const DEFAULT_SEED = 1;
export const DEFAULT_BIG_WORKSPACE_MEMBERS = 10_000;

export const SEED_WORKSPACE_NAMES = {
  acme: 'Acme Corp',
  guild: 'Design Guild',
  personal: 'Personal Projects',
  northwind: 'Northwind Traders',
} as const;

export const SEED_EMAIL_DOMAINS = {
  acme: ['acme.test'],
  guild: ['guild.test'],
  personal: [] as string[],
  northwind: ['northwind.test'],
} as const;

/** The people behind the seed tokens; fixed so tests and screenshots can name them. */
export const SEED_USERS = {
  admin: { name: 'Zoë Ångström', email: 'zoe.angstrom@acme.test' },
  member: { name: '李雷', email: 'lei.li@acme.test' },
  guest: { name: "Renée O'Brien", email: 'renee.obrien@contractor.test' },
  outsider: { name: 'Oskar Lindqvist', email: 'oskar.lindqvist@elsewhere.test' },
  consultant: { name: 'Maya Okafor', email: 'maya.okafor@northwind.test' },
} as const;

/** First gid of each kind. Separate ranges make a gid's kind obvious in logs. */
export const GID_BASES = {
  workspace: 1_100_000_000_000_001,
  user: 1_200_000_000_000_001,
  membership: 1_300_000_000_000_001,
  userTaskList: 1_400_000_000_000_001,
  oooEntry: 1_500_000_000_000_001,
} as const;

/** Active members of the smaller seeded workspaces. */
export const SEED_GUILD_ACTIVE_MEMBERS = 41;
export const SEED_PERSONAL_ACTIVE_MEMBERS = 8;
export const SEED_NORTHWIND_ACTIVE_MEMBERS = 30;
/** Guild members drawn from the main stream; the consultant joins later, from her own stream. */
const GUILD_DRAWN_MEMBERS = SEED_GUILD_ACTIVE_MEMBERS - 1;
/**
 * The consultant and Northwind come from their own PRNG stream (seed ^ CONSULTANT_STREAM), drawn
 * after everything else, so adding them moved no earlier record, gid or token.
 */
const CONSULTANT_STREAM = 0x5eed15;

const GUEST_DOMAINS = ['contractor.test', 'partner.test', 'freelance.test'];
const DAY_MS = 86_400_000;

export interface SeedData {
  users: UserRecord[];
  workspaces: WorkspaceRecord[];
  memberships: MembershipRecord[];
  /** In gid order. */
  oooEntries: OooEntryRecord[];
  /** token → user gid */
  tokens: Map<string, string>;
  seedTokens: SeedTokens;
  info: SeedInfo;
  /** Next free gids, so records created at run time continue the seeded ranges. */
  next: { user: number; membership: number; userTaskList: number };
  /** userTaskListKey(user, workspace) → user task list gid; a re-added user keeps their My Tasks. */
  userTaskLists: Map<string, string>;
}

type AcmeRole = 'admin' | 'guest' | 'viewOnly' | 'readded' | 'plain';

interface MembershipFlags {
  active?: boolean;
  admin?: boolean;
  guest?: boolean;
  viewOnly?: boolean;
}

class SeedBuilder {
  readonly users: UserRecord[] = [];
  readonly workspaces: WorkspaceRecord[] = [];
  readonly memberships: MembershipRecord[] = [];
  readonly userTaskLists = new Map<string, string>();
  private readonly emailCounts = new Map<string, number>();
  private nextUser: number = GID_BASES.user;
  private nextMembership: number = GID_BASES.membership;
  private nextUserTaskList: number = GID_BASES.userTaskList;
  private clock = 0;

  constructor(private rng: Rng) {}

  /** Later additions draw from a stream of their own, so the records drawn before them keep their bytes. */
  useStream(rng: Rng): void {
    this.rng = rng;
  }

  get next(): SeedData['next'] {
    return { user: this.nextUser, membership: this.nextMembership, userTaskList: this.nextUserTaskList };
  }

  workspace(name: string, isOrganization: boolean, domains: readonly string[]): WorkspaceRecord {
    const ws: WorkspaceRecord = {
      gid: String(GID_BASES.workspace + this.workspaces.length),
      name,
      is_organization: isOrganization,
      email_domains: [...domains],
    };
    this.workspaces.push(ws);
    return ws;
  }

  fixedUser(name: string, email: string): UserRecord {
    this.emailCounts.set(email, 1);
    return this.addUser(name, email);
  }

  /** A random person; duplicate names get a numbered email, as directories do. */
  person(domain: string): UserRecord {
    let name: string;
    let local: string;
    if (this.rng() < 0.08) {
      const p = pick(this.rng, NON_LATIN_NAMES);
      name = p.name;
      local = p.local;
    } else {
      const first = pick(this.rng, FIRST_NAMES);
      const last = pick(this.rng, LAST_NAMES);
      name = `${first} ${last}`;
      local = `${slug(first)}.${slug(last)}`;
    }
    const base = `${local}@${domain}`;
    const n = (this.emailCounts.get(base) ?? 0) + 1;
    this.emailCounts.set(base, n);
    return this.addUser(name, n === 1 ? base : `${local}${n}@${domain}`);
  }

  startClock(atMs: number): void {
    this.clock = atMs;
  }

  membership(user: UserRecord, ws: WorkspaceRecord, stepMs: number, flags: MembershipFlags = {}): MembershipRecord {
    this.clock += 1 + Math.floor(this.rng() * 2 * stepMs);
    const key = userTaskListKey(user.gid, ws.gid);
    let utl = this.userTaskLists.get(key);
    if (utl === undefined) {
      utl = String(this.nextUserTaskList++);
      this.userTaskLists.set(key, utl);
    }
    const m: MembershipRecord = {
      gid: String(this.nextMembership++),
      user: user.gid,
      workspace: ws.gid,
      is_active: flags.active ?? true,
      is_admin: flags.admin ?? false,
      is_guest: flags.guest ?? false,
      is_view_only: flags.viewOnly ?? false,
      created_at: new Date(this.clock).toISOString(),
      vacation_dates: this.rng() < 0.012 ? this.vacation() : null,
      user_task_list: utl,
    };
    this.memberships.push(m);
    return m;
  }

  private vacation(): VacationDates {
    // Dated vacations lie far in the future so the "end_on in the past → null" rule never changes
    // seeded output; open-ended ones began in 2026, so some people are on vacation today, as in a
    // real organization, and stay so whatever the date.
    const open = this.rng() < 0.25;
    const offset = randInt(this.rng, 0, 700);
    if (open) return { start_on: isoDate(Date.UTC(2026, 0, 1) + (offset % 150) * DAY_MS), end_on: null };
    const start = Date.UTC(2031, 0, 1) + offset * DAY_MS;
    const end = start + randInt(this.rng, 1, 21) * DAY_MS;
    return { start_on: isoDate(start), end_on: isoDate(end) };
  }

  private addUser(name: string, email: string): UserRecord {
    const gid = String(this.nextUser++);
    const user: UserRecord = { gid, name, email, photo: this.rng() < 0.7 ? photo(gid, hex(this.rng, 12)) : null };
    this.users.push(user);
    return user;
  }
}

export function userTaskListKey(userGid: string, workspaceGid: string): string {
  return `${userGid}/${workspaceGid}`;
}

export function photo(gid: string, key: string): PhotoRecord {
  const base = `https://photos.asana.test/profile_photos/${gid}/${key}`;
  return {
    image_21x21: `${base}_21x21.png`,
    image_27x27: `${base}_27x27.png`,
    image_36x36: `${base}_36x36.png`,
    image_60x60: `${base}_60x60.png`,
    image_128x128: `${base}_128x128.png`,
    image_1024x1024: `${base}_1024x1024.jpg`,
  };
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function token(rng: Rng, userGid: string): string {
  return `2/${userGid}/${digits(rng, 16)}:${hex(rng, 32)}`;
}

/** Draws `count` distinct items, leaving the source untouched. */
function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  return shuffle(rng, [...items]).slice(0, Math.min(count, items.length));
}

/** `today` (YYYY-MM-DD) places the OOO entries that are relative to the date; everything else ignores it. */
export function generateSeed(seed: number = DEFAULT_SEED, bigWorkspaceMembers: number = DEFAULT_BIG_WORKSPACE_MEMBERS, today: string = todayUtc()): SeedData {
  const rng = mulberry32(seed);
  const b = new SeedBuilder(rng);

  const acme = b.workspace(SEED_WORKSPACE_NAMES.acme, true, SEED_EMAIL_DOMAINS.acme);
  const guild = b.workspace(SEED_WORKSPACE_NAMES.guild, true, SEED_EMAIL_DOMAINS.guild);
  const personal = b.workspace(SEED_WORKSPACE_NAMES.personal, false, SEED_EMAIL_DOMAINS.personal);

  const admin = b.fixedUser(SEED_USERS.admin.name, SEED_USERS.admin.email);
  const member = b.fixedUser(SEED_USERS.member.name, SEED_USERS.member.email);
  const guest = b.fixedUser(SEED_USERS.guest.name, SEED_USERS.guest.email);
  const outsider = b.fixedUser(SEED_USERS.outsider.name, SEED_USERS.outsider.email);

  // --- Acme: exactly `bigWorkspaceMembers` active members, plus removed and re-added history.
  const activeTarget = Math.max(3, Math.floor(bigWorkspaceMembers));
  const others = activeTarget - 3;
  const extraAdmins = Math.min(others, Math.max(1, Math.round(activeTarget / 2500)));
  const guests = Math.min(others - extraAdmins, Math.round(activeTarget * 0.02));
  const viewOnly = Math.min(others - extraAdmins - guests, Math.round(activeTarget * 0.03));
  const readded = Math.min(others - extraAdmins - guests - viewOnly, Math.max(1, Math.round(activeTarget / 3000)));
  const removed = Math.max(2, Math.round(activeTarget * 0.02));
  const roles: AcmeRole[] = shuffle(rng, [
    ...Array<AcmeRole>(extraAdmins).fill('admin'),
    ...Array<AcmeRole>(guests).fill('guest'),
    ...Array<AcmeRole>(viewOnly).fill('viewOnly'),
    ...Array<AcmeRole>(readded).fill('readded'),
    ...Array<AcmeRole>(others - extraAdmins - guests - viewOnly - readded).fill('plain'),
  ]);

  const acmeStart = Date.UTC(2016, 2, 1, 9, 0, 0);
  const acmeStep = (Date.UTC(2025, 5, 1) - acmeStart) / (3 + others + removed + readded);
  b.startClock(acmeStart);
  b.membership(admin, acme, acmeStep, { admin: true });
  b.membership(member, acme, acmeStep);
  b.membership(guest, acme, acmeStep, { guest: true });

  const plainAcme: UserRecord[] = [];
  const readdedUsers: UserRecord[] = [];
  const removedUsers: UserRecord[] = [];
  let slotsLeft = others + removed;
  let removedLeft = removed;
  let roleIndex = 0;
  while (slotsLeft > 0) {
    // Selection sampling: exactly `removed` removed users, spread evenly at random.
    if (rng() * slotsLeft < removedLeft) {
      const u = b.person('acme.test');
      b.membership(u, acme, acmeStep, { active: false });
      removedUsers.push(u);
      removedLeft--;
    } else {
      const role = roles[roleIndex++] ?? 'plain';
      const u = b.person(role === 'guest' ? pick(rng, GUEST_DOMAINS) : 'acme.test');
      if (role === 'readded') {
        // The old membership now; the active one is created at the end, i.e. later.
        b.membership(u, acme, acmeStep, { active: false });
        readdedUsers.push(u);
      } else {
        b.membership(u, acme, acmeStep, { admin: role === 'admin', guest: role === 'guest', viewOnly: role === 'viewOnly' });
        if (role === 'plain') plainAcme.push(u);
      }
    }
    slotsLeft--;
  }
  for (const u of readdedUsers) b.membership(u, acme, acmeStep);

  // --- Design Guild: two founders, some Acme people, its own people, one guest, one removed.
  b.startClock(Date.UTC(2019, 4, 13, 14, 0, 0));
  const guildStep = 6 * DAY_MS;
  const founders = [b.person('guild.test'), b.person('guild.test')];
  for (const f of founders) b.membership(f, guild, guildStep, { admin: true });
  const fromAcme = sample(rng, plainAcme, 20);
  const guildOwnCount = GUILD_DRAWN_MEMBERS - founders.length - 2 - fromAcme.length - 1;
  type Join = { user: UserRecord; flags: MembershipFlags };
  const joins: Join[] = [
    { user: admin, flags: {} },
    { user: member, flags: {} },
    ...fromAcme.map((user) => ({ user, flags: {} })),
    ...Array.from({ length: guildOwnCount }, () => ({ user: b.person('guild.test'), flags: {} })),
    { user: b.person(pick(rng, GUEST_DOMAINS)), flags: { guest: true } },
    { user: b.person('guild.test'), flags: { active: false } },
  ];
  for (const j of shuffle(rng, joins)) b.membership(j.user, guild, guildStep, j.flags);

  // --- Personal Projects: a plain workspace the `member` user administers; `admin` is a plain member.
  b.startClock(Date.UTC(2021, 8, 1, 8, 30, 0));
  const personalStep = 30 * DAY_MS;
  b.membership(member, personal, personalStep, { admin: true });
  b.membership(admin, personal, personalStep);
  const friends = [...sample(rng, plainAcme.filter((u) => !fromAcme.includes(u)), 3)];
  while (friends.length < SEED_PERSONAL_ACTIVE_MEMBERS - 2) friends.push(b.person('mail.test'));
  for (const f of friends) b.membership(f, personal, personalStep);

  const drawnTokens: Omit<SeedTokens, 'consultant'> = {
    admin: token(rng, admin.gid),
    member: token(rng, member.gid),
    guest: token(rng, guest.gid),
    outsider: token(rng, outsider.gid),
    invalid: token(rng, '1299999999999999'),
  };
  const tokens = new Map<string, string>([
    [drawnTokens.admin, admin.gid],
    [drawnTokens.member, member.gid],
    [drawnTokens.guest, guest.gid],
    [drawnTokens.outsider, outsider.gid],
  ]);

  // --- A second account beside the admin's: Maya, a consultant who administers her client's
  // organization and is a plain member of Design Guild, the workspace she shares with Zoë.
  // Everything here comes after every draw above, from its own stream, with gids past the earlier
  // ones, so no earlier record, gid or token moved.
  const firstConsultantMembership = b.next.membership;
  const extra = mulberry32(seed ^ CONSULTANT_STREAM);
  b.useStream(extra);
  const northwind = b.workspace(SEED_WORKSPACE_NAMES.northwind, true, SEED_EMAIL_DOMAINS.northwind);
  const consultant = b.fixedUser(SEED_USERS.consultant.name, SEED_USERS.consultant.email);
  b.startClock(Date.UTC(2023, 2, 6, 10, 0, 0));
  b.membership(consultant, guild, DAY_MS);
  // The client's own IT admin set Northwind up and made her an admin too, so she is not its last one.
  b.startClock(Date.UTC(2024, 0, 8, 9, 0, 0));
  const northwindStep = 5 * DAY_MS;
  b.membership(b.person('northwind.test'), northwind, northwindStep, { admin: true });
  b.membership(consultant, northwind, northwindStep, { admin: true });
  const northwindJoins: Join[] = [
    ...Array.from({ length: SEED_NORTHWIND_ACTIVE_MEMBERS - 3 }, () => ({ user: b.person('northwind.test'), flags: {} })),
    { user: b.person(pick(extra, GUEST_DOMAINS)), flags: { guest: true } },
    { user: b.person('northwind.test'), flags: { active: false } },
  ];
  for (const j of shuffle(extra, northwindJoins)) b.membership(j.user, northwind, northwindStep, j.flags);
  const seedTokens: SeedTokens = { ...drawnTokens, consultant: token(extra, consultant.gid) };
  tokens.set(seedTokens.consultant, consultant.gid);

  const byGid = (a: { gid: string }, c: { gid: string }): number => (a.gid < c.gid ? -1 : a.gid > c.gid ? 1 : 0);
  b.users.sort(byGid);
  b.memberships.sort(byGid);

  const baseInfo = {
    seed,
    workspaces: { acme: acme.gid, guild: guild.gid, personal: personal.gid, northwind: northwind.gid },
    tokenUsers: { admin: admin.gid, member: member.gid, guest: guest.gid, outsider: outsider.gid, consultant: consultant.gid },
    readdedUserGids: readdedUsers.map((u) => u.gid),
    removedUserGids: removedUsers.map((u) => u.gid),
  };
  // OOO entries come from the memberships that predate the consultant: her Guild membership (last
  // in gid order) might otherwise carry a dated vacation and take an entry from someone else.
  const earlier = b.memberships.filter((m) => Number(m.gid) < firstConsultantMembership);
  const oooEntries = seedOooEntries({ seed, today, firstGid: GID_BASES.oooEntry, memberships: earlier, info: baseInfo });
  const oooUserGids = [...new Set(oooEntries.map((e) => e.user))].sort(compareGid);

  return {
    users: b.users,
    workspaces: b.workspaces,
    memberships: b.memberships,
    oooEntries,
    tokens,
    seedTokens,
    info: { ...baseInfo, oooUserGids },
    next: b.next,
    userTaskLists: b.userTaskLists,
  };
}

/** Templates by (seed, size): generating 10,000 people takes ~60 ms, copying them a few. */
const templates = new Map<string, SeedData>();
const MAX_TEMPLATES = 4;

/** A fresh, mutable copy of the seeded data; the same bytes as generateSeed(seed, size). */
export function seedData(seed: number, bigWorkspaceMembers: number, today: string = todayUtc()): SeedData {
  const key = `${seed}/${bigWorkspaceMembers}/${today}`;
  let t = templates.get(key);
  if (!t) {
    t = generateSeed(seed, bigWorkspaceMembers, today);
    if (templates.size >= MAX_TEMPLATES) templates.delete(templates.keys().next().value as string);
    templates.set(key, t);
  }
  return {
    // Photos are replaced, never edited, so they can be shared.
    users: t.users.map((u) => ({ ...u })),
    workspaces: t.workspaces.map((w) => ({ ...w, email_domains: [...w.email_domains] })),
    memberships: t.memberships.map((m) => ({ ...m, vacation_dates: m.vacation_dates && { ...m.vacation_dates } })),
    oooEntries: t.oooEntries.map((e) => ({ ...e })),
    tokens: new Map(t.tokens),
    seedTokens: { ...t.seedTokens },
    info: t.info,
    next: { ...t.next },
    userTaskLists: new Map(t.userTaskLists),
  };
}
