/** Wiring only: builds the pieces, connects them, and hands every disposable to VS Code. */
import { bundleStartedAt } from './util/loadClock';
import * as vscode from 'vscode';
import type { TypeaheadUser } from './asana/schemas';
import { AsanaAuthenticationProvider, AUTH_PROVIDER_ID } from './auth/authProvider';
import { Session } from './auth/session';
import { TokenStore } from './auth/tokenStore';
import { registerAddBack } from './commands/addBack';
import { registerAddUsers } from './commands/addUsers';
import { registerExportMembers } from './commands/exportMembers';
import { registerSelectWorkspaces } from './commands/selectWorkspaces';
import { registerSetDefaultWorkspace } from './commands/setDefaultWorkspace';
import { HiddenWorkspaces } from './tree/hiddenWorkspaces';
import { DefaultWorkspaces } from './tree/defaultWorkspaces';
import { registerFilterCommands } from './commands/filterMembers';
import { registerFindUser } from './commands/findUser';
import { registerInsertUser } from './commands/insertUser';
import { registerLinkCommands } from './commands/linksAndClipboard';
import { registerOpenMembership } from './commands/openMembership';
import { registerRemoveUsers } from './commands/removeUsers';
import { registerRenameWorkspace } from './commands/renameWorkspace';
import { registerRosterChanges } from './commands/rosterChanges';
import { registerCommand } from './commands/runCommand';
import type { Services } from './services';
import { registerSessionCommands } from './commands/sessionCommands';
import { registerShowUserMemberships } from './commands/showUserMemberships';
import { registerTreeCommands } from './commands/treeCommands';
import { apiBaseUrl, onDidChangeApiBaseUrl, snapshotsEnabled } from './config';
import { ChannelLogger } from './log/channelLogger';
import { NetworkSettingsSource } from './network/networkSettings';
import { RecentUsers, type RecentScope } from './search/recentUsers';
import { registerUserCompletion } from './search/registerCompletion';
import { Store } from './store/store';
import { ViewMemory } from './tree/viewMemory';
import { VIEW_ID, WorkspaceTreeProvider } from './tree/workspaceTree';
import type { Ui } from './ui/ui';
import { vscodeUi } from './ui/vscodeUi';
import { setSignedIn, setViewState, viewState, type ViewState } from './util/contextKeys';
import { l10n, useTranslator } from './util/l10n';

/** Every module above has been evaluated: the bundle's own share of an activation ends here. */
const bundleEvaluatedAt = performance.now();

/** What tests inside VS Code reach through `extension.exports`: only in ExtensionMode.Test. */
export interface ExtensionApi {
  readonly session: Session;
  readonly store: Store;
  readonly tree: WorkspaceTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly logger: ChannelLogger;
  readonly viewState: () => ViewState;
  /** performance.now() marks of this activation, for the benchmark: see util/loadClock.ts. */
  readonly timings: { readonly bundleStartedAt: number; readonly bundleEvaluatedAt: number; readonly activateStartedAt: number; readonly activateEndedAt: number };
  /** Settles when the stored sign-in has been read and the view's state set (activation does not wait for it). */
  readonly ready: Promise<void>;
  readonly recent: RecentUsers;
  readonly storageRoot: string;
  /** Puts a scripted UI in place of VS Code's prompts until the returned disposable is disposed. */
  useUi(ui: Ui): vscode.Disposable;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi | undefined> {
  const activateStartedAt = performance.now();
  useTranslator(vscode.l10n.t);
  const logger = new ChannelLogger(vscode.window.createOutputChannel('Asana', { log: true }));
  const network = new NetworkSettingsSource(logger);
  const session = new Session(new TokenStore(context.secrets), logger, apiBaseUrl, () => network.current);
  const storageRoot = context.globalStorageUri.fsPath;
  const store = new Store({ logger, storageRoot, snapshotsEnabled });
  const hidden = new HiddenWorkspaces(context.globalState);
  const defaults = new DefaultWorkspaces(context.globalState);
  const tree = new WorkspaceTreeProvider(store, new ViewMemory(context.globalState), hidden, defaults, logger, (gid) => session.who(gid));
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  tree.attach(treeView);
  const recent = new RecentUsers(context.globalState);
  const defaultUi = vscodeUi(() => logger.channel.show(true));
  const services: Services = { session, store, tree, logger, recent, defaults, state: context.globalState, ui: defaultUi };
  const authProvider = new AsanaAuthenticationProvider(session, () => services.ui);

  const connect = () => store.connect(session.accounts.map(({ account, client }) => ({ accountGid: account.gid, client, apiBaseUrl: client.baseUrl.href })));

  context.subscriptions.push(
    logger.channel,
    network,
    session,
    store,
    tree,
    treeView,
    authProvider,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, 'Asana', authProvider, { supportsMultipleAccounts: true }),
    defaults,
    session.onDidChange((accounts) => {
      connect();
      void setSignedIn(accounts.length > 0);
    }),
    session.onDidSignOut(({ account, client }) => void store.forget({ accountGid: account.gid, apiBaseUrl: client.baseUrl.href })),
    store.onUnauthorized(({ account, error }) => {
      const name = session.who(account.accountGid)?.name;
      void session.signOut(account.accountGid).then(async () => {
        const signIn = l10n.t('Sign In');
        // With several accounts, say which one had to go: the others stay signed in.
        const text = name && session.accounts.length > 0 ? l10n.t('Signed out of {0}: {1} Your other Asana accounts stay signed in.', name, error.message) : error.message;
        const choice = await services.ui.showWarningMessage(text, signIn);
        if (choice === signIn) await vscode.commands.executeCommand('asana.signIn');
      });
    }),
    onDidChangeApiBaseUrl(() => session.reconnect()),
    network.onDidChange(() => session.useNetwork()),
    ...registerSessionCommands(services),
    ...registerTreeCommands(services),
    ...registerFilterCommands(services),
    ...registerLinkCommands(services),
    registerRenameWorkspace(services),
    registerAddUsers(services),
    registerAddBack(services),
    ...registerRosterChanges(services),
    registerRemoveUsers(services),
    registerFindUser(services),
    registerShowUserMemberships(services),
    registerOpenMembership(services),
    registerExportMembers(services),
    registerSetDefaultWorkspace(services),
    registerSelectWorkspaces(services, hidden),
    hidden,
    registerInsertUser(services),
    registerCommand('asana.rememberUser', services, (scope: RecentScope, user: TypeaheadUser) => recent.add(scope, user)),
    registerUserCompletion(services),
  );

  // SecretStorage only: no request to Asana until the view is opened (a snapshot needs none).
  // Reading the secret and setting context keys are round trips to the window, so activation does
  // not wait for them: the view's root does (VS Code shows its progress bar), and the sign-in
  // welcome, shown only once the state is known, never flashes.
  const ready = restoreSession(session, logger);
  tree.holdRootUntil(ready);

  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    timings: { bundleStartedAt, bundleEvaluatedAt, activateStartedAt, activateEndedAt: performance.now() },
    ready,
    session,
    store,
    tree,
    treeView: treeView as vscode.TreeView<unknown>,
    logger,
    viewState,
    recent,
    storageRoot,
    useUi(ui) {
      services.ui = ui;
      return new vscode.Disposable(() => {
        if (services.ui === ui) services.ui = defaultUi;
      });
    },
  };
}

async function restoreSession(session: Session, logger: ChannelLogger): Promise<void> {
  try {
    await session.restore();
  } catch (e) {
    logger.error(`Cannot read the stored sign-in: ${e instanceof Error ? e.message : String(e)}`);
  }
  await setSignedIn(session.accounts.length > 0);
  if (session.accounts.length === 0) await setViewState('signedOut');
}

export function deactivate(): void {}
