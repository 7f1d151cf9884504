/**
 * Seeded out-of-office entries. A separate PRNG stream (seed ^ OOO_STREAM) draws them, so adding
 * them left every other seeded byte as it was. They are the one part of the seed that depends on
 * the date: the demo user is out today, whatever today is, so a demo always shows one.
 */
import { mulberry32, randInt, shuffle } from './prng';
import type { MembershipRecord, OooEntryRecord, SeedInfo } from './types';

const OOO_STREAM = 0x000e_0e00;
const DAY_MS = 86_400_000;
/** Memberships whose dated vacation_dates become an identical OOO entry. */
const VACATION_ENTRIES = 4;
/** Other Acme people with entries; the first OUT_TODAY of them span today. */
const RANDOM_PEOPLE = 6;
const OUT_TODAY = 3;

export interface OooSeedInput {
  readonly seed: number;
  /** YYYY-MM-DD (UTC) the relative entries are placed around. */
  readonly today: string;
  readonly firstGid: number;
  /** In gid order. */
  readonly memberships: readonly MembershipRecord[];
  readonly info: Omit<SeedInfo, 'oooUserGids'>;
}

type Draft = Omit<OooEntryRecord, 'gid'>;

export function todayUtc(now: number = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function seedOooEntries(input: OooSeedInput): OooEntryRecord[] {
  const rng = mulberry32(input.seed ^ OOO_STREAM);
  const { today, info } = input;
  const { acme, guild, personal } = info.workspaces;
  const { admin, member } = info.tokenUsers;
  const drafts: Draft[] = [];
  const entry = (user: string, workspace: string, from: number, to: number, createdBy = user): void => {
    drafts.push({ user, workspace, start_date: addDays(today, from), end_date: addDays(today, to), created_by: createdBy });
  };

  // The demo user (admin token): a past trip, one spanning today, one ahead, so filters have work.
  entry(admin, acme, -120, -110);
  entry(admin, acme, -1, 6);
  entry(admin, acme, 40, 44);
  // The member token's user, out in two workspaces for the same trip.
  entry(member, acme, 14, 18);
  entry(member, personal, 14, 18);

  // People whose (deprecated) vacation_dates have an end: the same period as an OOO entry, so the two agree.
  const withVacation = input.memberships.filter(
    (m) => m.is_active && (m.workspace === acme || m.workspace === guild) && m.vacation_dates?.end_on != null,
  );
  for (const m of withVacation.slice(0, VACATION_ENTRIES)) {
    const v = m.vacation_dates;
    if (v?.end_on) drafts.push({ user: m.user, workspace: m.workspace, start_date: v.start_on, end_date: v.end_on, created_by: m.user });
  }

  // A few plain Acme members around today; an admin entered one of them for the person.
  const taken = new Set([admin, member, info.tokenUsers.guest, ...drafts.map((d) => d.user)]);
  const candidates = input.memberships.filter((m) => m.workspace === acme && m.is_active && !m.is_admin && !taken.has(m.user));
  const people = shuffle(rng, [...candidates]).slice(0, RANDOM_PEOPLE);
  people.forEach((m, i) => {
    const from = i < OUT_TODAY ? -randInt(rng, 0, 3) : randInt(rng, 2, 20);
    entry(m.user, acme, from, from + randInt(rng, i < OUT_TODAY ? 3 : 0, 9), i === 1 ? admin : m.user);
  });

  // A removed person keeps their old entry: history outlives the membership.
  const former = info.removedUserGids[0];
  if (former !== undefined) entry(former, acme, -60, -50);

  // Gids in start-date order, so a person's listing (in gid order) reads chronologically.
  drafts.sort((a, b) => (a.start_date < b.start_date ? -1 : a.start_date > b.start_date ? 1 : a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
  return drafts.map((d, i) => ({ gid: String(input.firstGid + i), ...d }));
}
