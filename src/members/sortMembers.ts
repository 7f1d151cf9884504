import type { Membership } from '../asana/schemas';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Alphabetical by name, as people scan a list; the gid breaks ties so the order is stable. */
export function sortMembers(list: Membership[]): Membership[] {
  return list.sort((a, b) => collator.compare(a.user.name, b.user.name) || (a.gid < b.gid ? -1 : a.gid > b.gid ? 1 : 0));
}
