/**
 * Checks on what people type, run before any request so that bad input costs no API call and
 * gets a message that says what to fix.
 */
import { InvalidInputError } from './errors';

/** Asana gids are decimal strings; some are 16+ digits, beyond a JavaScript number's precision. */
const GID = /^\d{1,32}$/;
// Deliberately practical, not RFC 5322: one @, a dot in the domain, no spaces or control characters.
const EMAIL = /^[^\s@<>()[\]\\,;:"\p{Cc}]{1,64}@(?:[^\s@<>()[\]\\,;:"\p{Cc}.]{1,63}\.)+[^\s@<>()[\]\\,;:"\p{Cc}.]{2,63}$/u;
const MAX_NAME_LENGTH = 1024;

export function isGid(text: string): boolean {
  return GID.test(text);
}

export function isEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

function describe(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return JSON.stringify(shown);
}

export function requireGid(text: string, what: string): string {
  const value = text.trim();
  if (!isGid(value)) {
    throw new InvalidInputError(`${what} must be an Asana id made of digits; got ${describe(text)}.`, what);
  }
  return value;
}

/** A user as addUser/removeUser/getUser accept it: "me", an email address or a user gid. */
export function requireUserRef(text: string): string {
  const value = text.trim();
  if (value === '') {
    throw new InvalidInputError('Enter an email address, a user id or "me".', 'user');
  }
  if (value.toLowerCase() === 'me') return 'me';
  if (isGid(value)) return value;
  if (value.includes('@')) {
    if (isEmail(value)) return value;
    throw new InvalidInputError(`${describe(value)} is not a valid email address.`, 'user');
  }
  throw new InvalidInputError(
    `${describe(value)} is neither an email address nor a user id. Enter something like name@example.com.`,
    'user',
  );
}

export function requireWorkspaceName(text: string, current?: string): string {
  const value = text.trim();
  if (value === '') throw new InvalidInputError('The workspace name cannot be empty.', 'name');
  if (/\p{Cc}/u.test(value)) {
    throw new InvalidInputError('The workspace name cannot contain line breaks or control characters.', 'name');
  }
  if (value.length > MAX_NAME_LENGTH) {
    throw new InvalidInputError(`The workspace name is too long (${value.length} characters; at most ${MAX_NAME_LENGTH}).`, 'name');
  }
  if (current !== undefined && value === current) {
    throw new InvalidInputError('The new name is the same as the current one.', 'name');
  }
  return value;
}

export function requireCount(count: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(count) || count < min || count > max) {
    throw new InvalidInputError(`${what} must be a whole number from ${min} to ${max}; got ${count}.`, what);
  }
  return count;
}
