import type * as vscode from 'vscode';
import { isAsanaError } from '../asana/errors';
import { requireWorkspaceName } from '../asana/validate';
import type { WorkspaceNode } from '../tree/nodes';
import { withAsanaProgress } from '../ui/asanaProgress';
import { pickWorkspace } from '../ui/pickWorkspace';
import { registerCommand } from './runCommand';
import { Dismissed, requireAccount, type Services } from '../services';

export function registerRenameWorkspace(services: Services): vscode.Disposable {
  return registerCommand('asana.renameWorkspace', services, async (node?: WorkspaceNode) => {
    const account = await requireAccount(services);
    const client = account.client;
    const target = node?.workspace ?? (await pickWorkspace(services, account, { title: 'Rename Asana Workspace' }));
    if (!target) return;
    const current = target.name;
    const name = await services.ui.showInputBox({
      title: `Rename "${current}"`,
      prompt: 'The new name of the workspace, as everyone in it will see it.',
      value: current,
      valueSelection: [0, current.length],
      ignoreFocusOut: true,
      validateInput: (text) => {
        try {
          requireWorkspaceName(text, current);
          return undefined;
        } catch (e) {
          return e instanceof Error ? e.message : String(e);
        }
      },
    });
    if (name === undefined) throw new Dismissed();
    const newName = requireWorkspaceName(name, current);
    try {
      const renamed = await withAsanaProgress(client, `Renaming "${current}"…`, (p) => client.renameWorkspace(target.gid, newName, { current, signal: p.signal }));
      account.applyWorkspace(renamed);
      void services.ui.showInformationMessage(`Renamed "${current}" to "${renamed.name}".`);
    } catch (e) {
      // The request may have landed before the failure: show what Asana holds now.
      if (isAsanaError(e) && e.kind !== 'invalid-input') {
        await client.getWorkspace(target.gid).then(
          (w) => account.applyWorkspace(w),
          () => undefined,
        );
      }
      throw e;
    }
  });
}
