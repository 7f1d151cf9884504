/**
 * Asana: Select Workspaces…: which workspaces the view shows, for people who see many and manage a
 * few. Every workspace is offered, the shown ones ticked; at least one stays shown, so the view is
 * never empty by choice without saying so.
 */
import type * as vscode from 'vscode';
import { accountScope } from '../store/accountScope';
import { knownWorkspaces, requireAccount, type Services } from '../services';
import type { HiddenWorkspaces } from '../tree/hiddenWorkspaces';
import type { AccountNode } from '../tree/nodes';
import { registerCommand } from './runCommand';
import { l10n } from '../util/l10n';

export function registerSelectWorkspaces(services: Services, hidden: HiddenWorkspaces): vscode.Disposable {
  return registerCommand('asana.selectWorkspaces', services, async (row?: AccountNode) => {
    const account = await requireAccount(services, row);
    const scope = accountScope(account);
    const all = await knownWorkspaces(account);
    const hiddenNow = hidden.of(scope);
    const picked = await services.ui.showQuickPick(
      all.map((w) => ({ label: w.name, description: w.is_organization ? l10n.t('organization') : l10n.t('workspace'), picked: !hiddenNow.has(w.gid), gid: w.gid })),
      { title: l10n.t('Select the Workspaces the Asana View Shows'), placeHolder: l10n.t('Untick the workspaces you do not manage'), canPickMany: true, ignoreFocusOut: true },
    );
    if (!picked) return;
    if (picked.length === 0) {
      void services.ui.showWarningMessage(l10n.t('Choose at least one workspace to show. Nothing was changed.'));
      return;
    }
    const shown = new Set(picked.map((p) => p.gid));
    await hidden.set(scope, all.filter((w) => !shown.has(w.gid)).map((w) => w.gid));
  });
}
