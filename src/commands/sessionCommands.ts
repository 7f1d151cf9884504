import * as vscode from 'vscode';
import { promptSignIn } from '../auth/signIn';
import { registerCommand } from './runCommand';
import type { Services } from '../services';

export function registerSessionCommands(services: Services): vscode.Disposable[] {
  const { session, logger } = services;
  return [
    registerCommand('asana.signIn', services, async () => {
      const signedIn = await promptSignIn(session, services.ui);
      if (signedIn) {
        void services.ui.showInformationMessage(`Signed in to Asana as ${signedIn.account.name}.`);
        await vscode.commands.executeCommand(`${'asana.workspaces'}.focus`);
      }
      return signedIn?.account.gid;
    }),
    registerCommand('asana.signOut', services, async () => {
      const who = session.signedIn?.account.name;
      await session.signOut();
      if (who) void services.ui.showInformationMessage(`Signed out of Asana (${who}).`);
    }),
    registerCommand('asana.showLog', services, () => logger.channel.show()),
  ];
}
