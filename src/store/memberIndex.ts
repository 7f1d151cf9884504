/**
 * The members of one workspace as the extension knows them: memberships by id and by person,
 * emails, each role group in name order, and a search over names and emails. Changes come in
 * batches (a page, an add, a removal); each batch reports which groups it touched.
 */
import type { Membership } from '../asana/schemas';
import { foldText, isAscii } from './foldText';
import { groupOf, MEMBER_GROUPS, type MemberGroup } from './memberRoles';
import { SortedRows } from './sortedRows';

interface Entry {
  membership: Membership;
  group: MemberGroup;
  key: string;
}

export interface FoundMember {
  readonly membership: Membership;
  readonly email: string | undefined;
}

export class MemberIndex {
  private readonly entries = new Map<string, Entry>();
  /** The membership shown for a person: the active one when a removal and a re-add left two. */
  private readonly byUser = new Map<string, string>();
  private readonly emails = new Map<string, string>();
  private readonly groups = new Map<MemberGroup, SortedRows>(MEMBER_GROUPS.map((g) => [g, new SortedRows()]));
  private readonly versions = new Map<MemberGroup, number>(MEMBER_GROUPS.map((g) => [g, 0]));
  /** Folded "name words + email" per membership, for search without folding on every keystroke. */
  private readonly haystacks = new Map<string, string>();

  get size(): number {
    return this.entries.size;
  }

  get activeCount(): number {
    return this.entries.size - this.groups.get('inactive')!.length;
  }

  /** Changes whenever the group's rows (or their emails) change: a key for caches of derived lists. */
  version(group: MemberGroup): number {
    return this.versions.get(group)!;
  }

  count(group: MemberGroup): number {
    return this.groups.get(group)!.length;
  }

  membership(membershipGid: string): Membership | undefined {
    return this.entries.get(membershipGid)?.membership;
  }

  byUserGid(userGid: string): Membership | undefined {
    const gid = this.byUser.get(userGid);
    return gid === undefined ? undefined : this.entries.get(gid)?.membership;
  }

  emailOf(userGid: string): string | undefined {
    return this.emails.get(userGid);
  }

  /** The person with this email (any case), if their email is known: a scan, for a handful of lookups. */
  userGidOfEmail(email: string): string | undefined {
    const wanted = email.toLowerCase();
    for (const [userGid, known] of this.emails) if (known.toLowerCase() === wanted) return userGid;
    return undefined;
  }

  groupOf(membershipGid: string): MemberGroup | undefined {
    return this.entries.get(membershipGid)?.group;
  }

  /** Position of a membership within its group's name order. */
  positionOf(membershipGid: string): number {
    const entry = this.entries.get(membershipGid);
    return entry ? this.groups.get(entry.group)!.indexOf(entry.key) : -1;
  }

  /** Memberships of a group in name order, from `start` to `end` (exclusive). */
  slice(group: MemberGroup, start: number, end: number): Membership[] {
    return this.groups
      .get(group)!
      .slice(start, end)
      .map((row) => this.entries.get(row.gid)!.membership);
  }

  /** Every membership, group by group, each in name order: for exports. */
  all(): Membership[] {
    return MEMBER_GROUPS.flatMap((g) => this.slice(g, 0, this.count(g)));
  }

  /** Adds or replaces memberships; returns the groups whose rows changed. */
  upsertMany(memberships: readonly Membership[]): Set<MemberGroup> {
    const touched = new Set<MemberGroup>();
    const added = new Map<MemberGroup, { key: string; gid: string }[]>();
    const removed = new Map<MemberGroup, Set<string>>();
    for (const m of memberships) {
      const old = this.entries.get(m.gid);
      const group = groupOf(m);
      const name = foldText(m.user.name);
      const key = `${name}\u0000${m.gid}`;
      if (old) {
        if (old.group === group && old.key === key) {
          old.membership = m;
          touched.add(group);
          this.indexUser(m);
          continue;
        }
        let set = removed.get(old.group);
        if (!set) removed.set(old.group, (set = new Set()));
        set.add(old.key);
        touched.add(old.group);
      }
      this.entries.set(m.gid, { membership: m, group, key });
      let list = added.get(group);
      if (!list) added.set(group, (list = []));
      list.push({ key, gid: m.gid });
      touched.add(group);
      this.indexUser(m);
      // Once per member while a listing streams in: here if the email came first, else when it comes (setEmails).
      if (this.emails.has(m.user.gid)) this.haystacks.set(m.gid, this.buildHaystack(m, name));
      else this.haystacks.delete(m.gid);
    }
    for (const [group, keys] of removed) this.groups.get(group)!.removeMany(keys);
    for (const [group, rows] of added) this.groups.get(group)!.insertMany(rows);
    this.bump(touched);
    return touched;
  }

  setEmails(pairs: Iterable<readonly [userGid: string, email: string]>): void {
    const touched = new Set<MemberGroup>();
    for (const [userGid, email] of pairs) {
      this.emails.set(userGid, email);
      const gid = this.byUser.get(userGid);
      if (gid === undefined) continue;
      const entry = this.entries.get(gid)!;
      this.haystacks.set(gid, this.buildHaystack(entry.membership));
      touched.add(entry.group);
    }
    this.bump(touched);
  }

  /** Removes a membership (the store learned it no longer exists); returns its group. */
  delete(membershipGid: string): MemberGroup | undefined {
    const entry = this.entries.get(membershipGid);
    if (!entry) return undefined;
    this.entries.delete(membershipGid);
    this.groups.get(entry.group)!.remove(entry.key);
    this.haystacks.delete(membershipGid);
    if (this.byUser.get(entry.membership.user.gid) === membershipGid) this.byUser.delete(entry.membership.user.gid);
    this.bump(new Set([entry.group]));
    return entry.group;
  }

  /**
   * Active members matching every word of the query at the start of a word of their name or email
   * (accents and case ignored); those whose name starts with the query first, then by name.
   */
  search(query: string, limit: number): FoundMember[] {
    const folded = foldText(query).trim();
    const words = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.length === 0) return [];
    const needles = words.map((w) => ` ${w}`);
    // The best `limit` so far, kept sorted: a scan of 100,000 rows with a short list beside it.
    const best: { rank: number; key: string; entry: Entry }[] = [];
    for (const [gid, entry] of this.entries) {
      if (entry.group === 'inactive') continue;
      const haystack = this.haystack(gid, entry);
      if (!needles.every((n) => haystack.includes(n))) continue;
      const rank = haystack.startsWith(` ${folded}`) ? 0 : 1;
      if (best.length === limit) {
        const last = best[best.length - 1]!;
        if (rank > last.rank || (rank === last.rank && entry.key > last.key)) continue;
      }
      let i = best.length;
      while (i > 0 && (best[i - 1]!.rank > rank || (best[i - 1]!.rank === rank && best[i - 1]!.key > entry.key))) i--;
      best.splice(i, 0, { rank, key: entry.key, entry });
      if (best.length > limit) best.pop();
    }
    return best.map(({ entry }) => ({ membership: entry.membership, email: this.emails.get(entry.membership.user.gid) }));
  }

  private bump(groups: ReadonlySet<MemberGroup>): void {
    for (const g of groups) this.versions.set(g, this.versions.get(g)! + 1);
  }

  private indexUser(m: Membership): void {
    const current = this.byUser.get(m.user.gid);
    const currentActive = current !== undefined && this.entries.get(current)?.membership.is_active;
    if (current === undefined || current === m.gid || m.is_active || !currentActive) this.byUser.set(m.user.gid, m.gid);
  }

  private haystack(gid: string, entry: Entry): string {
    let text = this.haystacks.get(gid);
    if (text === undefined) this.haystacks.set(gid, (text = this.buildHaystack(entry.membership)));
    return text;
  }

  /** Built as members arrive, so that the first keystroke does not fold a hundred thousand names. */
  private buildHaystack(m: Membership, foldedName = foldText(m.user.name)): string {
    const email = foldText(this.emails.get(m.user.gid) ?? '');
    // Whole, then in words ("o'brien" → "o brien", "ada.lovelace@acme.test" → "ada lovelace acme test").
    // Joined from an array, not a template: one flat string of ~100 bytes per member, where a
    // template's rope kept its pieces alive (8 MB for 10,000 members, against 1 MB now).
    const text = ['', foldedName, words(foldedName), email, words(email)].join(' ');
    return /\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text;
  }
}

/** Folded text split at everything but letters and digits, joined by spaces. */
function words(folded: string): string {
  // Most names and every email are ASCII: a plain character class is several times faster than \p{…}.
  return (isAscii(folded) ? folded.split(/[^a-z0-9]+/) : folded.split(/[^\p{L}\p{N}]+/u)).join(' ');
}
