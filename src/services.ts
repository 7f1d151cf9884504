/** What commands are given: the session, the store, the tree, the log, remembered choices, and the UI seam. */
import * as vscode from 'vscode';
import type { Workspace } from './asana/schemas';
import type { Session } from './auth/session';
import type { ChannelLogger } from './log/channelLogger';
import type { RecentUsers } from './search/recentUsers';
import type { AccountStore } from './store/accountStore';
import type { Store } from './store/store';
import type { WorkspaceTreeProvider } from './tree/workspaceTree';
import type { DefaultWorkspaces } from './tree/defaultWorkspaces';
import type { TreeNode } from './tree/nodes';
import { accountScope, scopeKey } from './store/accountScope';
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
  readonly defaults: DefaultWorkspaces;
  readonly state: vscode.Memento;
  /** Replaced by tests (ExtensionMode.Test only) with scripted answers. */
  ui: Ui;
}

export { Dismissed } from './ui/dismissed';

/**
 * The account a command acts as: the one that owns the row it was run on; else the only one signed
 * in; else the one of the row selected in the view; else asked. Offers sign-in first when signed out.
 */
export async function requireAccount(services: Services, row?: unknown): Promise<AccountStore> {
  const owner = isTreeNode(row) ? services.tree.accountOf(row) : undefined;
  if (owner) return owner;
  if (services.store.accounts.length === 0) {
    const signIn = l10n.t('Sign In');
    const choice = await services.ui.showInformationMessage(l10n.t('Sign in to Asana first.'), signIn);
    if (choice === signIn) await vscode.commands.executeCommand('asana.signIn');
  }
  const accounts = services.store.accounts;
  if (accounts.length === 0) throw new Dismissed();
  if (accounts.length === 1) return accounts[0]!;
  const selected = services.tree.selectedAccountGid();
  const fromSelection = selected === undefined ? undefined : services.store.accountOf(selected);
  if (fromSelection) return fromSelection;
  const picked = await pickAccount(services, l10n.t('Which Asana Account?'));
  if (!picked) throw new Dismissed();
  return picked;
}

/** Asks which of the accounts signed in. */
export async function pickAccount(services: Services, title: string): Promise<AccountStore | undefined> {
  const picked = await services.ui.showQuickPick(
    services.store.accounts.map((account) => {
      const who = services.session.who(account.accountGid);
      return { label: who?.name ?? account.accountGid, description: who?.email, account };
    }),
    { title, placeHolder: l10n.t('Choose an account') },
  );
  return picked?.account;
}

function isTreeNode(row: unknown): row is TreeNode {
  return typeof row === 'object' && row !== null && typeof (row as { id?: unknown }).id === 'string';
}

/** The account's workspaces, once known (from the snapshot or Asana). */
export async function knownWorkspaces(account: AccountStore): Promise<readonly Workspace[]> {
  await account.start();
  return account.workspaces ?? [];
}

const LAST_WORKSPACE = 'asana.lastWorkspaces';

/** The workspace to use without asking, if there is a clear one. */
export function preferredWorkspace(services: Services, account: AccountStore): Workspace | undefined {
  const list = account.workspaces ?? [];
  if (list.length === 1) return list[0];
  const scope = accountScope(account);
  const selected = services.tree.selectedAccountGid() === account.accountGid ? services.tree.selectedWorkspaceGid() : undefined;
  const candidates = [selected, services.defaults.of(scope), services.state.get<Record<string, string>>(LAST_WORKSPACE, {})[scopeKey(scope)]];
  for (const gid of candidates) {
    const found = gid ? list.find((w) => w.gid === gid) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * The workspace a search from the editor or palette is about: the one selected in the tree,
 * else the account's default workspace, else the last one used, else asked.
 */
export async function contextWorkspace(services: Services, account: AccountStore, title: string): Promise<Workspace> {
  await account.start();
  const preferred = preferredWorkspace(services, account);
  if (preferred) return preferred;
  const picked = await pickWorkspace(services, account, { title });
  if (!picked) throw new Dismissed();
  const last = services.state.get<Record<string, string>>(LAST_WORKSPACE, {});
  await services.state.update(LAST_WORKSPACE, { ...last, [scopeKey(accountScope(account))]: picked.gid });
  return picked;
}
