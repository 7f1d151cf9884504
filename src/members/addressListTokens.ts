/**
 * Splits pasted "who" text into tokens in one pass, the way mail clients write address lists:
 *   "Lovelace, Ada" <ada@example.com>, bob@example.com; Grace Hopper <grace@example.com>
 * It is a hand-written scanner rather than a regular expression because it runs on every
 * keystroke of an input box: each character is looked at a bounded number of times, so a pasted
 * megabyte costs milliseconds, never seconds (a backtracking pattern was quadratic here).
 */

export type AddressToken =
  /** Text up to the next space or separator: an address, an id, or a word of a display name. */
  | { readonly kind: 'word'; readonly text: string }
  /** A "quoted string", without its quotes and with \" and \\ unescaped: a display name. */
  | { readonly kind: 'quoted'; readonly text: string }
  /** What stood between < and >, trimmed: the address of a "Name <address>" entry. */
  | { readonly kind: 'angle'; readonly text: string }
  /** A comma: separates entries, except inside an unquoted "Lovelace, Ada <…>" name. */
  | { readonly kind: 'comma' }
  /** A semicolon or a line break: always ends an entry (Outlook separates with semicolons). */
  | { readonly kind: 'break' };

function isLineBreak(ch: string): boolean {
  return ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029' || ch === '\u0085';
}

function isSpace(ch: string): boolean {
  if (ch === ' ' || ch === '\t') return true;
  // Other spaces (no-break, ideographic…) are rare: the pattern runs only for characters beyond ASCII.
  return ch > '\u007f' ? !isLineBreak(ch) && /\s/u.test(ch) : ch === '\v' || ch === '\f';
}

/** Characters that end a word. */
function endsWord(ch: string): boolean {
  return ch === ',' || ch === ';' || ch === '<' || isLineBreak(ch) || isSpace(ch);
}

export function tokenizeAddressList(text: string): AddressToken[] {
  const tokens: AddressToken[] = [];
  const n = text.length;
  // Where a search for a closing ">" already failed: no later "<" before it needs to search again,
  // which keeps "< < < < …" without a ">" linear.
  let noAngleCloseBefore = -1;
  let i = 0;
  while (i < n) {
    const ch = text[i]!;
    if (ch === ';' || isLineBreak(ch)) {
      tokens.push({ kind: 'break' });
      i++;
    } else if (ch === ',') {
      tokens.push({ kind: 'comma' });
      i++;
    } else if (isSpace(ch)) {
      i++;
    } else if (ch === '"') {
      const quoted = readQuoted(text, i);
      if (quoted) {
        tokens.push({ kind: 'quoted', text: quoted.text });
        i = quoted.end;
      } else {
        i = readWord(text, i, tokens);
      }
    } else if (ch === '<' && i >= noAngleCloseBefore) {
      const close = findAngleClose(text, i + 1);
      if (close.found) {
        tokens.push({ kind: 'angle', text: text.slice(i + 1, close.at).trim() });
        i = close.at + 1;
      } else {
        noAngleCloseBefore = close.at;
        i = readWord(text, i, tokens);
      }
    } else {
      i = readWord(text, i, tokens);
    }
  }
  return tokens;
}

/** A word from `start` (whose first character is taken whatever it is) to the next word end. */
function readWord(text: string, start: number, tokens: AddressToken[]): number {
  let end = start + 1;
  while (end < text.length && !endsWord(text[end]!)) end++;
  tokens.push({ kind: 'word', text: text.slice(start, end) });
  return end;
}

/**
 * A quoted string starting at `start`, if it closes on the same line and is followed by a space,
 * a separator, "<" or the end; otherwise the quote is an ordinary character of a word
 * (`"ada"@acme.test` stays one token, and is refused as an address as a whole).
 */
function readQuoted(text: string, start: number): { text: string; end: number } | undefined {
  let out = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (isLineBreak(ch)) return undefined;
    if (ch === '\\' && i + 1 < text.length && !isLineBreak(text[i + 1]!)) {
      out += text[++i];
    } else if (ch === '"') {
      const next = text[i + 1];
      return next === undefined || endsWord(next) ? { text: out, end: i + 1 } : undefined;
    } else {
      out += ch;
    }
  }
  return undefined;
}

/** The index of the ">" closing an angle address, or where the search stopped (line end, text end). */
function findAngleClose(text: string, from: number): { found: boolean; at: number } {
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '>') return { found: true, at: i };
    if (isLineBreak(ch)) return { found: false, at: i };
  }
  return { found: false, at: text.length };
}
