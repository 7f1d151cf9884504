/**
 * Adds people to a workspace: several emails or ids at once, each checked before sending and
 * reported on its own, or someone found by typeahead in another workspace. New members appear
 * in the tree without a reload, as Asana returns them.
 */
import * as vscode from 'vscode';
import type { AsanaClient } from '../asana/client';
import { isAsanaError } from '../asana/errors';
import { collect } from '../asana/pagination';
import { runBulk } from '../members/bulk';
import { parseUserList } from '../members/parseUserList';
import { pickPerson } from './pickPerson';
import type { WorkspaceNode } from '../tree/nodes';
import { withAsanaProgress } from '../ui/asanaProgress';
import { pickWorkspace } from '../ui/pickWorkspace';
import { reportOutcomes } from './reportOutcomes';
import { registerCommand } from './runCommand';
import { Dismissed, requireClient, type Services } from './services';

const BY_EMAIL = 'By email address or user id…';
const FROM_WORKSPACE = 'Someone from another workspace…';

export function registerAddUsers(services: Services): vscode.Disposable {
  return registerCommand('asana.addUsers', services.logger, async (node?: WorkspaceNode) => {
    const client = await requireClient(services);
    const target = node ?? (await pickWorkspace(services.tree, { title: 'Add People to an Asana Workspace' }));
    if (!target) return;
    const refs = await askWho(services, client, target);
    if (refs.length === 0) throw new Dismissed();
    const outcomes = await withAsanaProgress(client, `Adding to ${target.workspace.name}…`, (p) =>
      runBulk(refs, (ref, signal) => addAndShow(services, client, target.gid, ref, signal), {
        signal: p.signal,
        onProgress: (done, total) => p.report(`${done} of ${total}`, 100 / total),
      }),
    );
    await reportOutcomes(services, outcomes, `Added`, target.workspace.name);
  });
}

async function askWho(services: Services, client: AsanaClient, target: WorkspaceNode): Promise<string[]> {
  const others = services.tree.workspaceNodes().filter((n) => n.gid !== target.gid);
  let how = BY_EMAIL;
  if (others.length > 0) {
    const picked = await vscode.window.showQuickPick([BY_EMAIL, FROM_WORKSPACE], {
      title: `Add People to ${target.workspace.name}`,
      placeHolder: 'How do you want to choose them?',
    });
    if (!picked) throw new Dismissed();
    how = picked;
  }
  if (how === FROM_WORKSPACE) {
    const source = await pickWorkspace(services.tree, { title: 'Find someone in which workspace?', exclude: target.gid });
    if (!source) throw new Dismissed();
    const user = await pickPerson(services, client, source, `Add to ${target.workspace.name}: search ${source.workspace.name}`);
    return user ? [user.gid] : [];
  }
  const text = await vscode.window.showInputBox({
    title: `Add People to ${target.workspace.name}`,
    prompt: 'Email addresses or user ids, separated by commas, spaces or new lines. Unknown addresses are invited.',
    placeHolder: 'ada@example.com, grace@example.com',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parseUserList(value);
      if (parsed.invalid.length) return parsed.invalid.map((i) => i.message).join(' ');
      if (parsed.refs.length === 0) return 'Enter at least one email address or user id.';
      return undefined;
    },
  });
  if (text === undefined) throw new Dismissed();
  const parsed = parseUserList(text);
  if (parsed.invalid.length) throw new Error(parsed.invalid.map((i) => i.message).join(' '));
  return parsed.refs;
}

/** Adds one person, then fetches their membership so the tree shows what Asana holds. */
async function addAndShow(services: Services, client: AsanaClient, workspaceGid: string, ref: string, signal?: AbortSignal) {
  let user;
  try {
    user = await client.addUser(workspaceGid, ref, signal ? { signal } : {});
  } catch (e) {
    // A dropped connection or a timeout may hide an add that landed: show what Asana holds.
    if (isAsanaError(e) && (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'invalid-response')) {
      await showMembership(services, client, workspaceGid, ref, undefined).catch(() => undefined);
    }
    throw e;
  }
  await showMembership(services, client, workspaceGid, user.gid, user.email ?? undefined);
  return user;
}

async function showMembership(services: Services, client: AsanaClient, workspaceGid: string, ref: string, email: string | undefined) {
  const listing = services.tree.listingOf(workspaceGid);
  if (!listing) return;
  const [membership] = await collect(client.workspaceMembershipPages(workspaceGid, { user: ref, pageSize: 1 }));
  if (membership) listing.upsert(membership, email ?? (ref.includes('@') ? ref : undefined));
}
