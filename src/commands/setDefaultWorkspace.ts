/**
 * Asana: Set as Default Workspace, from a workspace row or the palette: the workspace Find Person,
 * Insert Person and @ completion use when nothing in the view says otherwise, without typing its id
 * into the settings. Each account keeps its own.
 */
import type * as vscode from 'vscode';
import { accountScope } from '../store/accountScope';
import { requireAccount, type Services } from '../services';
import type { WorkspaceNode } from '../tree/nodes';
import { pickWorkspace } from '../ui/pickWorkspace';
import { registerCommand } from './runCommand';
import { l10n } from '../util/l10n';

export function registerSetDefaultWorkspace(services: Services): vscode.Disposable {
  return registerCommand('asana.setDefaultWorkspace', services, async (node?: WorkspaceNode) => {
    const account = await requireAccount(services, node);
    const target = node?.workspace ?? (await pickWorkspace(services, account, { title: l10n.t('Set the Default Asana Workspace') }));
    if (!target) return;
    await services.defaults.set(accountScope(account), target.gid);
    void services.ui.showInformationMessage(l10n.t('{0} is the default workspace of Find Person, Insert Person and @ completion.', target.name));
  });
}
