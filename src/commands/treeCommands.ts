import type * as vscode from 'vscode';
import type { ChannelLogger } from '../log/channelLogger';
import type { WorkspaceTreeProvider } from '../tree/workspaceTree';
import { registerCommand } from './runCommand';

export function registerTreeCommands(tree: WorkspaceTreeProvider, logger: ChannelLogger): vscode.Disposable[] {
  return [
    registerCommand('asana.refresh', logger, () => tree.refresh()),
    registerCommand('asana.retryMembers', logger, (workspaceGid: string) => tree.retryMembers(workspaceGid)),
  ];
}
