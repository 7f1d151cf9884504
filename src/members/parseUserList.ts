/**
 * Reads what a person typed or pasted as "who": emails, user ids or "me", separated by commas,
 * semicolons, spaces or new lines, also as mail clients copy address lists:
 *   "Lovelace, Ada" <ada@example.com>, bob@example.com     (Gmail, Apple Mail)
 *   Lovelace, Ada <ada@example.com>; Bob Smith <bob@…>     (Outlook)
 *   mailto:ada@example.com
 * Display names are kept, so a command can say "Added Ada Lovelace (ada@example.com)".
 * Linear in the length of the text (see addressListTokens.ts): it runs on every keystroke.
 */
import { isAsanaError } from '../asana/errors';
import { isEmail, isGid, requireUserRef } from '../asana/validate';
import { displayText } from '../util/displayText';
import { tokenizeAddressList, type AddressToken } from './addressListTokens';
import { l10n } from '../util/l10n';

export interface PersonRef {
  /** What to send to Asana: an email address, a user id or "me". */
  readonly ref: string;
  /** The display name that came with the address ("Ada Lovelace"), one line, if there was one. */
  readonly name?: string;
}

export interface ParsedUserList {
  /** Valid references, de-duplicated (emails case-insensitively), in the order given. */
  readonly refs: string[];
  /** The same people, in the same order, with the display name that came with each. */
  readonly people: PersonRef[];
  readonly invalid: Array<{ readonly input: string; readonly message: string }>;
}

const MAX_PEOPLE = 500;
/** Refusals listed one by one; the rest are counted, so a pasted novel does not make a novel of messages. */
const MAX_REFUSALS_LISTED = 50;

/** "mailto:ada@example.com?subject=Hi" → "ada@example.com": what a copied link holds, percent-decoded. */
function withoutMailto(text: string): string {
  if (!/^mailto:/i.test(text)) return text;
  const address = text.slice('mailto:'.length);
  const query = address.indexOf('?');
  const encoded = query < 0 ? address : address.slice(0, query);
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** What requireUserRef accepts, as it would return it, without throwing for what it refuses. */
function acceptedRef(input: string): string | undefined {
  const value = input.trim();
  if (value.toLowerCase() === 'me') return 'me';
  return isGid(value) || (value.includes('@') && isEmail(value)) ? value : undefined;
}

function refusalOf(input: string): string {
  try {
    requireUserRef(input);
  } catch (e) {
    if (isAsanaError(e)) return e.message;
    throw e;
  }
  // acceptedRef and requireUserRef disagree: a bug here, not bad input (l10n-ignore: for the log and a bug report).
  throw new Error(`parseUserList: ${JSON.stringify(input.slice(0, 40))} is refused here but accepted by requireUserRef`);
}

/** Words that can stand on their own as a reference, and so end an unquoted name ("123, me, Ada <…>"). */
function isBareRef(text: string): boolean {
  return isGid(text) || text.toLowerCase() === 'me';
}

/** Pieces of a display name not yet known to be one: they become a name if an <address> follows. */
type Pending = { readonly text: string; readonly kind: 'word' | 'quoted' | 'comma' };

function nameOf(pending: readonly Pending[]): string | undefined {
  let name = '';
  // The space before the first word goes with the trim below.
  for (const piece of pending) name += piece.kind === 'comma' ? piece.text : ` ${piece.text}`;
  const shown = displayText(name).replace(/\s+/g, ' ').trim();
  return shown === '' ? undefined : shown;
}

export function parseUserList(text: string): ParsedUserList {
  const people: PersonRef[] = [];
  const invalid: Array<{ input: string; message: string }> = [];
  const seen = new Set<string>();
  let refused = 0;

  const add = (input: string, name?: string): void => {
    const ref = acceptedRef(input);
    if (ref === undefined) {
      // The reason is worked out (an exception, and its stack) only for the refusals that are listed.
      if (++refused <= MAX_REFUSALS_LISTED) invalid.push({ input, message: refusalOf(input) });
      return;
    }
    const key = ref.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    people.push(name === undefined ? { ref } : { ref, name });
  };

  let pending: Pending[] = [];
  /** Pending pieces that are not ids or "me": counted as they come, so a comma costs O(1). */
  let pendingNames = 0;
  const hold = (piece: Pending): void => {
    pending.push(piece);
    if (!(piece.kind === 'word' && isBareRef(piece.text)) && piece.kind !== 'comma') pendingNames++;
  };
  const drop = (): void => {
    pending = [];
    pendingNames = 0;
  };
  /** Pending words that turned out not to be a name: each is an entry of its own. */
  const flush = (): void => {
    for (const piece of pending) if (piece.kind !== 'comma') add(withoutMailto(piece.text));
    drop();
  };

  for (const token of tokenizeAddressList(text)) {
    consume(token);
  }
  flush();

  function consume(token: AddressToken): void {
    switch (token.kind) {
      case 'word': {
        const word = withoutMailto(token.text);
        // An address on its own ends any name before it: "bob@example.com, Ada <ada@…>".
        if (word.includes('@')) {
          flush();
          add(word);
        } else {
          hold({ kind: 'word', text: token.text });
        }
        return;
      }
      case 'quoted':
        hold({ kind: 'quoted', text: token.text });
        return;
      case 'comma':
        // "123, me, Ada <…>": ids before a comma are entries; other words may be "Lovelace, Ada <…>".
        if (pendingNames === 0) flush();
        else hold({ kind: 'comma', text: ',' });
        return;
      case 'angle': {
        const name = nameOf(pending);
        drop();
        add(withoutMailto(token.text), name);
        return;
      }
      case 'break':
        flush();
        return;
    }
  }

  if (refused > MAX_REFUSALS_LISTED) {
    const more = refused - MAX_REFUSALS_LISTED;
    invalid.push({ input: l10n.t('{0} more', more), message: more === 1 ? l10n.t('1 more entry is not valid either.') : l10n.t('{0} more entries are not valid either.', more) });
  }
  if (people.length > MAX_PEOPLE) {
    invalid.push({ input: l10n.t('{0} more', people.length - MAX_PEOPLE), message: l10n.t('At most {0} people at once.', MAX_PEOPLE) });
    people.length = MAX_PEOPLE;
  }
  return { refs: people.map((p) => p.ref), people, invalid };
}
