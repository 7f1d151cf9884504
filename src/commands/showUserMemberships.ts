/**
 * Every membership of one person, inactive ones included (only the per-user listing has them:
 * the most asked question about this API), with roles and dates; picking one reveals it.
 */
import type * as vscode from 'vscode';
import type { Membership } from '../asana/schemas';
import { badgesOf } from '../members/describeMember';
import { FormerNode, type MemberNode } from '../tree/nodes';
import { withAsanaProgress } from '../ui/asanaProgress';
import { registerCommand } from './runCommand';
import { contextWorkspace, Dismissed, requireAccount, type Services } from '../services';
import { pickPerson } from './pickPerson';
import { l10n } from '../util/l10n';
import type { AccountStore } from '../store/accountStore';

type UserRef = { gid: string; name: string };

export function registerShowUserMemberships(services: Services): vscode.Disposable {
  return registerCommand('asana.showUserMemberships', services, async (arg?: MemberNode | FormerNode | UserRef) => {
    const account = await requireAccount(services, arg);
    const client = account.client;
    const user =
      arg instanceof FormerNode
        ? { gid: arg.former.userGid, name: arg.former.name }
        : arg && 'membership' in arg
          ? arg.membership.user
          : arg ?? (await askUser(services, account));
    const memberships = await withAsanaProgress(services.ui, client, l10n.t('Loading the memberships of {0}…', user.name), (p) =>
      client.listUserMemberships(user.gid, { signal: p.signal }),
    );
    if (memberships.length === 0) {
      void services.ui.showInformationMessage(l10n.t('{0} has no membership in a workspace you can see.', user.name));
      return;
    }
    const picked = await services.ui.showQuickPick(memberships.map(toItem), {
      title:
        memberships.length === 1
          ? l10n.t('{0}: 1 membership ({1} inactive)', user.name, memberships.filter((m) => !m.is_active).length)
          : l10n.t('{0}: {1} memberships ({2} inactive)', user.name, memberships.length, memberships.filter((m) => !m.is_active).length),
      placeHolder: l10n.t('Pick one to reveal it in the Asana view'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return;
    if (!picked.membership.is_active) {
      void services.ui.showInformationMessage(
        l10n.t("{0}'s membership in {1} is inactive (removed); Asana lists only active members in a workspace.", user.name, picked.membership.workspace.name),
      );
      return;
    }
    await services.tree.revealMember(account, picked.membership.workspace.gid, user.gid);
  });
}

async function askUser(services: Services, account: AccountStore): Promise<UserRef> {
  const workspace = await contextWorkspace(services, account, l10n.t('Find the Person in Which Workspace?'));
  const user = await pickPerson(services, account, workspace, l10n.t('Whose memberships? (search {0})', workspace.name));
  if (!user) throw new Dismissed();
  return user;
}

function toItem(m: Membership): vscode.QuickPickItem & { membership: Membership } {
  const badges = badgesOf(m).filter((b) => b !== 'inactive');
  return {
    label: `${m.is_active ? '$(pass)' : '$(circle-slash)'} ${m.workspace.name}`,
    description: [m.is_active ? l10n.t('active') : l10n.t({ message: 'inactive', comment: 'a badge in a member\'s row' }), ...badges].join(' · '),
    detail: l10n.t('Member since {0} · membership {1}', m.created_at?.slice(0, 10) ?? l10n.t('unknown'), m.gid),
    membership: m,
  };
}
