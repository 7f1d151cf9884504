import * as vscode from 'vscode';
import { promptSignIn } from '../auth/signIn';
import { registerCommand } from './runCommand';
import type { Services } from '../services';
import type { AccountNode } from '../tree/nodes';
import { l10n } from '../util/l10n';

export function registerSessionCommands(services: Services): vscode.Disposable[] {
  const { session, logger } = services;
  const signIn = async () => {
    const signedIn = await promptSignIn(session, services.ui);
    if (signedIn) {
      void services.ui.showInformationMessage(l10n.t('Signed in to Asana as {0}.', signedIn.account.name));
      await vscode.commands.executeCommand(`${'asana.workspaces'}.focus`);
    }
    return signedIn?.account.gid;
  };
  return [
    registerCommand('asana.signIn', services, signIn),
    // The same sign-in, named for what it does once an account is signed in.
    registerCommand('asana.addAccount', services, signIn),
    registerCommand('asana.signOut', services, async (row?: AccountNode) => {
      const leaving = row?.accountGid ?? (await whoSignsOut(services));
      if (leaving === undefined) return;
      const who = session.accounts.filter((s) => leaving === ALL || s.account.gid === leaving).map((s) => s.account.name);
      await session.signOut(leaving === ALL ? undefined : leaving);
      if (who.length) void services.ui.showInformationMessage(l10n.t('Signed out of Asana ({0}).', who.join(', ')));
    }),
    registerCommand('asana.showLog', services, () => logger.channel.show()),
  ];
}

/** Not an account gid (those are digits): every account. */
const ALL = '*';

/** From the palette with several accounts: which one (or all of them). */
async function whoSignsOut(services: Services): Promise<string | undefined> {
  const accounts = services.session.accounts;
  if (accounts.length <= 1) return accounts[0]?.account.gid;
  const picked = await services.ui.showQuickPick(
    [
      ...accounts.map(({ account }) => ({ label: account.name, description: account.email, gid: account.gid })),
      { label: l10n.t('All Accounts'), description: undefined, gid: ALL },
    ],
    { title: l10n.t('Sign Out of Which Asana Account?'), placeHolder: l10n.t('Choose an account') },
  );
  return picked?.gid;
}
