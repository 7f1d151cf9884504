/**
 * Reads what a person typed or pasted as "who": emails, user ids or "me", separated by commas,
 * semicolons, spaces or new lines, also in the "Name <email>" form mail clients copy.
 */
import { isAsanaError } from '../asana/errors';
import { requireUserRef } from '../asana/validate';

export interface ParsedUserList {
  /** Valid references, de-duplicated (emails case-insensitively), in the order given. */
  readonly refs: string[];
  readonly invalid: Array<{ readonly input: string; readonly message: string }>;
}

const MAX_PEOPLE = 500;

export function parseUserList(text: string): ParsedUserList {
  const tokens = extractTokens(text);
  const refs: string[] = [];
  const invalid: ParsedUserList['invalid'] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    try {
      const ref = requireUserRef(token);
      const key = ref.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      refs.push(ref);
    } catch (e) {
      if (!isAsanaError(e)) throw e;
      invalid.push({ input: token, message: e.message });
    }
  }
  if (refs.length > MAX_PEOPLE) {
    invalid.push({ input: `${refs.length - MAX_PEOPLE} more`, message: `At most ${MAX_PEOPLE} people at once.` });
    refs.length = MAX_PEOPLE;
  }
  return { refs, invalid };
}

function extractTokens(text: string): string[] {
  const tokens: string[] = [];
  // "Ada Lovelace <ada@acme.test>": the address is what counts, the name is decoration.
  const withoutNames = text.replace(/[^,;\n<>]*<([^<>\s]+)>/g, (_, address: string) => ` ${address} `);
  for (const part of withoutNames.split(/[\s,;]+/u)) {
    const token = part.trim();
    if (token) tokens.push(token);
  }
  return tokens;
}
