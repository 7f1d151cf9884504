/** Looks up a workspace membership by its id, then reveals it or says what it is. */
import * as vscode from 'vscode';
import { requireGid } from '../asana/validate';
import { describeMember } from '../members/describeMember';
import { withAsanaProgress } from '../ui/asanaProgress';
import { registerCommand } from './runCommand';
import { Dismissed, requireAccount, type Services } from '../services';
import { l10n } from '../util/l10n';

export function registerOpenMembership(services: Services): vscode.Disposable {
  return registerCommand('asana.openMembership', services, async (gidArg?: string) => {
    const account = await requireAccount(services);
    const client = account.client;
    const text =
      gidArg ??
      (await services.ui.showInputBox({
        title: l10n.t('Open Asana Workspace Membership'),
        prompt: l10n.t('The id of a workspace membership (digits only).'),
        ignoreFocusOut: true,
        validateInput: (v) => (/^\s*\d{1,32}\s*$/.test(v) ? undefined : l10n.t('A membership id is made of digits, e.g. 1200000000000123.')),
      }));
    if (text === undefined) throw new Dismissed();
    const gid = requireGid(text, 'membership');
    const m = await withAsanaProgress(services.ui, client, l10n.t('Looking up the membership…'), (p) => client.getWorkspaceMembership(gid, { signal: p.signal }));
    if (m.is_active && (await services.tree.revealMember(account, m.workspace.gid, m.user.gid))) return;
    const choice = await services.ui.showInformationMessage(
      m.is_active
        ? l10n.t('{0} in {1}: {2}.', m.user.name, m.workspace.name, describeMember(m, undefined) || l10n.t({ message: 'member', comment: 'a badge in a member\'s row' }))
        : l10n.t('{0} in {1}: {2} (removed).', m.user.name, m.workspace.name, describeMember(m, undefined) || l10n.t({ message: 'member', comment: 'a badge in a member\'s row' })),
      l10n.t('Show All Their Memberships'),
    );
    if (choice) await vscode.commands.executeCommand('asana.showUserMemberships', m.user);
  });
}
