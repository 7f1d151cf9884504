/**
 * Roster changes and former members as people read them: the report (Markdown, shown in a preview)
 * and the exports (CSV or Markdown). Server text is escaped the same way as in the member export.
 */
import type { FormerMember } from '../store/formerCodec';
import { ROLE_NAMES, roleName } from '../store/memberRoles';
import { changeCount, type RosterChanges, type RosterPerson } from '../store/rosterChanges';
import { formatNumber } from '../util/displayLocale';
import { longDate } from '../util/relativeTime';
import { csvCell, markdownCell, type ExportFormat } from './exportMembers';
import { l10n } from '../util/l10n';

export interface RosterReport {
  readonly workspaceName: string;
  /** Undefined before a complete roster was shown. */
  readonly changes: RosterChanges | undefined;
  readonly firstLook: boolean;
  readonly former: readonly FormerMember[];
}

/** "12 changes", "1 change", "No changes". */
export function describeChangeCount(changes: RosterChanges): string {
  const n = changeCount(changes);
  return n === 0 ? l10n.t('No changes') : n === 1 ? l10n.t('1 change') : l10n.t('{0} changes', formatNumber(n));
}

function table(columns: readonly string[], rows: readonly string[][]): string[] {
  return [`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`)];
}

const person = (p: RosterPerson | FormerMember): string[] => [p.name, p.email ?? ''];

export function rosterReportMarkdown(report: RosterReport): string {
  const lines = [l10n.t('# Roster changes in {0}', markdownCell(report.workspaceName)), ''];
  const changes = report.changes;
  if (!changes) {
    lines.push(l10n.t('The members are still loading: changes are counted once the whole roster is known.'), '');
  } else if (report.firstLook) {
    lines.push(l10n.t('Nothing to compare yet: this is the first complete roster seen ({0}).', longDate(changes.until)), l10n.t('Changes will be counted from it at the next refresh.'), '');
  } else {
    lines.push(
      l10n.t(
        '**{0}** between the last look ({1}) and the roster of {2}: {3} joined, {4} left, {5} changed role.',
        describeChangeCount(changes),
        longDate(changes.since),
        longDate(changes.until),
        changes.joined.length,
        changes.left.length,
        changes.roleChanged.length,
      ),
      '',
    );
    if (changes.joined.length) lines.push(l10n.t('## Joined ({0})', changes.joined.length), '', ...table([l10n.t('Name'), l10n.t('Email'), l10n.t('Role')], changes.joined.map((p) => [...person(p), roleName(p.group)])), '');
    if (changes.left.length) lines.push(l10n.t('## Left ({0})', changes.left.length), '', ...table([l10n.t('Name'), l10n.t('Email'), l10n.t('Was')], changes.left.map((p) => [...person(p), roleName(p.group)])), '');
    if (changes.roleChanged.length) {
      lines.push(
        l10n.t('## Changed role ({0})', changes.roleChanged.length),
        '',
        ...table([l10n.t('Name'), l10n.t('Email'), l10n.t('Before → now')], changes.roleChanged.map((c) => [...person(c.person), `${roleName(c.from)} → ${roleName(c.person.group)}`])),
        '',
      );
    }
  }
  if (report.former.length) {
    lines.push(l10n.t('## Former members ({0})', report.former.length), '', l10n.t('People seen here as active members who no longer are.'), '', ...formerTable(report.former), '');
  }
  return lines.join('\n');
}

function formerTable(former: readonly FormerMember[]): string[] {
  return table([l10n.t('Name'), l10n.t('Email'), l10n.t('Was'), l10n.t('Last seen')], former.map((f) => [...person(f), roleName(f.group), longDate(f.lastSeenAt)]));
}

const iso = (ms: number): string => new Date(ms).toISOString();

function csv(columns: readonly string[], rows: readonly string[][]): string {
  return [columns.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}

/** One row per change: joined, left or role, with the roles before and after. */
export function exportRosterChanges(workspaceName: string, changes: RosterChanges, format: ExportFormat): string {
  if (format === 'markdown') return rosterReportMarkdown({ workspaceName, changes, firstLook: false, former: [] });
  const rows = [
    ...changes.joined.map((p) => ['joined', ...person(p), p.userGid, '', ROLE_NAMES[p.group]]),
    ...changes.left.map((p) => ['left', ...person(p), p.userGid, ROLE_NAMES[p.group], '']),
    ...changes.roleChanged.map((c) => ['role', ...person(c.person), c.person.userGid, ROLE_NAMES[c.from], ROLE_NAMES[c.person.group]]),
  ].map((r) => [...r, iso(changes.since), iso(changes.until)]);
  return csv(['change', 'name', 'email', 'user_gid', 'before', 'after', 'since', 'until'], rows);
}

export function exportFormerMembers(workspaceName: string, former: readonly FormerMember[], format: ExportFormat): string {
  if (format === 'markdown') return [`# Former members of ${markdownCell(workspaceName)}`, '', ...formerTable(former), ''].join('\n');
  return csv(['name', 'email', 'user_gid', 'was', 'last_seen'], former.map((f) => [...person(f), f.userGid, ROLE_NAMES[f.group], iso(f.lastSeenAt)]));
}
