/** How a membership reads to a person: badges, one-line description, and tooltip text. */
import type { Membership, OooEntry } from '../asana/schemas';
import { myTasksUrl } from '../asanaLinks';
import { isGid } from '../asana/validate';
import { displayText } from '../util/displayText';
import { escapeMarkdown, markdownCode } from '../util/markdown';
import { l10n } from '../util/l10n';

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
  get admin() { return l10n.t({ message: 'admin', comment: 'a badge in a member\'s row' }); },
  get guest() { return l10n.t({ message: 'guest', comment: 'a badge in a member\'s row' }); },
  get 'view-only'() { return l10n.t({ message: 'view-only', comment: 'a badge in a member\'s row' }); },
  get inactive() { return l10n.t({ message: 'inactive', comment: 'a badge in a member\'s row' }); },
  get vacation() { return l10n.t({ message: 'on vacation', comment: 'a badge in a member\'s row' }); },
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

/** Used in "Admin of Acme": see memberTooltipMarkdown. */
const ROLE_TEXT: Record<ReturnType<typeof roleOf>, (workspace: string) => string> = {
  admin: (w) => l10n.t('Admin of {0}', w),
  guest: (w) => l10n.t('Guest of {0}', w),
  viewer: (w) => l10n.t('View-only member of {0}', w),
  member: (w) => l10n.t('Member of {0}', w),
};

export function myTasksLink(m: Membership): string | undefined {
  // The schema already refuses other gids; a record from elsewhere (a snapshot) gets no link rather than a crafted one.
  return m.user_task_list && isGid(m.user_task_list.gid) ? myTasksUrl(m.user_task_list.gid) : undefined;
}

export function vacationText(m: Membership): string | undefined {
  const v = m.vacation_dates;
  if (!v?.start_on) return undefined;
  return v.end_on ? l10n.t('{0} to {1}', v.start_on, v.end_on) : l10n.t('from {0}, no end date', v.start_on);
}

/**
 * Markdown for the tooltip. Every value from Asana is escaped, not only names: a gid or a date is
 * validated by the schema, but a tooltip must not depend on that to stay free of links.
 */
export function memberTooltipMarkdown(m: Membership, email: string | undefined): string {
  const lines = [`**${escapeMarkdown(m.user.name)}**`];
  if (email) lines.push(`${escapeMarkdown(email)}`);
  const role = ROLE_TEXT[roleOf(m)](escapeMarkdown(m.workspace.name));
  lines.push('', m.is_active ? role : l10n.t('{0} (inactive: removed from the workspace)', role));
  if (m.created_at) lines.push(l10n.t('Member since: {0}', escapeMarkdown(m.created_at.slice(0, 10))));
  const vacation = vacationText(m);
  if (vacation) lines.push(l10n.t('Vacation: {0}', escapeMarkdown(vacation)));
  const tasks = myTasksLink(m);
  if (tasks) lines.push(`[${l10n.t('My Tasks')}](${tasks})`);
  lines.push(l10n.t('User id: {0} · Membership id: {1}', markdownCode(m.user.gid), markdownCode(m.gid)));
  return lines.join('  \n');
}

/** The tooltip's out-of-office lines: an entry under way first marked "now". */
export function outOfOfficeMarkdown(entries: readonly OooEntry[], today: string = isoDay(new Date())): string {
  if (entries.length === 0) return l10n.t('Out of office: nothing planned');
  const shown = entries.slice(0, 5).map((e) => {
    const span = e.end_date ? l10n.t('{0} to {1}', e.start_date, e.end_date) : l10n.t('from {0}, no end date', e.start_date);
    const now = e.start_date <= today && (e.end_date === null || e.end_date >= today);
    return now ? l10n.t('Out of office: {0} **(now)**', escapeMarkdown(span)) : l10n.t('Out of office: {0}', escapeMarkdown(span));
  });
  if (entries.length > shown.length) shown.push(l10n.t('and {0} more', entries.length - shown.length));
  return shown.join('  \n');
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
