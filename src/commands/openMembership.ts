/** Looks up a workspace membership by its id, then reveals it or says what it is. */
import * as vscode from 'vscode';
import { requireGid } from '../asana/validate';
import { describeMember } from '../members/describeMember';
import { withAsanaProgress } from '../ui/asanaProgress';
import { registerCommand } from './runCommand';
import { Dismissed, requireClient, type Services } from './services';

export function registerOpenMembership(services: Services): vscode.Disposable {
  return registerCommand('asana.openMembership', services.logger, async (gidArg?: string) => {
    const client = await requireClient(services);
    const text =
      gidArg ??
      (await vscode.window.showInputBox({
        title: 'Open Asana Workspace Membership',
        prompt: 'The id of a workspace membership (digits only).',
        ignoreFocusOut: true,
        validateInput: (v) => (/^\s*\d{1,32}\s*$/.test(v) ? undefined : 'A membership id is made of digits, e.g. 1200000000000123.'),
      }));
    if (text === undefined) throw new Dismissed();
    const gid = requireGid(text, 'membership');
    const m = await withAsanaProgress(client, 'Looking up the membership…', (p) => client.getWorkspaceMembership(gid, { signal: p.signal }));
    const node = m.is_active ? await services.tree.memberNode(m.workspace.gid, m.user.gid) : undefined;
    if (node) {
      await vscode.commands.executeCommand('asana.workspaces.focus');
      await services.tree.reveal(node);
      return;
    }
    const choice = await vscode.window.showInformationMessage(
      `${m.user.name} in ${m.workspace.name}: ${describeMember(m, undefined) || 'member'}${m.is_active ? '' : ' (removed)'}.`,
      'Show All Their Memberships',
    );
    if (choice) await vscode.commands.executeCommand('asana.showUserMemberships', m.user);
  });
}
