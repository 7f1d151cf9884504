/**
 * The one vocabulary of roles in the view: every active member is in exactly one group, chosen by
 * what an admin acts on. Admins first (who can manage the workspace), then Members, then Guests
 * (people from outside the organization: the usual security question), then View-only (a billing
 * question); Inactive holds memberships removed while the extension watched.
 */
import type { Membership } from '../asana/schemas';

export type MemberGroup = 'admins' | 'members' | 'guests' | 'viewOnly' | 'inactive';

export const MEMBER_GROUPS: readonly MemberGroup[] = ['admins', 'members', 'guests', 'viewOnly', 'inactive'];

export const GROUP_LABELS: Record<MemberGroup, string> = {
  admins: 'Admins',
  members: 'Members',
  guests: 'Guests',
  viewOnly: 'View-only',
  inactive: 'Inactive',
};

/** The groups an active member can be in: a role change moves someone between two of them. */
export type ActiveGroup = Exclude<MemberGroup, 'inactive'>;

/** One member's role, as a sentence says it ("was admin, now member"). */
export const ROLE_NAMES: Record<ActiveGroup, string> = {
  admins: 'admin',
  members: 'member',
  guests: 'guest',
  viewOnly: 'view-only',
};

/** An admin who is a guest is still shown with the admins: admin rights matter most. */
export function groupOf(m: Pick<Membership, 'is_active' | 'is_admin' | 'is_guest' | 'is_view_only'>): MemberGroup {
  if (!m.is_active) return 'inactive';
  if (m.is_admin) return 'admins';
  if (m.is_guest) return 'guests';
  if (m.is_view_only) return 'viewOnly';
  return 'members';
}
