/** Exports a workspace's members (all of them, not just the filtered rows) as CSV or Markdown. */
import * as vscode from 'vscode';
import { exportMembers, type ExportFormat } from '../members/exportMembers';
import { sortMembers } from '../members/sortMembers';
import type { WorkspaceNode } from '../tree/nodes';
import { pickWorkspace } from '../ui/pickWorkspace';
import { registerCommand } from './runCommand';
import { Dismissed, requireClient, type Services } from './services';

export function registerExportMembers(services: Services): vscode.Disposable {
  return registerCommand('asana.exportMembers', services.logger, async (node?: WorkspaceNode, format?: ExportFormat) => {
    await requireClient(services);
    const target = node ?? (await pickWorkspace(services.tree, { title: 'Export Members of an Asana Workspace' }));
    if (!target) return;
    const chosen =
      format ??
      (
        await vscode.window.showQuickPick(
          [
            { label: 'CSV', description: 'for spreadsheets', format: 'csv' as const },
            { label: 'Markdown', description: 'a table for documents', format: 'markdown' as const },
          ],
          { title: `Export Members of ${target.workspace.name}` },
        )
      )?.format;
    if (!chosen) throw new Dismissed();
    const found = await services.tree.workspace(target.gid);
    if (!found) return;
    const { listing } = found;
    if (listing.state === 'loading' || listing.state === 'idle') {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Loading all members of ${target.workspace.name}…` },
        () => listing.load(),
      );
    }
    if (listing.error) throw new Error(`Could not load every member, so nothing was exported: ${listing.error.message}`);
    const text = exportMembers(sortMembers(listing.memberships), (gid) => listing.emailOf(gid), chosen);
    const doc = await vscode.workspace.openTextDocument({ language: chosen === 'csv' ? 'csv' : 'markdown', content: text });
    await vscode.window.showTextDocument(doc, { preview: false });
    if (listing.emailError) void vscode.window.showWarningMessage(`Exported without emails: ${listing.emailError.message}`);
  });
}
