/** Text folded for comparing and searching: accents and case ignored, the same for sorting and matching. */
export function foldText(text: string): string {
  // ASCII has no accents to strip: most names and every email skip the Unicode work.
  if (isAscii(text)) return text.toLowerCase();
  // Lower case alone keeps apart what a person types as one: "strauss" for Strauß, and "ΟΔΥΣ" (whose
  // last letter lower-cases to a final ς) for Οδυσσέας, spelled with σ inside the word.
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ');
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, controls included
const ASCII = /^[\x00-\x7f]*$/;

export function isAscii(text: string): boolean {
  return ASCII.test(text);
}
