/** Asks which workspace, when a command comes from the palette rather than from a tree node. */
import * as vscode from 'vscode';
import type { WorkspaceNode } from '../tree/nodes';
import type { WorkspaceTreeProvider } from '../tree/workspaceTree';

export interface PickWorkspaceOptions {
  readonly title: string;
  /** Only workspaces where the signed-in user is an admin (for removing people). */
  readonly adminOnly?: boolean;
  /** A workspace not to offer (the one people are being added to). */
  readonly exclude?: string;
}

export async function pickWorkspace(tree: WorkspaceTreeProvider, opts: PickWorkspaceOptions): Promise<WorkspaceNode | undefined> {
  await tree.getChildren();
  let nodes = tree.workspaceNodes().filter((n) => n.gid !== opts.exclude);
  if (opts.adminOnly) {
    const admin = await Promise.all(nodes.map((n) => tree.isAdmin(n.gid)));
    nodes = nodes.filter((_, i) => admin[i] === true);
    if (nodes.length === 0) {
      void vscode.window.showWarningMessage('You are not an admin of any of your Asana workspaces, so you cannot remove people.');
      return undefined;
    }
  }
  if (nodes.length === 0) {
    void vscode.window.showWarningMessage('No Asana workspace to choose from. Sign in, or refresh the Asana view.');
    return undefined;
  }
  if (nodes.length === 1) return nodes[0];
  const picked = await vscode.window.showQuickPick(
    nodes.map((node) => ({
      label: node.workspace.name,
      description: node.workspace.is_organization ? 'organization' : 'workspace',
      detail: node.workspace.email_domains.join(', ') || undefined,
      node,
    })),
    { title: opts.title, placeHolder: 'Choose a workspace', matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.node;
}
