/**
 * Exports a workspace's members (all of them, not just the filtered rows), its former members or
 * its roster changes, as CSV or Markdown.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportFileName, type ExportWhat } from '../members/exportFileName';
import { exportMembers, type ExportFormat } from '../members/exportMembers';
import { exportFormerMembers, exportRosterChanges } from '../members/rosterExport';
import { ChangesNode, FormerGroupNode, WorkspaceNode } from '../tree/nodes';
import { withAsanaProgress } from '../ui/asanaProgress';
import { pickWorkspace } from '../ui/pickWorkspace';
import { shortDate, timeAgo } from '../util/relativeTime';
import { formatNumber } from '../util/displayLocale';
import { changeCount } from '../store/rosterChanges';
import type { WorkspaceMembers } from '../store/workspaceMembers';
import { registerCommand } from './runCommand';
import { Dismissed, requireAccount, type Services } from '../services';
import { l10n } from '../util/l10n';

/**
 * A new, unsaved editor named as the file to save (Save offers that name, in the open folder), in
 * CSV's own line endings (CRLF, as RFC 4180 and spreadsheets expect) or Markdown's.
 */
async function openExport(fileName: string, text: string, format: ExportFormat): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
  const taken = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  let uri = vscode.Uri.file(path.join(folder, fileName)).with({ scheme: 'untitled' });
  // A second export the same day beside the first, unsaved one: "… (2).csv".
  for (let n = 2; taken.has(uri.toString()); n++) uri = vscode.Uri.file(path.join(folder, fileName.replace(/(\.\w+)$/, ` (${n})$1`))).with({ scheme: 'untitled' });
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  await editor.edit((edit) => {
    edit.insert(new vscode.Position(0, 0), text);
    edit.setEndOfLine(format === 'csv' ? vscode.EndOfLine.CRLF : vscode.EndOfLine.LF);
  });
  // VS Code has no CSV language of its own; a CSV extension, when installed, adds one.
  if (format === 'csv' && (await vscode.languages.getLanguages()).includes('csv')) await vscode.languages.setTextDocumentLanguage(doc, 'csv');
  editor.selection = new vscode.Selection(0, 0, 0, 0);
}

export function registerExportMembers(services: Services): vscode.Disposable {
  return registerCommand(
    'asana.exportMembers',
    services,
    async (node?: WorkspaceNode | ChangesNode | FormerGroupNode | string, format?: ExportFormat, what?: ExportWhat) => {
      const account = await requireAccount(services, node);
      const gid = typeof node === 'string' ? node : node instanceof WorkspaceNode ? node.gid : node?.parent.gid;
      const target = gid ? account.workspace(gid) : await pickWorkspace(services, account, { title: l10n.t('Export Members of an Asana Workspace') });
      if (!target) return;
      const members = account.loadMembers(target.gid);
      if (!members) return;
      const chosenWhat = what ?? (node instanceof ChangesNode ? 'changes' : node instanceof FormerGroupNode ? 'former' : await askWhat(services, target.name, members));
      const chosen =
        format ??
        (
          await services.ui.showQuickPick(
            [
              { label: 'CSV', description: l10n.t('for spreadsheets'), format: 'csv' as const },
              { label: 'Markdown', description: l10n.t('a table for documents'), format: 'markdown' as const },
            ],
            {
              title:
                chosenWhat === 'members'
                  ? l10n.t('Export Members of {0}', target.name)
                  : chosenWhat === 'former'
                    ? l10n.t('Export Former Members of {0}', target.name)
                    : l10n.t('Export Roster Changes of {0}', target.name),
            },
          )
        )?.format;
      if (!chosen) throw new Dismissed();
      if (members.state !== 'done') await withAsanaProgress(services.ui, account.client, l10n.t('Loading all members of {0}…', target.name), () => members.start());
      if (members.state === 'failed') throw new Error(l10n.t('Could not load every member, so nothing was exported: {0}', members.error?.message ?? l10n.t('unknown error')));
      const text = exportText(target.name, members, chosenWhat, chosen);
      await openExport(exportFileName(target.name, chosenWhat, chosen, new Date()), text, chosen);
      if (chosenWhat === 'members' && members.fromSnapshot && members.asOf !== undefined) {
        void services.ui.showInformationMessage(l10n.t('Exported the members of {0} as of {1}; a refresh is under way.', target.name, timeAgo(members.asOf)));
      }
      if (chosenWhat === 'members' && members.emailError) void services.ui.showWarningMessage(l10n.t('Exported without emails: {0}', members.emailError.message));
    },
  );
}

function exportText(workspaceName: string, members: WorkspaceMembers, what: ExportWhat, format: ExportFormat): string {
  const history = members.history;
  if (what === 'former') return exportFormerMembers(workspaceName, history.former, format);
  if (what === 'changes') {
    if (!history.changes || history.isFirstLook) throw new Error(l10n.t('No roster changes of {0} to export yet: they are counted from the next complete listing.', workspaceName));
    return exportRosterChanges(workspaceName, history.changes, format);
  }
  const index = members.index;
  return exportMembers(index.all(), (gid) => index.emailOf(gid), format);
}

/** Members, or the former members and the roster changes when there are any. */
async function askWhat(services: Services, workspaceName: string, members: WorkspaceMembers): Promise<ExportWhat> {
  await members.history.whenLoaded();
  const { former, changes, isFirstLook } = members.history;
  const items: { label: string; description: string; what: ExportWhat }[] = [
    { label: l10n.t('Members'), description: members.state === 'done' ? formatNumber(members.index.activeCount) : l10n.t('all of them'), what: 'members' },
  ];
  if (former.length) items.push({ label: l10n.t('Former Members'), description: formatNumber(former.length), what: 'former' });
  if (changes && !isFirstLook) items.push({ label: l10n.t('Roster Changes'), description: l10n.t('{0} since {1}', formatNumber(changeCount(changes)), shortDate(changes.since)), what: 'changes' });
  if (items.length === 1) return 'members';
  const picked = await services.ui.showQuickPick(items, { title: l10n.t('Export from {0}', workspaceName), placeHolder: l10n.t('What to export?') });
  if (!picked) throw new Dismissed();
  return picked.what;
}
