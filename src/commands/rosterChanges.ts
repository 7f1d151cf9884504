/**
 * Asana: Show Roster Changes… and Mark Roster Changes as Seen. The report is a read-only Markdown
 * document (`asana-roster:`) shown in VS Code's Markdown preview; it follows the store, so a
 * refresh or "Mark as Seen" redraws it where it is open.
 */
import * as vscode from 'vscode';
import type { Workspace } from '../asana/schemas';
import { describeChangeCount, rosterReportMarkdown } from '../members/rosterExport';
import { changeCount } from '../store/rosterChanges';
import type { WorkspaceMembers } from '../store/workspaceMembers';
import { ChangesNode, WorkspaceNode } from '../tree/nodes';
import { pickWorkspace } from '../ui/pickWorkspace';
import { shortDate } from '../util/relativeTime';
import { registerCommand } from './runCommand';
import { requireAccount, type Services } from '../services';
import { l10n } from '../util/l10n';

export const ROSTER_SCHEME = 'asana-roster';


/** The report's address: one per account and workspace, so reopening it shows the same tab. */
export function rosterReportUri(accountGid: string, workspaceGid: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ROSTER_SCHEME, path: `/${accountGid}/${workspaceGid}/Roster changes.md` });
}

export function registerRosterChanges(services: Services): vscode.Disposable[] {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent(uri) {
      const [, accountGid = '', gid = ''] = uri.path.split('/');
      const account = services.store.accountOf(accountGid);
      const members = account?.membersOf(gid);
      if (!account || !members) return `# ${l10n.t('Roster changes')}\n\n${l10n.t('This workspace is not known to the account signed in.')}\n`;
      return reportOf(members);
    },
  };

  const target = async (arg: ChangesNode | WorkspaceNode | string | undefined, title: string) => {
    const account = await requireAccount(services, arg);
    const gid = arg instanceof ChangesNode ? arg.parent.gid : arg instanceof WorkspaceNode ? arg.gid : arg;
    const workspace = gid ? account.workspace(gid) : await pickWorkspace(services, account, { title });
    if (!workspace) return undefined;
    const members = account.loadMembers(workspace.gid);
    return members ? { account, workspace, members } : undefined;
  };

  return [
    changed,
    vscode.workspace.registerTextDocumentContentProvider(ROSTER_SCHEME, provider),
    services.store.onDidChangeMembers(({ account, workspaceGid }) => {
      const uri = rosterReportUri(account.accountGid, workspaceGid);
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) changed.fire(uri);
    }),
    registerCommand('asana.showRosterChanges', services, async (arg?: ChangesNode | WorkspaceNode | string) => {
      const found = await target(arg, l10n.t('Show Roster Changes of Which Workspace?'));
      if (!found) return;
      const uri = rosterReportUri(found.account.accountGid, found.workspace.gid);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
      await vscode.commands.executeCommand('markdown.showPreview', uri).then(undefined, () => vscode.window.showTextDocument(doc, { preview: true }));
      await offerActions(services, found.workspace, found.members);
    }),
    registerCommand('asana.markRosterSeen', services, async (arg?: ChangesNode | WorkspaceNode | string) => {
      const found = await target(arg, l10n.t('Mark the Roster Changes of Which Workspace as Seen?'));
      if (!found) return;
      if (!(await found.members.markSeen())) throw new Error(l10n.t('The members of {0} are still loading; mark the changes as seen once they are all in.', found.workspace.name));
      services.logger.info(`Marked the roster changes of ${found.workspace.name} as seen.`);
    }),
  ];
}

function reportOf(members: WorkspaceMembers): string {
  const history = members.history;
  return rosterReportMarkdown({ workspaceName: members.workspace.name, changes: history.changes, firstLook: history.isFirstLook, former: history.former });
}

/** After the report opens: the two things one does with it. */
async function offerActions(services: Services, workspace: Workspace, members: WorkspaceMembers): Promise<void> {
  const changes = members.history.changes;
  if (!changes || members.history.isFirstLook || changeCount(changes) === 0) return;
  const markSeen = l10n.t('Mark as Seen');
  const exportIt = l10n.t('Export…');
  const choice = await services.ui.showInformationMessage(
    l10n.t({ message: '{0} in {1} since {2}.', args: [describeChangeCount(changes), workspace.name, shortDate(changes.since)], comment: '"12 changes in Acme since 3 Dec."' }),
    markSeen,
    exportIt,
  );
  if (choice === markSeen) await vscode.commands.executeCommand('asana.markRosterSeen', workspace.gid);
  if (choice === exportIt) await vscode.commands.executeCommand('asana.exportMembers', workspace.gid, undefined, 'changes');
}
