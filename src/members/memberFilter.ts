/** The tree's member filter: text against name and email, plus roles; pure so it is unit-tested. */
import type { Membership } from '../asana/schemas';
import { foldText } from '../store/foldText';
import { l10n } from '../util/l10n';

export type RoleFilter = 'admin' | 'guest' | 'view-only' | 'inactive' | 'member';

export interface MemberFilter {
  readonly text: string;
  readonly roles: readonly RoleFilter[];
}

export const NO_FILTER: MemberFilter = { text: '', roles: [] };

export function isActive(filter: MemberFilter): boolean {
  return filter.text.trim() !== '' || filter.roles.length > 0;
}

export function rolesOf(m: Membership): RoleFilter[] {
  const roles: RoleFilter[] = [];
  if (!m.is_active) roles.push('inactive');
  if (m.is_admin) roles.push('admin');
  if (m.is_guest) roles.push('guest');
  if (m.is_view_only) roles.push('view-only');
  if (m.is_active && !m.is_admin && !m.is_guest && !m.is_view_only) roles.push('member');
  return roles;
}

/** Every word of the text must appear in the name or email (accents and case ignored); any chosen role matches. */
export function matchesFilter(m: Membership, email: string | undefined, filter: MemberFilter): boolean {
  if (filter.roles.length > 0) {
    const roles = rolesOf(m);
    if (!filter.roles.some((r) => roles.includes(r))) return false;
  }
  const words = foldText(filter.text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldText(`${m.user.name} ${email ?? ''}`);
  return words.every((w) => haystack.includes(w));
}

export function describeFilter(filter: MemberFilter): string {
  const parts: string[] = [];
  if (filter.text.trim()) parts.push(`"${filter.text.trim()}"`);
  if (filter.roles.length) parts.push(filter.roles.join(', '));
  return parts.length ? l10n.t('Filtered: {0}', parts.join(' · ')) : '';
}
