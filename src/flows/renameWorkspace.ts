/**
 * Renaming a workspace, as decided: the input is prefilled with the current name; an empty,
 * unchanged, multi-line or over-long name is refused before any request; after a failure the
 * workspace is read again, since the rename may have landed before the answer was lost.
 */
import { isAsanaError } from '../asana/errors';
import type { Workspace } from '../asana/schemas';
import { requireWorkspaceName } from '../asana/validate';
import { withAsanaProgress } from '../ui/asanaProgress';
import { Dismissed } from '../ui/dismissed';
import { displayText } from '../util/displayText';
import type { FlowContext } from './flowContext';
import { l10n } from '../util/l10n';

export async function renameWorkspace({ account, ui }: FlowContext, target: Workspace): Promise<Workspace> {
  const client = account.client;
  const current = target.name;
  // Shown without control or direction characters: a hostile name cannot disguise itself in the box.
  const shown = displayText(current);
  const name = await ui.showInputBox({
    title: l10n.t('Rename "{0}"', shown),
    prompt: l10n.t('The new name of the workspace, as everyone in it will see it.'),
    value: shown,
    valueSelection: [0, shown.length],
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
    const renamed = await withAsanaProgress(ui, client, l10n.t('Renaming "{0}"…', current), (p) => client.renameWorkspace(target.gid, newName, { current, signal: p.signal }));
    account.applyWorkspace(renamed);
    void ui.showInformationMessage(l10n.t('Renamed "{0}" to "{1}".', current, renamed.name));
    return renamed;
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
}
