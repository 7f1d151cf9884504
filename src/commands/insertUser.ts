/** Inserts a person found by search at every cursor of the active editor. */
import * as vscode from 'vscode';
import { insertFormat, insertTemplate } from '../config';
import { formatUser } from '../members/formatUser';
import { pickPerson } from './pickPerson';
import { registerCommand } from './runCommand';
import { contextWorkspace, Dismissed, requireAccount, type Services } from '../services';
import { l10n } from '../util/l10n';

export function registerInsertUser(services: Services): vscode.Disposable {
  return registerCommand('asana.insertUser', services, async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new Error(l10n.t('Open a file to insert a person into.'));
    const account = await requireAccount(services);
    const workspace = await contextWorkspace(services, account, l10n.t('Insert a Person from Which Workspace?'));
    const picked = await pickPerson(services, account, workspace, l10n.t('Insert a Person from {0}', workspace.name));
    if (!picked) throw new Dismissed();
    const format = insertFormat();
    let email = account.membersOf(workspace.gid)?.index.emailOf(picked.gid);
    if (!email && (format === 'email' || format === 'template')) email = (await account.client.getUser(picked.gid)).email ?? undefined;
    const text = formatUser({ gid: picked.gid, name: picked.name, email }, format, insertTemplate());
    const ok = await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, text);
    });
    if (!ok) throw new Error(l10n.t('The editor did not accept the insertion (is the file read-only?).'));
  });
}
