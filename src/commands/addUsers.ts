/**
 * Adds people to a workspace: several emails or ids at once, each checked before sending and
 * reported on its own, or someone found by typeahead in another workspace. New members appear
 * in the tree without a reload, as Asana returns them.
 */
import type * as vscode from 'vscode';
import { isAsanaError } from '../asana/errors';
import { collect } from '../asana/pagination';
import type { Workspace } from '../asana/schemas';
import { runBulk } from '../members/bulk';
import { parseUserList } from '../members/parseUserList';
import type { AccountStore } from '../store/accountStore';
import type { WorkspaceNode } from '../tree/nodes';
import { withAsanaProgress } from '../ui/asanaProgress';
import { pickWorkspace } from '../ui/pickWorkspace';
import { pickPerson } from './pickPerson';
import { reportOutcomes } from './reportOutcomes';
import { registerCommand } from './runCommand';
import { Dismissed, requireAccount, type Services } from '../services';

const BY_EMAIL = 'By email address or user id…';
const FROM_WORKSPACE = 'Someone from another workspace…';

export function registerAddUsers(services: Services): vscode.Disposable {
  return registerCommand('asana.addUsers', services, async (node?: WorkspaceNode) => {
    const account = await requireAccount(services);
    const target = node?.workspace ?? (await pickWorkspace(services, account, { title: 'Add People to an Asana Workspace' }));
    if (!target) return;
    const refs = await askWho(services, account, target);
    if (refs.length === 0) throw new Dismissed();
    const outcomes = await withAsanaProgress(account.client, `Adding to ${target.name}…`, (p) =>
      runBulk(refs, (ref, signal) => addAndShow(account, target.gid, ref, signal), {
        signal: p.signal,
        onProgress: (done, total) => p.report(`${done} of ${total}`, 100 / total),
      }),
    );
    await reportOutcomes(services, outcomes, `Added`, target.name);
  });
}

async function askWho(services: Services, account: AccountStore, target: Workspace): Promise<string[]> {
  const others = (account.workspaces ?? []).filter((w) => w.gid !== target.gid);
  let how = BY_EMAIL;
  if (others.length > 0) {
    const picked = await services.ui.showQuickPick([BY_EMAIL, FROM_WORKSPACE], {
      title: `Add People to ${target.name}`,
      placeHolder: 'How do you want to choose them?',
    });
    if (!picked) throw new Dismissed();
    how = picked;
  }
  if (how === FROM_WORKSPACE) {
    const source = await pickWorkspace(services, account, { title: 'Find someone in which workspace?', exclude: target.gid });
    if (!source) throw new Dismissed();
    const user = await pickPerson(services, account, source, `Add to ${target.name}: search ${source.name}`);
    return user ? [user.gid] : [];
  }
  const text = await services.ui.showInputBox({
    title: `Add People to ${target.name}`,
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

/** Adds one person, then fetches their membership so the store shows what Asana holds. */
async function addAndShow(account: AccountStore, workspaceGid: string, ref: string, signal?: AbortSignal) {
  let user;
  try {
    user = await account.client.addUser(workspaceGid, ref, signal ? { signal } : {});
  } catch (e) {
    // A dropped connection or a timeout may hide an add that landed: show what Asana holds.
    if (isAsanaError(e) && (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'invalid-response')) {
      await showMembership(account, workspaceGid, ref, undefined).catch(() => undefined);
    }
    throw e;
  }
  await showMembership(account, workspaceGid, user.gid, user.email ?? undefined);
  return user;
}

async function showMembership(account: AccountStore, workspaceGid: string, ref: string, email: string | undefined) {
  const members = account.membersOf(workspaceGid);
  if (!members || members.state === 'idle') return;
  const [membership] = await collect(account.client.workspaceMembershipPages(workspaceGid, { user: ref, pageSize: 1 }));
  if (membership) account.applyMembership(membership, email ?? (ref.includes('@') ? ref : undefined));
}
