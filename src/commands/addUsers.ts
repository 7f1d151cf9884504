/** Asana: Add People to Workspace…, from a workspace row or the palette. */
import type * as vscode from 'vscode';
import { addPeople } from '../flows/addPeople';
import { requireAccount, type Services } from '../services';
import type { WorkspaceNode } from '../tree/nodes';
import { pickWorkspace } from '../ui/pickWorkspace';
import { pickPerson } from './pickPerson';
import { registerCommand } from './runCommand';
import { l10n } from '../util/l10n';

export function registerAddUsers(services: Services): vscode.Disposable {
  return registerCommand('asana.addUsers', services, async (node?: WorkspaceNode) => {
    const account = await requireAccount(services, node);
    const target = node?.workspace ?? (await pickWorkspace(services, account, { title: l10n.t('Add People to an Asana Workspace') }));
    if (!target) return;
    await addPeople(
      {
        account,
        ui: services.ui,
        logger: services.logger,
        pickPerson: (source, title) => pickPerson(services, account, source, title),
        reveal: (gid, user) => services.tree.revealMember(account, gid, user),
      },
      target,
    );
  });
}
