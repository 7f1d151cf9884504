/** Finds a person by typeahead, then offers what one does with them. */
import * as vscode from 'vscode';
import { profileUrl } from '../asanaLinks';
import type { TypeaheadUser } from '../asana/schemas';
import { pickPerson } from './pickPerson';
import { registerCommand } from './runCommand';
import { contextWorkspace, Dismissed, requireClient, type Services } from './services';

export function registerFindUser(services: Services): vscode.Disposable {
  return registerCommand('asana.findUser', services.logger, async () => {
    const client = await requireClient(services);
    const workspace = await contextWorkspace(services, 'Find a Person in Which Workspace?');
    const user = await pickPerson(services, client, workspace, `Find a Person in ${workspace.workspace.name}`);
    if (!user) throw new Dismissed();
    await offerActions(services, workspace.gid, user);
  });
}

export async function offerActions(services: Services, workspaceGid: string, user: TypeaheadUser): Promise<void> {
  const client = await requireClient(services);
  const actions = [
    { label: '$(list-tree) Reveal in the Asana View', id: 'reveal' },
    { label: '$(history) Show All Memberships', description: 'including inactive ones', id: 'memberships' },
    { label: '$(mail) Copy Email', id: 'email' },
    { label: '$(copy) Copy User Id', description: user.gid, id: 'gid' },
    { label: '$(link-external) Open Profile in Asana', id: 'open' },
  ];
  const action = await vscode.window.showQuickPick(actions, { title: user.name, placeHolder: 'What do you want to do?' });
  switch (action?.id) {
    case 'reveal': {
      const node = await vscode.window.withProgress({ location: { viewId: 'asana.workspaces' } }, () =>
        services.tree.memberNode(workspaceGid, user.gid),
      );
      if (!node) throw new Error(`${user.name} is not an active member of this workspace.`);
      await vscode.commands.executeCommand('asana.workspaces.focus');
      await services.tree.reveal(node);
      return;
    }
    case 'memberships':
      await vscode.commands.executeCommand('asana.showUserMemberships', { gid: user.gid, name: user.name });
      return;
    case 'email': {
      const email = services.tree.listingOf(workspaceGid)?.emailOf(user.gid) ?? (await client.getUser(user.gid)).email;
      if (!email) throw new Error(`Asana does not show ${user.name}'s email address to you.`);
      await vscode.env.clipboard.writeText(email);
      void vscode.window.showInformationMessage(`Copied ${email}.`);
      return;
    }
    case 'gid':
      await vscode.env.clipboard.writeText(user.gid);
      void vscode.window.showInformationMessage(`Copied ${user.name}'s user id.`);
      return;
    case 'open':
      await vscode.env.openExternal(vscode.Uri.parse(profileUrl(user.gid)));
      return;
  }
}
