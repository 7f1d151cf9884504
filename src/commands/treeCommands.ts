import type * as vscode from 'vscode';
import { registerCommand } from './runCommand';
import type { Services } from '../services';
import type { WorkspaceNode } from '../tree/nodes';

export function registerTreeCommands(services: Services): vscode.Disposable[] {
  const { tree } = services;
  return [
    registerCommand('asana.refresh', services, () => tree.refresh()),
    registerCommand('asana.retryMembers', services, (node: WorkspaceNode) => tree.accountOf(node)?.membersOf(node.gid)?.refresh()),
  ];
}
