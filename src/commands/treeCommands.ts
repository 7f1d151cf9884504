import type * as vscode from 'vscode';
import { registerCommand } from './runCommand';
import type { Services } from '../services';

export function registerTreeCommands(services: Services): vscode.Disposable[] {
  const { store, tree } = services;
  return [
    registerCommand('asana.refresh', services, () => tree.refresh()),
    registerCommand('asana.retryMembers', services, (workspaceGid: string) => store.account?.membersOf(workspaceGid)?.refresh()),
  ];
}
