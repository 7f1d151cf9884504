/**
 * The one vocabulary of roles in the view: every active member is in exactly one group, chosen by
 * what an admin acts on. Admins first (who can manage the workspace), then Members, then Guests
 * (people from outside the organization: the usual security question), then View-only (a billing
 * question); Inactive holds memberships removed while the extension watched.
 */
import type { Membership } from '../asana/schemas';
import { l10n } from '../util/l10n';

export type MemberGroup = 'admins' | 'members' | 'guests' | 'viewOnly' | 'inactive';

export const MEMBER_GROUPS: readonly MemberGroup[] = ['admins', 'members', 'guests', 'viewOnly', 'inactive'];

/** Getters: the labels are read in the display language, which is known only once VS Code runs the extension. */
export const GROUP_LABELS: Record<MemberGroup, string> = {
  get admins() { return l10n.t('Admins'); },
  get members() { return l10n.t('Members'); },
  get guests() { return l10n.t('Guests'); },
  get viewOnly() { return l10n.t('View-only'); },
  get inactive() { return l10n.t('Inactive'); },
};

/** The groups an active member can be in: a role change moves someone between two of them. */
export type ActiveGroup = Exclude<MemberGroup, 'inactive'>;

/** One member's role, as a sentence says it ("was admin, now member"); in English, as CSV exports write it (data). */
export const ROLE_NAMES: Record<ActiveGroup, string> = {
  admins: 'admin',
  members: 'member',
  guests: 'guest',
  viewOnly: 'view-only',
};

/** ROLE_NAMES in the display language, for prose (tree rows, the report). */
export function roleName(group: ActiveGroup): string {
  switch (group) {
    case 'admins':
      return l10n.t({ message: 'admin', comment: 'a member\'s role, inside a sentence: "was admin"' });
    case 'members':
      return l10n.t({ message: 'member', comment: 'a member\'s role, inside a sentence: "was member"' });
    case 'guests':
      return l10n.t({ message: 'guest', comment: 'a member\'s role, inside a sentence: "was guest"' });
    case 'viewOnly':
      return l10n.t({ message: 'view-only', comment: 'a member\'s role, inside a sentence: "was view-only"' });
  }
}

/** An admin who is a guest is still shown with the admins: admin rights matter most. */
export function groupOf(m: Pick<Membership, 'is_active' | 'is_admin' | 'is_guest' | 'is_view_only'>): MemberGroup {
  if (!m.is_active) return 'inactive';
  if (m.is_admin) return 'admins';
  if (m.is_guest) return 'guests';
  if (m.is_view_only) return 'viewOnly';
  return 'members';
}
