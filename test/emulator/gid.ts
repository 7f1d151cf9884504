/** Gids are decimal strings that outgrow 2^53 in real Asana, so they are compared as strings. */

export function compareGid(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isGid(text: string): boolean {
  return /^[1-9]\d{0,24}$/.test(text);
}

/** Index of the first item whose gid sorts after `gid` (binary search over a gid-sorted list). */
export function indexAfterGid<T>(items: readonly T[], gid: string, gidOf: (item: T) => string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareGid(gidOf(items[mid] as T), gid) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
