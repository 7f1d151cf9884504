/** Members as CSV or a Markdown table, for the export command's untitled editor. */
import type { Membership } from '../asana/schemas';
import { escapeMarkdownInline } from '../util/markdown';

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

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP's list): `=`, `+`, `-`, `@`,
 * and a tab or carriage return that some importers strip before looking at the next character.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Characters that need quoting: the RFC 4180 ones (comma, quote, CR, LF), plus `;` and tab,
 * because spreadsheets in many locales split on semicolons and some on tabs, and an unquoted
 * `;=HYPERLINK(…)` would start a new cell with a formula.
 */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** RFC 4180 quoting, and a leading apostrophe against spreadsheet formula injection. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A table cell that renders as the text it holds: one line (a lone CR or LF, or any other line
 * break, would end the row) with the Markdown and HTML characters escaped, so a name such as
 * `![x](https://tracker…)` or `<img src=…>` stays text and `|` does not split the cell.
 */
export function markdownCell(value: string): string {
  return escapeMarkdownInline(value);
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
