/**
 * Adding people to a workspace, as decided: several emails or ids at once, each checked before
 * sending and reported on its own, or someone found in another workspace. After each add the
 * membership is read back (also after a lost answer: the add may have landed), so the store shows
 * what Asana holds without reloading the workspace. A write is never repeated.
 */
import type { TypeaheadUser, Workspace } from '../asana/schemas';
import { isAsanaError } from '../asana/errors';
import { collect } from '../asana/pagination';
import { runBulk, type BulkOutcome } from '../members/bulk';
import { lookalikeWarning } from '../members/lookalike';
import { parseUserList } from '../members/parseUserList';
import type { AccountStore } from '../store/accountStore';
import { withAsanaProgress } from '../ui/asanaProgress';
import { Dismissed } from '../ui/dismissed';
import { pickWorkspace } from '../ui/pickWorkspace';
import type { FlowContext } from './flowContext';
import { reportOutcomes } from './reportOutcomes';

export const BY_EMAIL = 'By email address or user id…';
export const FROM_WORKSPACE = 'Someone from another workspace…';

export interface AddPeopleContext extends FlowContext {
  /** The people picker of a workspace (a typeahead quick pick in VS Code). */
  readonly pickPerson: (source: Workspace, title: string) => Promise<TypeaheadUser | undefined>;
}

export async function addPeople(ctx: AddPeopleContext, target: Workspace): Promise<BulkOutcome<unknown>[]> {
  const { account, ui } = ctx;
  const refs = await askWho(ctx, target);
  if (refs.length === 0) throw new Dismissed();
  const outcomes = await withAsanaProgress(ui, account.client, `Adding to ${target.name}…`, (p) =>
    runBulk(refs, (ref, signal) => addAndShow(account, target.gid, ref, signal), {
      signal: p.signal,
      onProgress: (done, total) => p.report(`${done} of ${total}`, 100 / total),
    }),
  );
  await reportOutcomes(ctx, outcomes, 'Added', target.name);
  return outcomes;
}

async function askWho(ctx: AddPeopleContext, target: Workspace): Promise<string[]> {
  const { account, ui } = ctx;
  const others = (account.workspaces ?? []).filter((w) => w.gid !== target.gid);
  let how = BY_EMAIL;
  if (others.length > 0) {
    const picked = await ui.showQuickPick([BY_EMAIL, FROM_WORKSPACE], {
      title: `Add People to ${target.name}`,
      placeHolder: 'How do you want to choose them?',
    });
    if (!picked) throw new Dismissed();
    how = picked;
  }
  if (how === FROM_WORKSPACE) {
    const source = await pickWorkspace(ctx, account, { title: 'Find someone in which workspace?', exclude: target.gid });
    if (!source) throw new Dismissed();
    const user = await ctx.pickPerson(source, `Add to ${target.name}: search ${source.name}`);
    return user ? [user.gid] : [];
  }
  const text = await ui.showInputBox({
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
  // A look-alike letter (Cyrillic "а" for Latin "a") would invite a different person: ask first.
  const lookalikes = parsed.refs.map(lookalikeWarning).filter((w): w is string => w !== undefined);
  if (lookalikes.length) {
    const choice = await ui.showWarningMessage(
      'Some addresses mix alphabets and may not be who you think.',
      { modal: true, detail: `${lookalikes.join('\n')}\n\nAdd them anyway, or cancel and retype them.` },
      'Add Anyway',
    );
    if (choice !== 'Add Anyway') throw new Dismissed();
  }
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
