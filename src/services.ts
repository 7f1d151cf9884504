/** What commands are given: the store, the tree, the log, remembered choices, and the UI seam. */
import * as vscode from 'vscode';
import type { Workspace } from './asana/schemas';
import type { Session } from './auth/session';
import { defaultWorkspaceGid } from './config';
import type { ChannelLogger } from './log/channelLogger';
import type { RecentUsers } from './search/recentUsers';
import type { AccountStore } from './store/accountStore';
import type { Store } from './store/store';
import type { WorkspaceTreeProvider } from './tree/workspaceTree';
import { pickWorkspace } from './ui/pickWorkspace';
import type { Ui } from './ui/ui';
import { Dismissed } from './ui/dismissed';
import { l10n } from './util/l10n';

export interface Services {
  readonly session: Session;
  readonly store: Store;
  readonly tree: WorkspaceTreeProvider;
  readonly logger: ChannelLogger;
  readonly recent: RecentUsers;
  readonly state: vscode.Memento;
  /** Replaced by tests (ExtensionMode.Test only) with scripted answers. */
  ui: Ui;
}

export { Dismissed } from './ui/dismissed';

/** The signed-in account's store; offers sign-in first when signed out. */
export async function requireAccount(services: Services): Promise<AccountStore> {
  if (!services.store.account) {
    const signIn = l10n.t('Sign In');
    const choice = await services.ui.showInformationMessage(l10n.t('Sign in to Asana first.'), signIn);
    if (choice === signIn) await vscode.commands.executeCommand('asana.signIn');
  }
  const account = services.store.account;
  if (!account) throw new Dismissed();
  return account;
}

/** The account's workspaces, once known (from the snapshot or Asana). */
export async function knownWorkspaces(account: AccountStore): Promise<readonly Workspace[]> {
  await account.start();
  return account.workspaces ?? [];
}

const LAST_WORKSPACE = 'asana.lastWorkspace';

/** The workspace to use without asking, if there is a clear one. */
export function preferredWorkspace(services: Services): Workspace | undefined {
  const list = services.store.account?.workspaces ?? [];
  if (list.length === 1) return list[0];
  const candidates = [services.tree.selectedWorkspaceGid(), defaultWorkspaceGid(), services.state.get<string>(LAST_WORKSPACE)];
  for (const gid of candidates) {
    const found = gid ? list.find((w) => w.gid === gid) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * The workspace a search from the editor or palette is about: the one selected in the tree,
 * else the `asana.defaultWorkspace` setting, else the last one used, else asked.
 */
export async function contextWorkspace(services: Services, account: AccountStore, title: string): Promise<Workspace> {
  await account.start();
  const preferred = preferredWorkspace(services);
  if (preferred) return preferred;
  const picked = await pickWorkspace(services, account, { title });
  if (!picked) throw new Dismissed();
  await services.state.update(LAST_WORKSPACE, picked.gid);
  return picked;
}
