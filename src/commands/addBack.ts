/** Asana: Add Back to Workspace, on a former member's row or on a row that turned inactive after a removal. */
import type * as vscode from 'vscode';
import { addBack } from '../flows/addPeople';
import { requireAccount, type Services } from '../services';
import { FormerNode, type MemberNode } from '../tree/nodes';
import { pickPerson } from './pickPerson';
import { registerCommand } from './runCommand';
import { l10n } from '../util/l10n';

export function registerAddBack(services: Services): vscode.Disposable {
  return registerCommand('asana.addBack', services, async (node: FormerNode | MemberNode) => {
    const account = await requireAccount(services, node);
    const workspaceGid = node.workspace.gid;
    const workspace = account.workspace(workspaceGid);
    if (!workspace) throw new Error(l10n.t('This workspace is no longer among your workspaces; refresh the Asana view.'));
    const userGid = node instanceof FormerNode ? node.former.userGid : node.membership.user.gid;
    await addBack(
      {
        account,
        ui: services.ui,
        logger: services.logger,
        pickPerson: (source, title) => pickPerson(services, account, source, title),
        reveal: (gid, user) => services.tree.revealMember(account, gid, user),
      },
      workspace,
      userGid,
    );
  });
}
