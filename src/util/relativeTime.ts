import { displayLocale } from './displayLocale';

/** "just now", "12 min ago", "3 h ago", "Nov 28": how old a snapshot is, short enough for a row. */
export function timeAgo(then: number, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days} day${days === 1 ? '' : 's'} ago`;
  return `on ${new Date(then).toLocaleDateString(displayLocale(), { month: 'short', day: 'numeric' })}`;
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
