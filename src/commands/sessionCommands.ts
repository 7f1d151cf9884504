import * as vscode from 'vscode';
import { promptSignIn } from '../auth/signIn';
import { registerCommand } from './runCommand';
import type { Services } from '../services';
import { l10n } from '../util/l10n';

export function registerSessionCommands(services: Services): vscode.Disposable[] {
  const { session, logger } = services;
  return [
    registerCommand('asana.signIn', services, async () => {
      const signedIn = await promptSignIn(session, services.ui);
      if (signedIn) {
        void services.ui.showInformationMessage(l10n.t('Signed in to Asana as {0}.', signedIn.account.name));
        await vscode.commands.executeCommand(`${'asana.workspaces'}.focus`);
      }
      return signedIn?.account.gid;
    }),
    registerCommand('asana.signOut', services, async () => {
      const who = session.signedIn?.account.name;
      await session.signOut();
      if (who) void services.ui.showInformationMessage(l10n.t('Signed out of Asana ({0}).', who));
    }),
    registerCommand('asana.showLog', services, () => logger.channel.show()),
  ];
}
