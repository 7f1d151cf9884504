/**
 * Personal data kept out of log lines unless the person asked for trace logging: email addresses
 * and what was typed into a people search. Runs on every log line, so it is linear: it splits on
 * separators once instead of matching a pattern that would backtrack on long runs without an "@".
 */

export const REDACTED_EMAIL = '<redacted email>';

/** Characters that cannot be part of an address as it appears in running text. */
const SEPARATORS = /([\s<>()[\]\\,;:"'`=&?/|{}]+)/u;

/** Something@something.something, with nothing else around it; also URL-encoded (`ada%40acme.test`). */
function looksLikeEmail(piece: string): boolean {
  const token = piece.replace(/%40/gi, '@');
  const at = token.indexOf('@');
  if (at <= 0 || at !== token.lastIndexOf('@')) return false;
  const domain = token.slice(at + 1);
  const dot = domain.indexOf('.');
  return dot > 0 && dot < domain.length - 1;
}

/** Every email address in `text` replaced by `<redacted email>`; the rest unchanged. */
export function redactEmails(text: string): string {
  if (!text.includes('@') && !/%40/i.test(text)) return text;
  return text
    .split(SEPARATORS)
    .map((piece, i) => {
      // split() with a capturing group puts separators at odd indexes.
      if (i % 2 === 1) return piece;
      // Trailing sentence punctuation ("… ada@acme.test.") is not part of the address.
      let end = piece.length;
      while (end > 0 && (piece[end - 1] === '.' || piece[end - 1] === '!')) end--;
      return looksLikeEmail(piece.slice(0, end)) ? `${REDACTED_EMAIL}${piece.slice(end)}` : piece;
    })
    .join('');
}

/** What was typed into a search, as a log line may carry it below trace: its length only. */
export function redactedQuery(query: string): string {
  const length = [...query].length;
  return `"…" (${length} ${length === 1 ? 'char' : 'chars'})`;
}
