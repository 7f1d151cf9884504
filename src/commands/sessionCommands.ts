import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { promptSignIn } from '../auth/signIn';
import type { ChannelLogger } from '../log/channelLogger';
import { registerCommand } from './runCommand';

export function registerSessionCommands(session: Session, logger: ChannelLogger): vscode.Disposable[] {
  return [
    registerCommand('asana.signIn', logger, async () => {
      const signedIn = await promptSignIn(session);
      if (signedIn) {
        void vscode.window.showInformationMessage(`Signed in to Asana as ${signedIn.account.name}.`);
        await vscode.commands.executeCommand(`${'asana.workspaces'}.focus`);
      }
      return signedIn?.account.gid;
    }),
    registerCommand('asana.signOut', logger, async () => {
      const who = session.signedIn?.account.name;
      await session.signOut();
      if (who) void vscode.window.showInformationMessage(`Signed out of Asana (${who}).`);
    }),
    registerCommand('asana.showLog', logger, () => logger.channel.show()),
  ];
}
