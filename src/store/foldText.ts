/** Text folded for comparing and searching: accents and case ignored, the same for sorting and matching. */
export function foldText(text: string): string {
  // ASCII has no accents to strip: most names and every email skip the Unicode work.
  if (isAscii(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, controls included
const ASCII = /^[\x00-\x7f]*$/;

export function isAscii(text: string): boolean {
  return ASCII.test(text);
}
