/** Asks which workspace, when a command comes from the palette rather than from a tree row. */
import type { Workspace } from '../asana/schemas';
import type { Services } from '../services';
import type { AccountStore } from '../store/accountStore';
import { l10n } from '../util/l10n';

export interface PickWorkspaceOptions {
  readonly title: string;
  /** Only workspaces where the signed-in user is an admin (for removing people). */
  readonly adminOnly?: boolean;
  /** A workspace not to offer (the one people are being added to). */
  readonly exclude?: string;
}

export async function pickWorkspace(services: Pick<Services, 'ui'>, account: AccountStore, opts: PickWorkspaceOptions): Promise<Workspace | undefined> {
  await account.start();
  let list = (account.workspaces ?? []).filter((w) => w.gid !== opts.exclude);
  if (opts.adminOnly) {
    const admin = await Promise.all(list.map((w) => account.checkAdmin(w.gid)));
    list = list.filter((_, i) => admin[i] === true);
    if (list.length === 0) {
      void services.ui.showWarningMessage(l10n.t('You are not an admin of any of your Asana workspaces, so you cannot remove people.'));
      return undefined;
    }
  }
  if (list.length === 0) {
    void services.ui.showWarningMessage(l10n.t('No Asana workspace to choose from. Sign in, or refresh the Asana view.'));
    return undefined;
  }
  if (list.length === 1) return list[0];
  const picked = await services.ui.showQuickPick(
    list.map((workspace) => ({
      label: workspace.name,
      description: workspace.is_organization ? l10n.t('organization') : l10n.t('workspace'),
      detail: workspace.email_domains.join(', ') || undefined,
      workspace,
    })),
    { title: opts.title, placeHolder: l10n.t('Choose a workspace'), matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.workspace;
}
