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
import { l10n } from '../util/l10n';

export interface RemovalTarget {
  readonly workspace: Workspace;
  readonly members: readonly Membership[];
}

const notAdmin = (workspace: Workspace) => new ForbiddenError(l10n.t('You must be an admin of {0} to remove people from it.', workspace.name), { status: 403 });

/** Removes the target's members; undefined when there was nobody to remove. */
export async function removePeople(ctx: FlowContext, target: RemovalTarget): Promise<BulkOutcome<void>[] | undefined> {
  const { account, ui } = ctx;
  const { workspace } = target;
  if ((await account.checkAdmin(workspace.gid)) !== true) throw notAdmin(workspace);
  const members = target.members.filter((m) => m.is_active && m.user.gid !== account.accountGid);
  if (members.length === 0) {
    void ui.showInformationMessage(l10n.t('Nobody to remove: you cannot remove yourself, and inactive members are already removed.'));
    return undefined;
  }
  const emailOf = (gid: string) => account.membersOf(workspace.gid)?.index.emailOf(gid);
  if (!(await confirmRemoval(ui, workspace, members, emailOf))) throw new Dismissed();
  const client = account.client;
  const byUser = new Map(members.map((m) => [m.user.gid, m]));
  const outcomes = await withAsanaProgress(ui, client, l10n.t('Removing from {0}…', workspace.name), (p) =>
    runBulk(
      members.map((m) => m.user.gid),
      (userGid, signal) => {
        const membership = byUser.get(userGid)!;
        return account.runBusy(workspace.gid, membership.gid, l10n.t('Removing…'), async () => {
          try {
            await client.removeUser(workspace.gid, userGid, signal ? { signal } : {});
          } catch (e) {
            throw e instanceof ForbiddenError ? notAdmin(workspace) : e;
          } finally {
            await showServerTruth(ctx, membership);
          }
        });
      },
      { signal: p.signal, onProgress: (done, total) => p.report(l10n.t('{0} of {1}', done, total), 100 / total) },
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
  const workspace = await pickWorkspace(ctx, account, { title: l10n.t('Remove People from an Asana Workspace'), adminOnly: true });
  if (!workspace) return undefined;
  const members = account.loadMembers(workspace.gid);
  if (!members) return undefined;
  await withAsanaProgress(ui, account.client, l10n.t('Loading the members of {0}…', workspace.name), () => members.start());
  const index = members.index;
  const picked = await ui.showQuickPick(
    index
      .all()
      .filter((m) => m.is_active && m.user.gid !== account.accountGid)
      .map((m) => ({ label: m.user.name, description: index.emailOf(m.user.gid), membership: m })),
    { title: l10n.t('Remove People from {0}', workspace.name), placeHolder: l10n.t('Choose who to remove'), canPickMany: true, matchOnDescription: true },
  );
  if (!picked || picked.length === 0) return undefined;
  return { workspace, members: picked.map((p) => p.membership) };
}

async function confirmRemoval(ui: Ui, workspace: Workspace, members: readonly Membership[], emailOf: (gid: string) => string | undefined): Promise<boolean> {
  const name = displayText(workspace.name);
  // Names repeat in big organizations: the email says which person is meant.
  const person = (m: Membership) => displayText(emailOf(m.user.gid) ? `${m.user.name} (${emailOf(m.user.gid)})` : m.user.name);
  const list =
    members.length > 1
      ? `${members
          .slice(0, 10)
          .map((m) => `• ${person(m)}`)
          .join('\n')}${members.length > 10 ? `\n${l10n.t('… and {0} more', members.length - 10)}` : ''}\n\n`
      : '';
  const detail =
    list +
    l10n.t(
      'They lose access to {0}. Asana keeps their tasks and projects; ownership of what they owned passes to you (the owner of this personal access token), and their private items stay private. Asana offers no way to reactivate a membership through its API: to undo, add them again.',
      name,
    );
  const question = members.length === 1 ? l10n.t('Remove {0} from {1}?', person(members[0]!), name) : l10n.t('Remove {0} people from {1}?', members.length, name);
  const remove = l10n.t('Remove');
  const choice = await ui.showWarningMessage(question, { modal: true, detail }, remove);
  return choice === remove;
}

/** After success or failure alike, show the membership as Asana now holds it. */
async function showServerTruth({ account, logger }: FlowContext, membership: Membership): Promise<void> {
  try {
    account.applyMembership(await account.client.getWorkspaceMembership(membership.gid));
  } catch (e) {
    logger.warn(`Could not re-read the membership of ${membership.user.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
