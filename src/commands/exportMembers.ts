/** Exports a workspace's members (all of them, not just the filtered rows) as CSV or Markdown. */
import * as vscode from 'vscode';
import { exportMembers, type ExportFormat } from '../members/exportMembers';
import type { WorkspaceNode } from '../tree/nodes';
import { withAsanaProgress } from '../ui/asanaProgress';
import { pickWorkspace } from '../ui/pickWorkspace';
import { timeAgo } from '../util/relativeTime';
import { registerCommand } from './runCommand';
import { Dismissed, requireAccount, type Services } from '../services';

export function registerExportMembers(services: Services): vscode.Disposable {
  return registerCommand('asana.exportMembers', services, async (node?: WorkspaceNode, format?: ExportFormat) => {
    const account = await requireAccount(services);
    const target = node?.workspace ?? (await pickWorkspace(services, account, { title: 'Export Members of an Asana Workspace' }));
    if (!target) return;
    const chosen =
      format ??
      (
        await services.ui.showQuickPick(
          [
            { label: 'CSV', description: 'for spreadsheets', format: 'csv' as const },
            { label: 'Markdown', description: 'a table for documents', format: 'markdown' as const },
          ],
          { title: `Export Members of ${target.name}` },
        )
      )?.format;
    if (!chosen) throw new Dismissed();
    const members = account.loadMembers(target.gid);
    if (!members) return;
    if (members.state !== 'done') await withAsanaProgress(services.ui, account.client, `Loading all members of ${target.name}…`, () => members.start());
    if (members.state === 'failed') throw new Error(`Could not load every member, so nothing was exported: ${members.error?.message ?? 'unknown error'}`);
    const index = members.index;
    const text = exportMembers(index.all(), (gid) => index.emailOf(gid), chosen);
    const doc = await vscode.workspace.openTextDocument({ language: chosen === 'csv' ? 'csv' : 'markdown', content: text });
    await vscode.window.showTextDocument(doc, { preview: false });
    if (members.fromSnapshot && members.asOf !== undefined) {
      void services.ui.showInformationMessage(`Exported the members of ${target.name} as of ${timeAgo(members.asOf)}; a refresh is under way.`);
    }
    if (members.emailError) void services.ui.showWarningMessage(`Exported without emails: ${members.emailError.message}`);
  });
}
