/**
 * Checks on what people type, run before any request so that bad input costs no API call and
 * gets a message that says what to fix.
 */
import { InvalidInputError } from './errors';
import { l10n } from '../util/l10n';

/** Asana gids are decimal strings; some are 16+ digits, beyond a JavaScript number's precision. */
const GID = /^\d{1,32}$/;
// Deliberately practical, not RFC 5322: one @, a dot in the domain, no spaces, no control or
// invisible characters (\p{C}: a zero-width space or a direction mark pasted along with an address
// would otherwise invite a person who does not exist).
const EMAIL = /^[^\s@<>()[\]\\,;:"\p{C}]{1,64}@(?:[^\s@<>()[\]\\,;:"\p{C}.]{1,63}\.)+[^\s@<>()[\]\\,;:"\p{C}.]{2,63}$/u;
/** Something a person can see: not a space, separator, control or format (zero-width, direction) character. */
const VISIBLE = /[^\s\p{Z}\p{Cc}\p{Cf}]/u;
const MAX_NAME_LENGTH = 1024;

export function isGid(text: string): boolean {
  return GID.test(text);
}

export function isEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

/**
 * The input quoted for a message: at most about 60 characters, with control, invisible and
 * direction characters shown as escapes, so the message says where they are instead of hiding
 * them (or reversing the rest of the message). Quotes and backslashes are shown as typed; input
 * that holds a straight quote is set in curly quotes, so neither is escaped.
 */
function describe(text: string): string {
  let shown = '';
  let clipped = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const piece = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(ch)
      ? cp > 0xffff
        ? `\\u{${cp.toString(16)}}`
        : `\\u${cp.toString(16).padStart(4, '0')}`
      : ch;
    if (shown.length + piece.length > 60) {
      clipped = true;
      break;
    }
    shown += piece;
  }
  const body = clipped ? `${shown}…` : shown;
  return shown.includes('"') ? `\u201c${body}\u201d` : `"${body}"`;
}

export function requireGid(text: string, what: string): string {
  const value = text.trim();
  if (!isGid(value)) {
    throw new InvalidInputError(l10n.t({ message: '{0} must be an Asana id made of digits; got {1}.', args: [what, describe(text)], comment: '{0} is the name of a parameter' }), what);
  }
  return value;
}

/** A user as addUser/removeUser/getUser accept it: "me", an email address or a user gid. */
export function requireUserRef(text: string): string {
  const value = text.trim();
  if (value === '') {
    throw new InvalidInputError(l10n.t('Enter an email address, a user id or "me".'), 'user');
  }
  if (value.toLowerCase() === 'me') return 'me';
  if (isGid(value)) return value;
  if (value.includes('@')) {
    if (isEmail(value)) return value;
    throw new InvalidInputError(l10n.t('{0} is not a valid email address.', describe(value)), 'user');
  }
  throw new InvalidInputError(
    l10n.t('{0} is neither an email address nor a user id. Enter something like name@example.com.', describe(value)),
    'user',
  );
}

export function requireWorkspaceName(text: string, current?: string): string {
  const value = text.trim();
  if (value === '') throw new InvalidInputError(l10n.t('The workspace name cannot be empty.'), 'name');
  if (/\p{Cc}/u.test(value)) {
    throw new InvalidInputError(l10n.t('The workspace name cannot contain line breaks or control characters.'), 'name');
  }
  if (!VISIBLE.test(value)) {
    throw new InvalidInputError(l10n.t('The workspace name cannot be made of invisible characters only.'), 'name');
  }
  if (value.length > MAX_NAME_LENGTH) {
    throw new InvalidInputError(l10n.t('The workspace name is too long ({0} characters; at most {1}).', value.length, MAX_NAME_LENGTH), 'name');
  }
  if (current !== undefined && value === current) {
    throw new InvalidInputError(l10n.t('The new name is the same as the current one.'), 'name');
  }
  return value;
}

export function requireCount(count: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(count) || count < min || count > max) {
    throw new InvalidInputError(l10n.t({ message: '{0} must be a whole number from {1} to {2}; got {3}.', args: [what, min, max, count], comment: '{0} is the name of a parameter' }), what);
  }
  return count;
}
