/** Text folded for comparing and searching: accents and case ignored, the same for sorting and matching. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
