/** How a membership reads to a person: badges, one-line description, and tooltip text. */
import type { Membership, OooEntry } from '../asana/schemas';
import { myTasksUrl } from '../asanaLinks';
import { isGid } from '../asana/validate';
import { displayText } from '../util/displayText';
import { escapeMarkdown, markdownCode } from '../util/markdown';

export type Badge = 'admin' | 'guest' | 'view-only' | 'inactive' | 'vacation';

export function badgesOf(m: Membership, today: string = isoDay(new Date())): Badge[] {
  const badges: Badge[] = [];
  if (!m.is_active) badges.push('inactive');
  if (m.is_admin) badges.push('admin');
  if (m.is_guest) badges.push('guest');
  if (m.is_view_only) badges.push('view-only');
  if (onVacation(m, today)) badges.push('vacation');
  return badges;
}

export function onVacation(m: Membership, today: string): boolean {
  const v = m.vacation_dates;
  if (!v?.start_on) return false;
  return v.start_on <= today && (v.end_on === null || v.end_on >= today);
}

const BADGE_TEXT: Record<Badge, string> = {
  admin: 'admin',
  guest: 'guest',
  'view-only': 'view-only',
  inactive: 'inactive',
  vacation: 'on vacation',
};

export function describeMember(m: Membership, email: string | undefined, today?: string): string {
  // Badges first: at the side bar's usual width the end of the line is cut off, and an email is long.
  const parts = [...badgesOf(m, today).map((b) => BADGE_TEXT[b]), displayText(email ?? '')].filter(Boolean);
  return parts.join(' · ');
}

export function roleOf(m: Membership): 'admin' | 'guest' | 'viewer' | 'member' {
  if (m.is_admin) return 'admin';
  if (m.is_guest) return 'guest';
  if (m.is_view_only) return 'viewer';
  return 'member';
}

const ROLE_TEXT: Record<ReturnType<typeof roleOf>, string> = {
  admin: 'Admin',
  guest: 'Guest',
  viewer: 'View-only member',
  member: 'Member',
};

export function myTasksLink(m: Membership): string | undefined {
  // The schema already refuses other gids; a record from elsewhere (a snapshot) gets no link rather than a crafted one.
  return m.user_task_list && isGid(m.user_task_list.gid) ? myTasksUrl(m.user_task_list.gid) : undefined;
}

export function vacationText(m: Membership): string | undefined {
  const v = m.vacation_dates;
  if (!v?.start_on) return undefined;
  return v.end_on ? `${v.start_on} to ${v.end_on}` : `from ${v.start_on}, no end date`;
}

/**
 * Markdown for the tooltip. Every value from Asana is escaped, not only names: a gid or a date is
 * validated by the schema, but a tooltip must not depend on that to stay free of links.
 */
export function memberTooltipMarkdown(m: Membership, email: string | undefined): string {
  const lines = [`**${escapeMarkdown(m.user.name)}**`];
  if (email) lines.push(`${escapeMarkdown(email)}`);
  const role = ROLE_TEXT[roleOf(m)];
  lines.push('', `${role} of ${escapeMarkdown(m.workspace.name)}${m.is_active ? '' : ' (inactive: removed from the workspace)'}`);
  if (m.created_at) lines.push(`Member since: ${escapeMarkdown(m.created_at.slice(0, 10))}`);
  const vacation = vacationText(m);
  if (vacation) lines.push(`Vacation: ${escapeMarkdown(vacation)}`);
  const tasks = myTasksLink(m);
  if (tasks) lines.push(`[My Tasks](${tasks})`);
  lines.push(`User id: ${markdownCode(m.user.gid)} · Membership id: ${markdownCode(m.gid)}`);
  return lines.join('  \n');
}

/** The tooltip's out-of-office lines: an entry under way first marked "now". */
export function outOfOfficeMarkdown(entries: readonly OooEntry[], today: string = isoDay(new Date())): string {
  if (entries.length === 0) return 'Out of office: nothing planned';
  const shown = entries.slice(0, 5).map((e) => {
    const span = e.end_date ? `${e.start_date} to ${e.end_date}` : `from ${e.start_date}, no end date`;
    const now = e.start_date <= today && (e.end_date === null || e.end_date >= today);
    return `Out of office: ${escapeMarkdown(span)}${now ? ' **(now)**' : ''}`;
  });
  if (entries.length > shown.length) shown.push(`and ${entries.length - shown.length} more`);
  return shown.join('  \n');
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
