/** Finds a person (from the store at once when the members are known), then offers what one does with them. */
import * as vscode from 'vscode';
import { profileUrl } from '../asanaLinks';
import type { TypeaheadUser } from '../asana/schemas';
import type { AccountStore } from '../store/accountStore';
import { pickPerson } from './pickPerson';
import { registerCommand } from './runCommand';
import { contextWorkspace, Dismissed, requireAccount, type Services } from '../services';
import { l10n } from '../util/l10n';

export function registerFindUser(services: Services): vscode.Disposable {
  return registerCommand('asana.findUser', services, async () => {
    const account = await requireAccount(services);
    const workspace = await contextWorkspace(services, account, l10n.t('Find a Person in Which Workspace?'));
    const user = await pickPerson(services, account, workspace, l10n.t('Find a Person in {0}', workspace.name));
    if (!user) throw new Dismissed();
    await offerActions(services, account, workspace.gid, user);
  });
}

export async function offerActions(services: Services, account: AccountStore, workspaceGid: string, user: TypeaheadUser): Promise<void> {
  const actions = [
    { label: `$(list-tree) ${l10n.t('Reveal in the Asana View')}`, id: 'reveal' },
    { label: `$(history) ${l10n.t('Show All Memberships')}`, description: l10n.t('including inactive ones'), id: 'memberships' },
    { label: `$(mail) ${l10n.t('Copy Email')}`, id: 'email' },
    { label: `$(copy) ${l10n.t('Copy User Id')}`, description: user.gid, id: 'gid' },
    { label: `$(link-external) ${l10n.t('Open Profile in Asana')}`, id: 'open' },
  ];
  const action = await services.ui.showQuickPick(actions, { title: user.name, placeHolder: l10n.t('What do you want to do?') });
  switch (action?.id) {
    case 'reveal': {
      const shown = await vscode.window.withProgress({ location: { viewId: 'asana.workspaces' } }, () => services.tree.revealMember(account, workspaceGid, user.gid));
      if (!shown) throw new Error(l10n.t('{0} is not an active member of this workspace.', user.name));
      return;
    }
    case 'memberships':
      await vscode.commands.executeCommand('asana.showUserMemberships', { gid: user.gid, name: user.name });
      return;
    case 'email': {
      const email = account.membersOf(workspaceGid)?.index.emailOf(user.gid) ?? (await account.client.getUser(user.gid)).email;
      if (!email) throw new Error(l10n.t("Asana does not show {0}'s email address to you.", user.name));
      await vscode.env.clipboard.writeText(email);
      void services.ui.showInformationMessage(l10n.t('Copied {0}.', email));
      return;
    }
    case 'gid':
      await vscode.env.clipboard.writeText(user.gid);
      void services.ui.showInformationMessage(l10n.t("Copied {0}'s user id.", user.name));
      return;
    case 'open':
      await vscode.env.openExternal(vscode.Uri.parse(profileUrl(user.gid)));
      return;
  }
}
