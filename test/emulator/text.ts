/**
 * Text folding shared by email generation and typeahead matching, so that "zoe" finds "Zoë" and
 * "angstrom" finds "Ångström" the way people type names they cannot spell.
 */

const SPECIAL_LETTERS: Record<string, string> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ı: 'i', þ: 'th', ð: 'd',
};

/** Lower case, accents removed, a few letters that NFD leaves alone mapped to ASCII; other scripts kept. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđıþð]/g, (c) => SPECIAL_LETTERS[c] ?? c);
}

/** An email local-part fragment: folded, only a-z, 0-9 and '-'. */
export function slug(text: string): string {
  return fold(text)
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Words of a folded name, for prefix matching. */
export function words(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/** Code-unit order on folded text: unlike localeCompare it cannot change with the ICU build. */
export function compareText(a: string, b: string): number {
  const fa = fold(a);
  const fb = fold(b);
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
