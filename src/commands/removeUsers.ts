/**
 * Removes people from a workspace: admins only, always after a modal confirmation that names
 * the people and the workspace and says what Asana does with their work. Each member shows
 * "Removing…" while it runs and afterwards shows what Asana holds (normally: inactive).
 */
import type * as vscode from 'vscode';
import { ForbiddenError } from '../asana/errors';
import type { Membership, Workspace } from '../asana/schemas';
import { runBulk } from '../members/bulk';
import type { AccountStore } from '../store/accountStore';
import type { MemberNode } from '../tree/nodes';
import { withAsanaProgress } from '../ui/asanaProgress';
import { pickWorkspace } from '../ui/pickWorkspace';
import type { Ui } from '../ui/ui';
import { reportOutcomes } from './reportOutcomes';
import { registerCommand } from './runCommand';
import { Dismissed, requireAccount, type Services } from '../services';

interface Target {
  readonly workspace: Workspace;
  readonly members: readonly Membership[];
}

const notAdmin = (workspace: Workspace) => new ForbiddenError(`You must be an admin of ${workspace.name} to remove people from it.`, { status: 403 });

export function registerRemoveUsers(services: Services): vscode.Disposable {
  return registerCommand('asana.removeUsers', services, async (node?: MemberNode, selected?: MemberNode[]) => {
    const account = await requireAccount(services);
    const target = node ? fromTree(node, selected) : await fromPalette(services, account);
    if (!target || target.members.length === 0) return;
    const { workspace } = target;
    if ((await account.checkAdmin(workspace.gid)) !== true) throw notAdmin(workspace);
    const members = target.members.filter((m) => m.is_active && m.user.gid !== account.accountGid);
    if (members.length === 0) {
      void services.ui.showInformationMessage('Nobody to remove: you cannot remove yourself, and inactive members are already removed.');
      return;
    }
    const emailOf = (gid: string) => account.membersOf(workspace.gid)?.index.emailOf(gid);
    if (!(await confirm(services.ui, workspace, members, emailOf))) throw new Dismissed();
    const client = account.client;
    const byUser = new Map(members.map((m) => [m.user.gid, m]));
    const outcomes = await withAsanaProgress(client, `Removing from ${workspace.name}…`, (p) =>
      runBulk(
        members.map((m) => m.user.gid),
        (userGid, signal) => {
          const membership = byUser.get(userGid)!;
          return account.runBusy(workspace.gid, membership.gid, 'Removing…', async () => {
            try {
              await client.removeUser(workspace.gid, userGid, signal ? { signal } : {});
            } catch (e) {
              throw e instanceof ForbiddenError ? notAdmin(workspace) : e;
            } finally {
              await showServerTruth(services, account, membership);
            }
          });
        },
        { signal: p.signal, onProgress: (done, total) => p.report(`${done} of ${total}`, 100 / total) },
      ),
    );
    await reportOutcomes(
      services,
      outcomes.map((o) => ({ ...o, input: byUser.get(o.input)?.user.name ?? o.input })),
      'Removed',
      workspace.name,
    );
  });
}

function fromTree(node: MemberNode, selected: MemberNode[] | undefined): Target {
  // With several rows selected VS Code passes them all; keep the members of the clicked row's workspace.
  const nodes = selected?.length ? selected.filter((n) => 'membership' in n && n.workspace.gid === node.workspace.gid) : [node];
  return { workspace: node.workspace.workspace, members: nodes.map((n) => n.membership) };
}

async function fromPalette(services: Services, account: AccountStore): Promise<Target | undefined> {
  const workspace = await pickWorkspace(services, account, { title: 'Remove People from an Asana Workspace', adminOnly: true });
  if (!workspace) return undefined;
  const members = account.loadMembers(workspace.gid);
  if (!members) return undefined;
  await withAsanaProgress(account.client, `Loading the members of ${workspace.name}…`, () => members.start());
  const index = members.index;
  const picked = await services.ui.showQuickPick(
    index
      .all()
      .filter((m) => m.is_active && m.user.gid !== account.accountGid)
      .map((m) => ({ label: m.user.name, description: index.emailOf(m.user.gid), membership: m })),
    { title: `Remove People from ${workspace.name}`, placeHolder: 'Choose who to remove', canPickMany: true, matchOnDescription: true },
  );
  if (!picked || picked.length === 0) return undefined;
  return { workspace, members: picked.map((p) => p.membership) };
}

async function confirm(ui: Ui, workspace: Workspace, members: readonly Membership[], emailOf: (gid: string) => string | undefined): Promise<boolean> {
  const name = workspace.name;
  // Names repeat in big organizations: the email says which person is meant.
  const person = (m: Membership) => (emailOf(m.user.gid) ? `${m.user.name} (${emailOf(m.user.gid)})` : m.user.name);
  const who = members.length === 1 ? person(members[0]!) : `${members.length} people`;
  const list =
    members.length > 1
      ? `${members
          .slice(0, 10)
          .map((m) => `• ${person(m)}`)
          .join('\n')}${members.length > 10 ? `\n… and ${members.length - 10} more` : ''}\n\n`
      : '';
  const detail =
    `${list}They lose access to ${name}. Asana keeps their tasks and projects; ownership of what they owned passes to you ` +
    `(the owner of this personal access token), and their private items stay private. ` +
    `Asana offers no way to reactivate a membership through its API: to undo, add them again.`;
  const choice = await ui.showWarningMessage(`Remove ${who} from ${name}?`, { modal: true, detail }, 'Remove');
  return choice === 'Remove';
}

/** After success or failure alike, show the membership as Asana now holds it. */
async function showServerTruth(services: Services, account: AccountStore, membership: Membership): Promise<void> {
  try {
    account.applyMembership(await account.client.getWorkspaceMembership(membership.gid));
  } catch (e) {
    services.logger.warn(`Could not re-read the membership of ${membership.user.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
