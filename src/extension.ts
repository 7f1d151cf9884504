/** Wiring only: builds the pieces, connects them, and hands every disposable to VS Code. */
import * as vscode from 'vscode';
import { AsanaAuthenticationProvider, AUTH_PROVIDER_ID } from './auth/authProvider';
import { Session } from './auth/session';
import { TokenStore } from './auth/tokenStore';
import { registerAddUsers } from './commands/addUsers';
import { registerExportMembers } from './commands/exportMembers';
import { registerFilterCommands } from './commands/filterMembers';
import { registerFindUser } from './commands/findUser';
import { registerInsertUser } from './commands/insertUser';
import { registerLinkCommands } from './commands/linksAndClipboard';
import { registerOpenMembership } from './commands/openMembership';
import { registerRemoveUsers } from './commands/removeUsers';
import { registerRenameWorkspace } from './commands/renameWorkspace';
import { registerCommand } from './commands/runCommand';
import type { Services } from './commands/services';
import { registerSessionCommands } from './commands/sessionCommands';
import { registerShowUserMemberships } from './commands/showUserMemberships';
import { registerTreeCommands } from './commands/treeCommands';
import type { TypeaheadUser } from './asana/schemas';
import { RecentUsers } from './search/recentUsers';
import { registerUserCompletion } from './search/registerCompletion';
import { apiBaseUrl, onDidChangeApiBaseUrl } from './config';
import { ChannelLogger } from './log/channelLogger';
import { VIEW_ID, WorkspaceTreeProvider } from './tree/workspaceTree';
import { setSignedIn, setViewState, viewState, type ViewState } from './util/contextKeys';

/** What tests inside VS Code reach through `extension.exports`. */
export interface ExtensionApi {
  readonly session: Session;
  readonly tree: WorkspaceTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly logger: ChannelLogger;
  readonly viewState: () => ViewState;
  readonly recent: RecentUsers;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const logger = new ChannelLogger(vscode.window.createOutputChannel('Asana', { log: true }));
  const session = new Session(new TokenStore(context.secrets), logger, apiBaseUrl);
  const tree = new WorkspaceTreeProvider(session, logger);
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  tree.attach(treeView);
  const authProvider = new AsanaAuthenticationProvider(session);
  tree.onUnauthorized = (error) => {
    void session.signOut().then(async () => {
      const choice = await vscode.window.showWarningMessage(`${error.message}`, 'Sign In');
      if (choice === 'Sign In') await vscode.commands.executeCommand('asana.signIn');
    });
  };

  const recent = new RecentUsers(context.globalState);
  const services: Services = { session, tree, logger, recent, state: context.globalState };

  context.subscriptions.push(
    logger.channel,
    session,
    tree,
    treeView,
    authProvider,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, 'Asana', authProvider, { supportsMultipleAccounts: false }),
    session.onDidChange((s) => void setSignedIn(!!s)),
    onDidChangeApiBaseUrl(() => session.reconnect()),
    ...registerSessionCommands(session, logger),
    ...registerTreeCommands(tree, logger),
    ...registerFilterCommands(services),
    ...registerLinkCommands(services),
    registerRenameWorkspace(services),
    registerAddUsers(services),
    registerRemoveUsers(services),
    registerFindUser(services),
    registerShowUserMemberships(services),
    registerOpenMembership(services),
    registerExportMembers(services),
    registerInsertUser(services),
    registerCommand('asana.rememberUser', logger, (workspaceGid: string, user: TypeaheadUser) => recent.add(workspaceGid, user)),
    registerUserCompletion(services),
  );

  // SecretStorage only: no request to Asana until the view is opened.
  await session.restore();
  await setSignedIn(!!session.signedIn);
  if (!session.signedIn) await setViewState('signedOut');
  return { session, tree, treeView: treeView as vscode.TreeView<unknown>, logger, viewState, recent };
}

export function deactivate(): void {}
