/**
 * Removing people from a workspace, as decided: admins only (asked of Asana before anything else),
 * never yourself nor an inactive member, always after a modal confirmation naming the people and
 * the workspace, each shown "Removing…" while it runs and afterwards as Asana holds it (re-read after
 * success and failure alike). A write is never repeated.
 */
import { ForbiddenError } from '../asana/errors';
import type { Membership, Workspace } from '../asana/schemas';
import { runBulk, type BulkOutcome } from '../members/bulk';
import { withAsanaProgress } from '../ui/asanaProgress';
import { Dismissed } from '../ui/dismissed';
import { pickWorkspace } from '../ui/pickWorkspace';
import type { Ui } from '../ui/ui';
import { displayText } from '../util/displayText';
import type { FlowContext } from './flowContext';
import { reportOutcomes } from './reportOutcomes';

export interface RemovalTarget {
  readonly workspace: Workspace;
  readonly members: readonly Membership[];
}

const notAdmin = (workspace: Workspace) => new ForbiddenError(`You must be an admin of ${workspace.name} to remove people from it.`, { status: 403 });

/** Removes the target's members; undefined when there was nobody to remove. */
export async function removePeople(ctx: FlowContext, target: RemovalTarget): Promise<BulkOutcome<void>[] | undefined> {
  const { account, ui } = ctx;
  const { workspace } = target;
  if ((await account.checkAdmin(workspace.gid)) !== true) throw notAdmin(workspace);
  const members = target.members.filter((m) => m.is_active && m.user.gid !== account.accountGid);
  if (members.length === 0) {
    void ui.showInformationMessage('Nobody to remove: you cannot remove yourself, and inactive members are already removed.');
    return undefined;
  }
  const emailOf = (gid: string) => account.membersOf(workspace.gid)?.index.emailOf(gid);
  if (!(await confirmRemoval(ui, workspace, members, emailOf))) throw new Dismissed();
  const client = account.client;
  const byUser = new Map(members.map((m) => [m.user.gid, m]));
  const outcomes = await withAsanaProgress(ui, client, `Removing from ${workspace.name}…`, (p) =>
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
            await showServerTruth(ctx, membership);
          }
        });
      },
      { signal: p.signal, onProgress: (done, total) => p.report(`${done} of ${total}`, 100 / total) },
    ),
  );
  await reportOutcomes(
    ctx,
    outcomes.map((o) => ({ ...o, input: byUser.get(o.input)?.user.name ?? o.input })),
    'Removed',
    workspace.name,
  );
  return outcomes;
}

/** From the palette: a workspace where you are admin, then people picked from its members. */
export async function chooseRemovalTarget(ctx: FlowContext): Promise<RemovalTarget | undefined> {
  const { account, ui } = ctx;
  const workspace = await pickWorkspace(ctx, account, { title: 'Remove People from an Asana Workspace', adminOnly: true });
  if (!workspace) return undefined;
  const members = account.loadMembers(workspace.gid);
  if (!members) return undefined;
  await withAsanaProgress(ui, account.client, `Loading the members of ${workspace.name}…`, () => members.start());
  const index = members.index;
  const picked = await ui.showQuickPick(
    index
      .all()
      .filter((m) => m.is_active && m.user.gid !== account.accountGid)
      .map((m) => ({ label: m.user.name, description: index.emailOf(m.user.gid), membership: m })),
    { title: `Remove People from ${workspace.name}`, placeHolder: 'Choose who to remove', canPickMany: true, matchOnDescription: true },
  );
  if (!picked || picked.length === 0) return undefined;
  return { workspace, members: picked.map((p) => p.membership) };
}

async function confirmRemoval(ui: Ui, workspace: Workspace, members: readonly Membership[], emailOf: (gid: string) => string | undefined): Promise<boolean> {
  const name = displayText(workspace.name);
  // Names repeat in big organizations: the email says which person is meant.
  const person = (m: Membership) => displayText(emailOf(m.user.gid) ? `${m.user.name} (${emailOf(m.user.gid)})` : m.user.name);
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
async function showServerTruth({ account, logger }: FlowContext, membership: Membership): Promise<void> {
  try {
    account.applyMembership(await account.client.getWorkspaceMembership(membership.gid));
  } catch (e) {
    logger.warn(`Could not re-read the membership of ${membership.user.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
