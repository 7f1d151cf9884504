/** Asana: Rename Workspace…, from a workspace row or the palette. */
import type * as vscode from 'vscode';
import { renameWorkspace } from '../flows/renameWorkspace';
import { requireAccount, type Services } from '../services';
import type { WorkspaceNode } from '../tree/nodes';
import { pickWorkspace } from '../ui/pickWorkspace';
import { registerCommand } from './runCommand';
import { l10n } from '../util/l10n';

export function registerRenameWorkspace(services: Services): vscode.Disposable {
  return registerCommand('asana.renameWorkspace', services, async (node?: WorkspaceNode) => {
    const account = await requireAccount(services, node);
    // F2 in the view hands no row: the selected row's workspace.
    const selected = node ? undefined : services.tree.selectedWorkspaceGid();
    const target = node?.workspace ?? (selected ? account.workspace(selected) : undefined) ?? (await pickWorkspace(services, account, { title: l10n.t('Rename Asana Workspace') }));
    if (target) await renameWorkspace({ account, ui: services.ui, logger: services.logger }, target);
  });
}
