/**
 * Typeahead ranking for users. Real typeahead is "fast, not exhaustive" and ordered by how often
 * the caller contacts someone; the emulator makes that deterministic:
 *   tier 0: every query word is a prefix of a word of the name ("zo ang" → "Zoë Ångström"),
 *   tier 1: the email starts with the query,
 *   tier 2: the name or email contains the query,
 * then a per-(caller, user) contact score (a stable hash), then name, then gid. An empty query
 * ranks everyone by contact score. Matching ignores case and accents.
 */
import { compareGid } from './gid';
import { hash32 } from './prng';
import { compareText, fold, words } from './text';
import type { UserRecord } from './types';

export interface TypeaheadEntry {
  readonly user: UserRecord;
  readonly words: readonly string[];
  readonly name: string;
  readonly email: string;
}

interface Candidate {
  entry: TypeaheadEntry;
  tier: number;
  score: number;
}

export function buildTypeaheadIndex(users: readonly UserRecord[]): TypeaheadEntry[] {
  return users.map((user) => ({ user, words: words(user.name), name: fold(user.name), email: user.email.toLowerCase() }));
}

/** How much `callerGid` "contacts" `userGid`: stable across runs, different per caller. */
export function contactScore(callerGid: string, userGid: string): number {
  return hash32(`${callerGid}>${userGid}`);
}

export function rankUsers(index: readonly TypeaheadEntry[], query: string, count: number, callerGid: string): UserRecord[] {
  const q = fold(query).trim();
  const qWords = words(query);
  const qCompact = q.replace(/\s+/g, '');
  const top: Candidate[] = [];
  for (const entry of index) {
    const tier = q === '' ? 0 : tierOf(entry, q, qWords, qCompact);
    if (tier < 0) continue;
    const c: Candidate = { entry, tier, score: contactScore(callerGid, entry.user.gid) };
    // Bounded insertion keeps this O(n) for the common case instead of sorting every match.
    if (top.length === count && compareCandidates(c, top[top.length - 1] as Candidate) >= 0) continue;
    let i = top.length;
    while (i > 0 && compareCandidates(c, top[i - 1] as Candidate) < 0) i--;
    top.splice(i, 0, c);
    if (top.length > count) top.pop();
  }
  return top.map((c) => c.entry.user);
}

function tierOf(e: TypeaheadEntry, q: string, qWords: readonly string[], qCompact: string): number {
  if (qWords.length > 0 && qWords.every((w) => e.words.some((nw) => nw.startsWith(w)))) return 0;
  if (e.email.startsWith(qCompact)) return 1;
  if (e.name.includes(q) || e.email.includes(qCompact)) return 2;
  return -1;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return a.tier - b.tier || b.score - a.score || compareText(a.entry.user.name, b.entry.user.name) || compareGid(a.entry.user.gid, b.entry.user.gid);
}
