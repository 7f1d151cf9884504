/** Looks up a workspace membership by its id, then reveals it or says what it is. */
import * as vscode from 'vscode';
import { requireGid } from '../asana/validate';
import { describeMember } from '../members/describeMember';
import { withAsanaProgress } from '../ui/asanaProgress';
import { registerCommand } from './runCommand';
import { Dismissed, requireAccount, type Services } from '../services';

export function registerOpenMembership(services: Services): vscode.Disposable {
  return registerCommand('asana.openMembership', services, async (gidArg?: string) => {
    const account = await requireAccount(services);
    const client = account.client;
    const text =
      gidArg ??
      (await services.ui.showInputBox({
        title: 'Open Asana Workspace Membership',
        prompt: 'The id of a workspace membership (digits only).',
        ignoreFocusOut: true,
        validateInput: (v) => (/^\s*\d{1,32}\s*$/.test(v) ? undefined : 'A membership id is made of digits, e.g. 1200000000000123.'),
      }));
    if (text === undefined) throw new Dismissed();
    const gid = requireGid(text, 'membership');
    const m = await withAsanaProgress(services.ui, client, 'Looking up the membership…', (p) => client.getWorkspaceMembership(gid, { signal: p.signal }));
    if (m.is_active && (await services.tree.revealMember(m.workspace.gid, m.user.gid))) return;
    const choice = await services.ui.showInformationMessage(
      `${m.user.name} in ${m.workspace.name}: ${describeMember(m, undefined) || 'member'}${m.is_active ? '' : ' (removed)'}.`,
      'Show All Their Memberships',
    );
    if (choice) await vscode.commands.executeCommand('asana.showUserMemberships', m.user);
  });
}
