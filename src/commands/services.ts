/** What commands are given: the session, the tree, the log and remembered choices. */
import * as vscode from 'vscode';
import type { AsanaClient } from '../asana/client';
import type { Session } from '../auth/session';
import { defaultWorkspaceGid } from '../config';
import type { ChannelLogger } from '../log/channelLogger';
import type { RecentUsers } from '../search/recentUsers';
import type { WorkspaceNode } from '../tree/nodes';
import type { WorkspaceTreeProvider } from '../tree/workspaceTree';
import { pickWorkspace } from '../ui/pickWorkspace';
import { Dismissed } from './runCommand';

export interface Services {
  readonly session: Session;
  readonly tree: WorkspaceTreeProvider;
  readonly logger: ChannelLogger;
  readonly recent: RecentUsers;
  readonly state: vscode.Memento;
}

export { Dismissed } from './runCommand';

/** The signed-in client; offers sign-in first when signed out. */
export async function requireClient(services: Services): Promise<AsanaClient> {
  if (!services.session.signedIn) {
    const choice = await vscode.window.showInformationMessage('Sign in to Asana first.', 'Sign In');
    if (choice === 'Sign In') await vscode.commands.executeCommand('asana.signIn');
  }
  const client = services.session.signedIn?.client;
  if (!client) throw new Dismissed();
  return client;
}

const LAST_WORKSPACE = 'asana.lastWorkspace';

/** The workspace to use without asking, if there is a clear one. */
export function preferredWorkspace(services: Services): WorkspaceNode | undefined {
  const nodes = services.tree.workspaceNodes();
  if (nodes.length === 1) return nodes[0];
  const candidates = [services.tree.selectedWorkspaceGid(), defaultWorkspaceGid(), services.state.get<string>(LAST_WORKSPACE)];
  for (const gid of candidates) {
    const node = gid ? nodes.find((n) => n.gid === gid) : undefined;
    if (node) return node;
  }
  return undefined;
}

/**
 * The workspace a search from the editor or palette is about: the one selected in the tree,
 * else the `asana.defaultWorkspace` setting, else the last one used, else asked.
 */
export async function contextWorkspace(services: Services, title: string): Promise<WorkspaceNode> {
  await services.tree.getChildren();
  const preferred = preferredWorkspace(services);
  if (preferred) return preferred;
  const picked = await pickWorkspace(services.tree, { title });
  if (!picked) throw new Dismissed();
  await services.state.update(LAST_WORKSPACE, picked.gid);
  return picked;
}
