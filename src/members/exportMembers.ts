/** Members as CSV or a Markdown table, for the export command's untitled editor. */
import type { Membership } from '../asana/schemas';

export type ExportFormat = 'csv' | 'markdown';

const COLUMNS = ['name', 'email', 'admin', 'guest', 'view_only', 'active', 'created_at'] as const;

function row(m: Membership, email: string | undefined): string[] {
  return [
    m.user.name,
    email ?? '',
    String(m.is_admin),
    String(m.is_guest),
    String(m.is_view_only),
    String(m.is_active),
    m.created_at ?? '',
  ];
}

/** RFC 4180 quoting, and a leading apostrophe against spreadsheet formula injection. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function markdownCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function exportMembers(
  members: readonly Membership[],
  emailOf: (userGid: string) => string | undefined,
  format: ExportFormat,
): string {
  const rows = members.map((m) => row(m, emailOf(m.user.gid)));
  if (format === 'csv') {
    return [COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
  }
  const header = `| ${COLUMNS.join(' | ')} |`;
  const rule = `| ${COLUMNS.map(() => '---').join(' | ')} |`;
  return [header, rule, ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`)].join('\n') + '\n';
}
