/** Small tree actions: open in Asana, copy email or id. */
import * as vscode from 'vscode';
import { myTasksUrl, profileUrl, workspaceUrl } from '../asanaLinks';
import { FormerNode, type MemberNode, type WorkspaceNode } from '../tree/nodes';
import { registerCommand } from './runCommand';
import type { Services } from '../services';
import { l10n } from '../util/l10n';

export function registerLinkCommands(services: Services): vscode.Disposable[] {
  const open = (url: string) => vscode.env.openExternal(vscode.Uri.parse(url));
  const copy = async (text: string, what: string) => {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`$(check) ${l10n.t('Copied {0}', what)}`, 3_000);
  };
  return [
    registerCommand('asana.openInAsana', services, (node?: WorkspaceNode | MemberNode | FormerNode) => {
      if (!node) return open('https://app.asana.com/');
      if (node instanceof FormerNode) return open(profileUrl(node.former.userGid));
      return 'membership' in node ? open(profileUrl(node.membership.user.gid)) : open(workspaceUrl(node.gid));
    }),
    registerCommand('asana.openMyTasks', services, (node: MemberNode) => {
      const list = node.membership.user_task_list;
      if (!list) throw new Error(l10n.t('{0} has no My Tasks list in this workspace.', node.membership.user.name));
      return open(myTasksUrl(list.gid));
    }),
    registerCommand('asana.copyEmail', services, (node: MemberNode | FormerNode, selected?: (MemberNode | FormerNode)[]) => {
      const nodes = selected?.length ? selected.filter((n) => 'membership' in n || n instanceof FormerNode) : [node];
      const emails = nodes.map((n) => (n instanceof FormerNode ? n.former.email : n.email)).filter((e): e is string => !!e);
      if (emails.length === 0) throw new Error(l10n.t('Asana did not give an email address for this member.'));
      return copy(emails.join(', '), emails.length === 1 ? emails[0]! : l10n.t('{0} email addresses', emails.length));
    }),
    registerCommand('asana.copyGid', services, (node: WorkspaceNode | MemberNode | FormerNode) => {
      const gid = node instanceof FormerNode ? node.former.userGid : 'membership' in node ? node.membership.user.gid : node.gid;
      return copy(gid, l10n.t({ message: 'id {0}', args: [gid], comment: 'after "Copied": the id that was copied' }));
    }),
  ];
}
