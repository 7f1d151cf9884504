/**
 * Removes people from a workspace: admins only, always after a modal confirmation that names
 * the people and the workspace and says what Asana does with their work. Each member shows
 * "Removing…" while it runs and afterwards shows what Asana holds (normally: inactive).
 */
import * as vscode from 'vscode';
import type { AsanaClient } from '../asana/client';
import { ForbiddenError } from '../asana/errors';
import type { Membership } from '../asana/schemas';
import { runBulk } from '../members/bulk';
import { sortMembers } from '../members/sortMembers';
import type { MemberNode, WorkspaceNode } from '../tree/nodes';
import { withAsanaProgress } from '../ui/asanaProgress';
import { pickWorkspace } from '../ui/pickWorkspace';
import { reportOutcomes } from './reportOutcomes';
import { registerCommand } from './runCommand';
import { Dismissed, requireClient, type Services } from './services';

interface Target {
  readonly workspace: WorkspaceNode;
  readonly members: readonly Membership[];
}

export function registerRemoveUsers(services: Services): vscode.Disposable {
  return registerCommand('asana.removeUsers', services.logger, async (node?: MemberNode, selected?: MemberNode[]) => {
    const client = await requireClient(services);
    const target = node ? fromTree(node, selected) : await fromPalette(services);
    if (!target || target.members.length === 0) return;
    const { workspace } = target;
    if ((await services.tree.isAdmin(workspace.gid)) !== true) {
      throw new ForbiddenError(`You must be an admin of ${workspace.workspace.name} to remove people from it.`);
    }
    const me = services.session.signedIn?.account.gid;
    const members = target.members.filter((m) => m.is_active && m.user.gid !== me);
    if (members.length === 0) {
      void vscode.window.showInformationMessage('Nobody to remove: you cannot remove yourself, and inactive members are already removed.');
      return;
    }
    const emailOf = (gid: string) => services.tree.listingOf(workspace.gid)?.emailOf(gid);
    if (!(await confirm(workspace, members, emailOf))) throw new Dismissed();
    for (const m of members) services.tree.setBusy(workspace.gid, m.gid, 'Removing…');
    const outcomes = await withAsanaProgress(client, `Removing from ${workspace.workspace.name}…`, (p) =>
      runBulk(
        members.map((m) => m.user.gid),
        async (userGid, signal) => {
          const membership = members.find((m) => m.user.gid === userGid)!;
          try {
            await client.removeUser(workspace.gid, userGid, signal ? { signal } : {});
          } catch (e) {
            throw e instanceof ForbiddenError
              ? new ForbiddenError(`You must be an admin of ${workspace.workspace.name} to remove people from it.`, { status: 403 })
              : e;
          } finally {
            await showServerTruth(services, client, workspace.gid, membership);
          }
        },
        { signal: p.signal, onProgress: (done, total) => p.report(`${done} of ${total}`, 100 / total) },
      ),
    );
    const names = new Map(members.map((m) => [m.user.gid, m.user.name]));
    await reportOutcomes(
      services,
      outcomes.map((o) => ({ ...o, input: names.get(o.input) ?? o.input })),
      'Removed',
      workspace.workspace.name,
    );
  });
}

function fromTree(node: MemberNode, selected: MemberNode[] | undefined): Target {
  // With several rows selected VS Code passes them all; keep those of the clicked row's workspace.
  const nodes = selected?.length ? selected.filter((n) => 'membership' in n && n.parent.gid === node.parent.gid) : [node];
  return { workspace: node.parent, members: nodes.map((n) => n.membership) };
}

async function fromPalette(services: Services): Promise<Target | undefined> {
  const workspace = await pickWorkspace(services.tree, { title: 'Remove People from an Asana Workspace', adminOnly: true });
  if (!workspace) return undefined;
  const found = await services.tree.workspace(workspace.gid);
  if (!found) return undefined;
  const { listing } = found;
  if (listing.state === 'loading') {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Loading the members of ${workspace.workspace.name}…` }, () =>
      listing.load(),
    );
  }
  const me = services.session.signedIn?.account.gid;
  const picked = await vscode.window.showQuickPick(
    sortMembers(listing.memberships)
      .filter((m) => m.is_active && m.user.gid !== me)
      .map((m) => ({ label: m.user.name, description: listing.emailOf(m.user.gid), membership: m })),
    { title: `Remove People from ${workspace.workspace.name}`, placeHolder: 'Choose who to remove', canPickMany: true, matchOnDescription: true },
  );
  if (!picked || picked.length === 0) return undefined;
  return { workspace, members: picked.map((p) => p.membership) };
}

async function confirm(workspace: WorkspaceNode, members: readonly Membership[], emailOf: (gid: string) => string | undefined): Promise<boolean> {
  const name = workspace.workspace.name;
  // Names repeat in big organizations: the email says which person is meant.
  const person = (m: Membership) => (emailOf(m.user.gid) ? `${m.user.name} (${emailOf(m.user.gid)})` : m.user.name);
  const who = members.length === 1 ? person(members[0]!) : `${members.length} people`;
  const list = members.length > 1 ? `${members.slice(0, 10).map((m) => `• ${person(m)}`).join('\n')}${members.length > 10 ? `\n… and ${members.length - 10} more` : ''}\n\n` : '';
  const detail =
    `${list}They lose access to ${name}. Asana keeps their tasks and projects; ownership of what they owned passes to you ` +
    `(the owner of this personal access token), and their private items stay private. ` +
    `Asana offers no way to reactivate a membership through its API: to undo, add them again.`;
  const choice = await vscode.window.showWarningMessage(`Remove ${who} from ${name}?`, { modal: true, detail }, 'Remove');
  return choice === 'Remove';
}

/** After success or failure alike, show the membership as Asana now holds it. */
async function showServerTruth(services: Services, client: AsanaClient, workspaceGid: string, membership: Membership): Promise<void> {
  try {
    const fresh = await client.getWorkspaceMembership(membership.gid);
    services.tree.listingOf(workspaceGid)?.upsert(fresh);
  } catch (e) {
    services.logger.warn(`Could not re-read the membership of ${membership.user.name}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    services.tree.setBusy(workspaceGid, membership.gid, undefined);
  }
}
