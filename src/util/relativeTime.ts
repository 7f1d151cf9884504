import { displayLocale } from './displayLocale';
import { l10n } from './l10n';

/** "just now", "12 min ago", "3 h ago", "Nov 28": how old a snapshot is, short enough for a row. */
export function timeAgo(then: number, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return l10n.t('just now');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return l10n.t('{0} min ago', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 24) return l10n.t('{0} h ago', hours);
  const days = Math.round(hours / 24);
  if (days < 7) return days === 1 ? l10n.t('1 day ago') : l10n.t('{0} days ago', days);
  return l10n.t({ message: 'on {0}', args: [new Date(then).toLocaleDateString(displayLocale(), { month: 'short', day: 'numeric' })], comment: 'a date such as "Nov 28": when a snapshot was taken' });
}

/** "09:14" today, "Nov 28" this year, "Nov 28, 2025" before: when a roster was looked at, for a row. */
export function shortDate(then: number, now: number = Date.now()): string {
  const t = new Date(then);
  const n = new Date(now);
  if (t.toDateString() === n.toDateString()) return t.toLocaleTimeString(displayLocale(), { hour: '2-digit', minute: '2-digit' });
  const year = t.getFullYear() === n.getFullYear() ? {} : { year: 'numeric' as const };
  return t.toLocaleDateString(displayLocale(), { month: 'short', day: 'numeric', ...year });
}

/** Date and time in full, for a report. */
export function longDate(then: number): string {
  return new Date(then).toLocaleString(displayLocale(), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
