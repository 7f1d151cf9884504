/**
 * Look-alike email addresses: "аda@example.com" with a Cyrillic "а" reads as ada@example.com but
 * invites someone else (or no one). An address whose local part, or one label of its domain, mixes
 * letters of different scripts is flagged before anything is sent. Each part is judged on its own,
 * so an all-Cyrillic domain label ("пример.com") or an all-Greek local part is fine: only the mix
 * within one part is what a reader cannot see.
 */
import { displayText } from '../util/displayText';
import { l10n } from '../util/l10n';

/** Scripts as a reader groups them; Japanese mixes Han and kana by nature, so they are one group. */
const SCRIPT_GROUPS: ReadonlyArray<readonly [name: string, pattern: RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u],
];

/** Scripts with letters drawn like Latin ones (а/a, ο/o, ѕ/s, Ꭺ/A): a mix of these is a disguise. */
const CONFUSABLE = new Set(['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Cherokee']);

const LETTER = /\p{L}/u;

function scriptOf(letter: string): string {
  for (const [name, pattern] of SCRIPT_GROUPS) if (pattern.test(letter)) return name;
  return 'other';
}

export interface MixedScriptPart {
  /** The local part, or one label of the domain, as written. */
  readonly part: string;
  /** The script most of its letters belong to. */
  readonly main: string;
  /** The other scripts, each with its letters (distinct, in order of appearance). */
  readonly others: ReadonlyArray<{ readonly script: string; readonly letters: readonly string[] }>;
}

/** The parts of an address that mix scripts; empty when none does (or the text is not an address). */
export function mixedScriptParts(address: string): MixedScriptPart[] {
  const at = address.lastIndexOf('@');
  if (at <= 0) return [];
  const parts = [address.slice(0, at), ...address.slice(at + 1).split('.')];
  const found: MixedScriptPart[] = [];
  for (const part of parts) {
    const letters = new Map<string, string[]>();
    const counts = new Map<string, number>();
    for (const ch of part) {
      if (!LETTER.test(ch)) continue;
      const script = scriptOf(ch);
      counts.set(script, (counts.get(script) ?? 0) + 1);
      const list = letters.get(script) ?? [];
      if (!list.includes(ch)) list.push(ch);
      letters.set(script, list);
    }
    if (counts.size < 2) continue;
    // The main script is the one with most letters; Latin wins a tie, as the one being imitated,
    // otherwise the script seen first.
    const [main] = [...counts].reduce((best, next) => (next[1] > best[1] || (next[1] === best[1] && next[0] === 'Latin') ? next : best));
    const others = [...letters].filter(([script]) => script !== main).map(([script, list]) => ({ script, letters: list }));
    found.push({ part, main, others });
  }
  return found;
}

function codePoint(letter: string): string {
  return `U+${letter.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A sentence warning about a look-alike address, or undefined when it mixes no scripts:
 * `аda@example.com contains Cyrillic letter (а U+0430) that looks like a Latin one.`
 * The code points are named because the letters themselves look exactly like the ones they imitate.
 */
export function lookalikeWarning(address: string): string | undefined {
  const parts = mixedScriptParts(address);
  if (parts.length === 0) return undefined;
  const clauses: string[] = [];
  for (const { part, main, others } of parts) {
    for (const { script, letters } of others) {
      const shown = letters.slice(0, 5).map((l) => `${l} ${codePoint(l)}`).join(', ');
      const more = letters.length > 5 ? ', …' : '';
      const one = letters.length === 1;
      const list = shown + more;
      // Script names (Latin, Cyrillic…) are Unicode's, left as they are.
      clauses.push(
        CONFUSABLE.has(script) && CONFUSABLE.has(main)
          ? one
            ? l10n.t({ message: '{0} letter ({1}) that looks like a {2} one', args: [script, list, main], comment: 'part of "x contains …": {0} and {2} are scripts (Cyrillic, Latin)' })
            : l10n.t({ message: '{0} letters ({1}) that look like {2} ones', args: [script, list, main], comment: 'part of "x contains …": {0} and {2} are scripts (Cyrillic, Latin)' })
          : one
            ? l10n.t({ message: '{0} letter ({1}) mixed with {2} ones in "{3}"', args: [script, list, main, displayText(part)], comment: 'part of "x contains …": {0} and {2} are scripts (Cyrillic, Latin)' })
            : l10n.t({ message: '{0} letters ({1}) mixed with {2} ones in "{3}"', args: [script, list, main, displayText(part)], comment: 'part of "x contains …": {0} and {2} are scripts (Cyrillic, Latin)' }),
      );
    }
  }
  return l10n.t('{0} contains {1}.', displayText(address), clauses.join(l10n.t({ message: ', and ', comment: 'joins the parts of "x contains …"' })));
}
