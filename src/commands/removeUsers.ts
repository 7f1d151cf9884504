/** Asana: Remove from Workspace…, from member rows (several selected) or the palette. */
import type * as vscode from 'vscode';
import { chooseRemovalTarget, removePeople, type RemovalTarget } from '../flows/removePeople';
import { requireAccount, type Services } from '../services';
import type { MemberNode } from '../tree/nodes';
import { registerCommand } from './runCommand';

export function registerRemoveUsers(services: Services): vscode.Disposable {
  return registerCommand('asana.removeUsers', services, async (node?: MemberNode, selected?: MemberNode[]) => {
    const account = await requireAccount(services, node ?? services.tree.selectedMembers()[0]);
    const ctx = { account, ui: services.ui, logger: services.logger };
    // Delete in the view hands no row: the selected members.
    const rows = node ? undefined : services.tree.selectedMembers();
    const target = node ? fromTree(node, selected) : rows?.length ? fromTree(rows[0]!, rows) : await chooseRemovalTarget(ctx);
    if (target && target.members.length > 0) await removePeople(ctx, target);
  });
}

function fromTree(node: MemberNode, selected: MemberNode[] | undefined): RemovalTarget {
  // With several rows selected VS Code passes them all; keep the members of the clicked row's workspace.
  const nodes = selected?.length ? selected.filter((n) => 'membership' in n && n.workspace.gid === node.workspace.gid) : [node];
  return { workspace: node.workspace.workspace, members: nodes.map((n) => n.membership) };
}
