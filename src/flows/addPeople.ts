/**
 * Adding people to a workspace, as decided: several emails or ids at once, each checked before
 * sending and reported on its own, or someone found in another workspace. After each add the
 * membership is read back (also after a lost answer: the add may have landed), so the store shows
 * what Asana holds without reloading the workspace. A write is never repeated. Asana answers an add
 * of someone already in the workspace with success, so the store is asked first, and a membership
 * older than the add says the same.
 */
import type { Membership, TypeaheadUser, Workspace } from '../asana/schemas';
import { isAsanaError } from '../asana/errors';
import { collect } from '../asana/pagination';
import { isGid } from '../asana/validate';
import { runBulk, type BulkOutcome } from '../members/bulk';
import { lookalikeWarning } from '../members/lookalike';
import { parseUserList } from '../members/parseUserList';
import type { AccountStore } from '../store/accountStore';
import { withAsanaProgress } from '../ui/asanaProgress';
import { Dismissed } from '../ui/dismissed';
import { pickWorkspace } from '../ui/pickWorkspace';
import type { FlowContext } from './flowContext';
import { reportAdded, type AddedPerson } from './reportAdded';
import { l10n } from '../util/l10n';

/** The two ways to find people, in English (as tests name them); the picker shows them translated. */
export const BY_EMAIL = 'By email address or user id…';
export const FROM_WORKSPACE = 'Someone from another workspace…';
const byEmail = () => l10n.t('By email address or user id…');
const fromWorkspace = () => l10n.t('Someone from another workspace…');

/** A membership created this long before the add was there already; allows for the clocks' skew. */
const ALREADY_THERE_MS = 5 * 60_000;

export interface AddPeopleContext extends FlowContext {
  /** The people picker of a workspace (a typeahead quick pick in VS Code). */
  readonly pickPerson: (source: Workspace, title: string) => Promise<TypeaheadUser | undefined>;
  /** Shows a person's row in the view; absent where there is no view. */
  readonly reveal?: (workspaceGid: string, userGid: string) => Promise<unknown>;
}

export async function addPeople(ctx: AddPeopleContext, target: Workspace): Promise<BulkOutcome<AddedPerson>[]> {
  const refs = await askWho(ctx, target);
  if (refs.length === 0) throw new Dismissed();
  return addRefs(ctx, target, refs, l10n.t('Adding to {0}…', target.name), 'Added');
}

/** Adds a former member (or a removed one) back: a new membership, shown in the view. */
export async function addBack(ctx: AddPeopleContext, target: Workspace, userGid: string): Promise<BulkOutcome<AddedPerson>> {
  // Always sent: the row asking for it says they are gone, whatever an older listing held.
  const [outcome] = await addRefs(ctx, target, [userGid], l10n.t('Adding back to {0}…', target.name), 'Added back');
  return outcome!;
}

async function addRefs(ctx: AddPeopleContext, target: Workspace, refs: readonly string[], title: string, verb: 'Added' | 'Added back') {
  const { account, ui } = ctx;
  const startedAt = Date.now();
  const outcomes = await withAsanaProgress(ui, account.client, title, (p) =>
    runBulk(refs, (ref, signal) => addAndShow(account, target.gid, ref, startedAt, verb === 'Added', signal), {
      signal: p.signal,
      onProgress: (done, total) => p.report(`${done} of ${total}`, 100 / total),
    }),
  );
  await reportAdded(ctx, outcomes, target, verb);
  return outcomes;
}

type HowItem = { readonly label: string; readonly description?: string; readonly typed?: string };

async function askWho(ctx: AddPeopleContext, target: Workspace): Promise<string[]> {
  const { account, ui } = ctx;
  const others = (account.workspaces ?? []).filter((w) => w.gid !== target.gid);
  let how: HowItem = { label: byEmail() };
  if (others.length > 0) {
    const picked = await ui.pickOrType<HowItem>({
      title: l10n.t('Add People to {0}', target.name),
      placeHolder: l10n.t('Type email addresses or user ids, or choose how to find people'),
      items: [{ label: byEmail() }, { label: fromWorkspace() }],
      typed: (text) => {
        const parsed = parseUserList(text);
        const complete = parsed.refs.length > 0 && parsed.invalid.length === 0;
        return { label: l10n.t('Add {0}', text.trim()), description: complete ? undefined : l10n.t('not complete yet: Enter to correct it'), typed: text };
      },
    });
    if (!picked) throw new Dismissed();
    how = picked;
  }
  if (how.label === fromWorkspace()) {
    const source = await pickWorkspace(ctx, account, { title: l10n.t('Find someone in which workspace?'), exclude: target.gid });
    if (!source) throw new Dismissed();
    const user = await ctx.pickPerson(source, l10n.t('Add to {0}: search {1}', target.name, source.name));
    return user ? [user.gid] : [];
  }
  const typed = how.typed === undefined ? undefined : parseUserList(how.typed);
  const refs = typed && typed.refs.length > 0 && typed.invalid.length === 0 ? typed.refs : await askEmails(ctx, target, how.typed);
  return checkLookalikes(ctx, refs);
}

/** The box for addresses and ids, holding what was typed so far, with its problem shown at once. */
async function askEmails(ctx: AddPeopleContext, target: Workspace, typed: string | undefined): Promise<string[]> {
  const refs = await ctx.ui.showCheckedInputBox(
    {
      title: l10n.t('Add People to {0}', target.name),
      prompt: l10n.t('Email addresses or user ids, separated by commas, spaces or new lines. Unknown addresses are invited.'),
      placeHolder: 'ada@example.com, grace@example.com',
      ...(typed === undefined ? {} : { value: typed }),
      validate: (value) => {
        const parsed = parseUserList(value);
        if (parsed.invalid.length) return parsed.invalid.map((i) => i.message).join(' ');
        if (parsed.refs.length === 0) return l10n.t('Enter at least one email address or user id.');
        return undefined;
      },
    },
    async (value) => ({ ok: true, value: parseUserList(value).refs }),
  );
  if (refs === undefined) throw new Dismissed();
  return refs;
}

async function checkLookalikes(ctx: AddPeopleContext, refs: string[]): Promise<string[]> {
  const { ui } = ctx;
  // A look-alike letter (Cyrillic "а" for Latin "a") would invite a different person: ask first.
  const lookalikes = refs.map(lookalikeWarning).filter((w): w is string => w !== undefined);
  if (lookalikes.length) {
    const choice = await ui.showWarningMessage(
      l10n.t('Some addresses mix alphabets and may not be who you think.'),
      { modal: true, detail: `${lookalikes.join('\n')}\n\n${l10n.t('Add them anyway, or cancel and retype them.')}` },
      l10n.t('Add Anyway'),
    );
    if (choice !== l10n.t('Add Anyway')) throw new Dismissed();
  }
  return refs;
}

/** The active member a reference names, as far as the store knows. */
function knownMember(account: AccountStore, workspaceGid: string, ref: string): Membership | undefined {
  const index = account.membersOf(workspaceGid)?.index;
  if (!index) return undefined;
  const userGid = ref === 'me' ? account.accountGid : isGid(ref) ? ref : index.userGidOfEmail(ref);
  const membership = userGid === undefined ? undefined : index.byUserGid(userGid);
  return membership?.is_active ? membership : undefined;
}

/** Adds one person, then fetches their membership so the store shows what Asana holds. */
async function addAndShow(account: AccountStore, workspaceGid: string, ref: string, startedAt: number, askStore: boolean, signal?: AbortSignal): Promise<AddedPerson> {
  const known = askStore ? knownMember(account, workspaceGid, ref) : undefined;
  if (known) {
    const email = account.membersOf(workspaceGid)?.index.emailOf(known.user.gid);
    return { gid: known.user.gid, name: known.user.name, email, already: true };
  }
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
  const email = user.email ?? (ref.includes('@') ? ref : undefined);
  const membership = await showMembership(account, workspaceGid, user.gid, email);
  const created = membership?.created_at ? Date.parse(membership.created_at) : NaN;
  return { gid: user.gid, name: user.name, email, already: created < startedAt - ALREADY_THERE_MS };
}

async function showMembership(account: AccountStore, workspaceGid: string, ref: string, email: string | undefined): Promise<Membership | undefined> {
  const [membership] = await collect(account.client.workspaceMembershipPages(workspaceGid, { user: ref, pageSize: 1 }));
  const members = account.membersOf(workspaceGid);
  if (membership && members && members.state !== 'idle') account.applyMembership(membership, email ?? (ref.includes('@') ? ref : undefined));
  return membership;
}
