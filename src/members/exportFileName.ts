/**
 * The file name an export suggests: what it holds and of which workspace, and the day, so that
 * Save offers "Acme Corp members 2026-12-03.csv" rather than the first line of the table.
 */
import type { ExportFormat } from './exportMembers';

export type ExportWhat = 'members' | 'former' | 'changes';

const WHAT: Record<ExportWhat, string> = { members: 'members', former: 'former members', changes: 'roster changes' };
const EXTENSION: Record<ExportFormat, string> = { csv: 'csv', markdown: 'md' };
/** Characters no file system takes (Windows' reserved ones, controls) or that read as a path. */
const UNSAFE = /[\\/:*?"<>|\p{Cc}]+/gu;
/** Room for a folder in front of the name within the usual 255-byte limit. */
const MAX_NAME = 80;

export function exportFileName(workspaceName: string, what: ExportWhat, format: ExportFormat, day: Date): string {
  // Leading dots would hide the file, or climb a folder with the separators gone.
  const safe = workspaceName.replace(UNSAFE, ' ').replace(/\s+/g, ' ').replace(/^[.\s]+/, '');
  // Trimmed after shortening: a space at the end, of the name or of what is kept of it, is cut.
  const name = [...(safe || 'Asana workspace')].slice(0, MAX_NAME).join('').trim();
  return `${name} ${WHAT[what]} ${day.toISOString().slice(0, 10)}.${EXTENSION[format]}`;
}
