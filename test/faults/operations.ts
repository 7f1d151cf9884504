/**
 * The six operations of the fault matrix, each run the way the extension runs it:
 * - list workspaces: `collect(client.workspacePages())`, as the tree does (page size 1 here, so a
 *   fault can land mid-listing);
 * - list members: the store's loader (`AccountStore.membersOf(…).start()`), what the tree uses, on an
 *   account whose workspaces were loaded before the fault was injected;
 * - typeahead: a `TypeaheadController` over `client.typeaheadUsers`, as the pickers use it;
 * - rename: the Rename Workspace command's own flow (`flows/renameWorkspace`) with a scripted answer,
 *   on an account whose workspaces were loaded before the fault was injected;
 * - add / remove: `runBulk` over `client.addUser` / `client.removeUser`, as the commands do.
 *
 * Each run reports what the person would see (`shows`), and each operation can tell from the
 * emulator's state whether its write landed and re-read the server's truth through the client.
 */
import * as assert from 'node:assert/strict';
import type { AsanaClient } from '../../src/asana/client';
import { isAsanaError, type AsanaError } from '../../src/asana/errors';
import { collect } from '../../src/asana/pagination';
import { runBulk, summarize } from '../../src/members/bulk';
import { TypeaheadController } from '../../src/search/typeaheadController';
import { renameWorkspace } from '../../src/flows/renameWorkspace';
import type { FlowLog } from '../../src/flows/flowContext';
import type { AccountStore } from '../../src/store/accountStore';
import { ScriptedUi } from '../support/scriptedUi';
import type { Emulator, MembershipRecord } from '../emulator/index';

export type OpId = 'listWorkspaces' | 'listMembers' | 'typeahead' | 'rename' | 'add' | 'remove';

export const ROUTES = {
  workspaces: 'GET /workspaces',
  workspace: 'GET /workspaces/{workspace_gid}',
  memberships: 'GET /workspaces/{workspace_gid}/workspace_memberships',
  users: 'GET /users',
  typeahead: 'GET /workspaces/{workspace_gid}/typeahead',
  rename: 'PUT /workspaces/{workspace_gid}',
  add: 'POST /workspaces/{workspace_gid}/addUser',
  remove: 'POST /workspaces/{workspace_gid}/removeUser',
  membership: 'GET /workspace_memberships/{workspace_membership_gid}',
} as const;

export interface OpContext {
  readonly emu: Emulator;
  readonly client: AsanaClient;
  /** Gid of the workspace the operation works on (Acme Corp). */
  readonly workspace: string;
  /** Unique per matrix cell, for names and emails that must not collide. */
  readonly caseId: string;
  /** Called by the listings after every page they receive (the offset-expiry scenarios hook in here). */
  readonly onPage: () => void;
  /** The signed-in account over `client`; its workspaces are loaded, before the faults, for operations with `needsAccount`. */
  readonly account: AccountStore;
}

export interface OpResult {
  readonly ok: boolean;
  readonly error: AsanaError | undefined;
  /** What the person sees afterwards: the result, or the message. */
  readonly shows: string;
  /** What the operation acted on (the removed membership's gid), for settle(). */
  readonly subject?: string;
}

export interface Operation {
  readonly id: OpId;
  readonly label: string;
  readonly writes: boolean;
  readonly paged: boolean;
  /** The route the scenario's fault goes on. */
  readonly route: string;
  /** Every route that would answer 404 if the workspace were deleted. */
  readonly workspaceRoutes: readonly string[];
  /** Runs a command's flow, which needs the account's workspaces loaded first. */
  readonly needsAccount?: boolean;
  run(ctx: OpContext): Promise<OpResult>;
  /**
   * Checks, with faults cleared, that the emulator holds what the outcome implies and that
   * re-reading through the client shows the server's truth. Returns whether a write landed.
   */
  settle(ctx: OpContext, result: OpResult): Promise<{ landed: boolean | undefined; note: string }>;
}

function failed(error: unknown): OpResult {
  if (!isAsanaError(error)) throw error;
  return { ok: false, error, shows: error.message };
}

/** An active, non-admin member of the workspace who is none of the token users: the one to remove. */
export function victimOf(emu: Emulator, workspace: string): MembershipRecord {
  const tokenUsers = new Set(Object.values(emu.state.seedInfo.tokenUsers));
  const m = emu.state.membershipsOf(workspace, { activeOnly: true }).find((x) => !x.is_admin && !x.is_guest && !tokenUsers.has(x.user));
  assert.ok(m, 'a removable member');
  return m;
}

function visibleWorkspaceNames(emu: Emulator): string[] {
  const me = emu.state.seedInfo.tokenUsers.admin;
  return emu.state
    .membershipsOfUser(me)
    .filter((m) => m.is_active)
    .map((m) => emu.state.workspace(m.workspace)!.name)
    .sort();
}

const listWorkspaces: Operation = {
  id: 'listWorkspaces',
  label: 'list workspaces',
  writes: false,
  paged: true,
  route: ROUTES.workspaces,
  workspaceRoutes: [],
  async run(ctx) {
    try {
      const seen: string[] = [];
      for await (const page of ctx.client.workspacePages({ pageSize: 1 })) {
        seen.push(...page.map((w) => w.name));
        ctx.onPage();
      }
      // Loses nothing, repeats nothing: exactly the workspaces the emulator says are visible.
      assert.deepEqual([...seen].sort(), visibleWorkspaceNames(ctx.emu), 'the listing matches the server');
      return { ok: true, error: undefined, shows: `${seen.length} workspaces` };
    } catch (e) {
      return failed(e);
    }
  },
  async settle(ctx) {
    const again = (await ctx.client.listWorkspaces()).map((w) => w.name).sort();
    assert.deepEqual(again, visibleWorkspaceNames(ctx.emu), 'a refresh shows the server truth');
    return { landed: undefined, note: '' };
  },
};

const listMembers: Operation = {
  id: 'listMembers',
  label: 'list members',
  writes: false,
  paged: true,
  route: ROUTES.memberships,
  workspaceRoutes: [ROUTES.memberships, ROUTES.users],
  // The store lists members only of workspaces it knows.
  needsAccount: true,
  async run(ctx) {
    // membersOf().start(), not loadMembers(): the latter also asks whether the account is an admin,
    // a request on the memberships route that would take the fault meant for the listing.
    const members = ctx.account.membersOf(ctx.workspace);
    assert.ok(members, 'the account loaded Acme Corp before the fault');
    // A change that is not 'all' is a page of memberships being shown.
    const listening = ctx.account.onDidChangeMembers((e) => {
      if (e.change !== 'all') ctx.onPage();
    });
    try {
      await members.start();
    } finally {
      listening.dispose();
    }
    const expected = ctx.emu.state.membershipsOf(ctx.workspace, { activeOnly: true });
    const shown = members.index.all();
    if (members.state === 'done') {
      assert.equal(members.error, undefined);
      // Every active member exactly once (the index keys by gid, so compare the sets and sizes).
      assert.deepEqual(shown.map((m) => m.gid).sort(), expected.map((m) => m.gid).sort(), 'every member, once');
      if (!members.emailError) {
        for (const m of expected) assert.equal(members.index.emailOf(m.user), ctx.emu.state.user(m.user)?.email, 'email of every member');
      }
      const emails = members.emailError ? ` (emails unavailable: ${members.emailError.kind})` : '';
      return { ok: true, error: undefined, shows: `${members.index.size} members${emails}` };
    }
    assert.equal(members.state, 'failed', `listing state ${members.state}`);
    assert.ok(members.error, 'a failed listing says why');
    // What was loaded before the failure stays, and is all real.
    const real = new Set(expected.map((m) => m.gid));
    assert.ok(shown.every((m) => real.has(m.gid)), 'kept members are real');
    return { ok: false, error: members.error, shows: `${members.index.size} members kept; ${members.error.message}` };
  },
  async settle(ctx) {
    const again = await collect(ctx.client.workspaceMembershipPages(ctx.workspace));
    const expected = ctx.emu.state.membershipsOf(ctx.workspace, { activeOnly: true });
    assert.equal(again.length, expected.length, 'a retry loads every member');
    // The store's own refresh, after a failure or not, shows every member.
    const members = ctx.account.membersOf(ctx.workspace)!;
    await members.refresh();
    assert.equal(members.state, 'done', `after a refresh: ${members.error?.message ?? ''}`);
    assert.equal(members.index.activeCount, expected.length, 'a refresh in the store shows every member');
    return { landed: undefined, note: '' };
  },
};

const TYPEAHEAD_COUNT = 10;

function queryFor(ctx: OpContext): string {
  return ctx.emu.state.user(victimOf(ctx.emu, ctx.workspace).user)!.name.split(' ')[0]!.slice(0, 3);
}

const typeahead: Operation = {
  id: 'typeahead',
  label: 'typeahead',
  writes: false,
  paged: false,
  route: ROUTES.typeahead,
  workspaceRoutes: [ROUTES.typeahead],
  async run(ctx) {
    const query = queryFor(ctx);
    const controller = new TypeaheadController(
      (q, signal) => ctx.client.typeaheadUsers(ctx.workspace, q, { signal, count: TYPEAHEAD_COUNT }),
      { debounceMs: 5 },
    );
    try {
      const outcome = await new Promise<OpResult>((resolve) => {
        controller.listen({
          results: (r) => {
            if (r.query !== query) return;
            resolve({ ok: true, error: undefined, shows: `${r.users.length} people for "${r.query}"` });
          },
          error: (e) => resolve({ ok: false, error: e, shows: e.message }),
        });
        // A person typing the query, one key at a time: only the last one is sent.
        for (let i = 1; i <= query.length; i++) controller.setQuery(query.slice(0, i));
      });
      assert.equal(controller.requestsSent, 1, 'one request for a quickly typed query');
      return outcome;
    } finally {
      controller.dispose();
    }
  },
  async settle(ctx, result) {
    if (result.ok) {
      const direct = await ctx.client.typeaheadUsers(ctx.workspace, queryFor(ctx), { count: TYPEAHEAD_COUNT });
      assert.equal(result.shows, `${direct.length} people for "${queryFor(ctx)}"`, 'the shown answer is the server answer');
    }
    return { landed: undefined, note: '' };
  },
};

/** The flows' log: the matrix reads what the person sees from the results, not from here. */
const FLOW_LOG: FlowLog = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, clean: (text) => text };

function newNameFor(ctx: OpContext): string {
  return `Acme Renamed ${ctx.caseId}`;
}

const rename: Operation = {
  id: 'rename',
  label: 'rename',
  writes: true,
  paged: false,
  route: ROUTES.rename,
  workspaceRoutes: [ROUTES.rename, ROUTES.workspace],
  needsAccount: true,
  async run(ctx) {
    const { account } = ctx;
    const target = account.workspace(ctx.workspace);
    assert.ok(target, 'the account loaded Acme Corp before the fault');
    const current = target.name;
    const ui = new ScriptedUi().answerInputs(newNameFor(ctx));
    // The store is told of every workspace the flow applies: after a failure, that is the flow's own re-read.
    let applied = 0;
    const listening = account.onDidChangeWorkspaces(() => applied++);
    try {
      const renamed = await renameWorkspace({ account, ui: ui.asUi(), logger: FLOW_LOG }, target);
      return { ok: true, error: undefined, shows: `Renamed "${current}" to "${renamed.name}".` };
    } catch (e) {
      const result = failed(e);
      const shown = applied > 0 ? `tree shows "${account.workspace(ctx.workspace)?.name}"` : 'tree keeps the old name until the next refresh';
      return { ...result, shows: `${result.shows} (${shown})` };
    } finally {
      listening.dispose();
    }
  },
  async settle(ctx, result) {
    // Before this check's own re-read: after a failure, the command read the workspace again (it may have landed).
    if (!result.ok && result.error?.kind !== 'invalid-input') {
      assert.ok((ctx.emu.counters.byRoute[ROUTES.workspace] ?? 0) >= 1, 'the rename command read the workspace again after the failure');
    }
    const server = ctx.emu.state.workspace(ctx.workspace)!.name;
    const landed = server === newNameFor(ctx);
    if (result.ok) assert.ok(landed, 'a reported rename is on the server');
    // Re-reading shows the server's truth, whatever was reported.
    assert.equal((await ctx.client.getWorkspace(ctx.workspace)).name, server, 're-read shows the server name');
    const treeShows = /tree shows "(.*)"\)$/.exec(result.shows)?.[1];
    if (treeShows !== undefined) assert.equal(treeShows, server, 'the command’s own re-read showed the server name');
    return { landed, note: landed && !result.ok ? 'failure reported, but the rename landed; re-read shows it' : '' };
  },
};

function emailFor(ctx: OpContext): string {
  return `fault.${ctx.caseId}@acme.test`.toLowerCase();
}

const add: Operation = {
  id: 'add',
  label: 'add (runBulk)',
  writes: true,
  paged: false,
  route: ROUTES.add,
  workspaceRoutes: [ROUTES.add, ROUTES.memberships],
  async run(ctx) {
    const email = emailFor(ctx);
    const outcomes = await runBulk([email], (ref, signal) => ctx.client.addUser(ctx.workspace, ref, signal ? { signal } : {}));
    assert.equal(outcomes.length, 1);
    const [o] = outcomes;
    const shows = o!.ok ? summarize(outcomes, 'Added') : `${summarize(outcomes, 'Added')} ${o!.error.message}`;
    return { ok: o!.ok, error: o!.ok ? undefined : o!.error, shows };
  },
  async settle(ctx, result) {
    const email = emailFor(ctx);
    const user = ctx.emu.state.userByEmail(email);
    const memberships = user ? ctx.emu.state.membershipsOfUser(user.gid).filter((m) => m.workspace === ctx.workspace) : [];
    assert.ok(memberships.length <= 1, 'never added twice');
    const landed = memberships.some((m) => m.is_active);
    if (result.ok) assert.ok(landed, 'a reported add is on the server');
    if (user) {
      const reread = await collect(ctx.client.workspaceMembershipPages(ctx.workspace, { user: email }));
      assert.equal(reread.length, landed ? 1 : 0, 're-read shows the server truth');
    } else {
      // Nobody was invited: Asana does not know the address at all.
      await assert.rejects(collect(ctx.client.workspaceMembershipPages(ctx.workspace, { user: email })), (e: AsanaError) => e.kind === 'not-found');
    }
    return { landed, note: landed && !result.ok ? 'failure reported, but the person was added; re-read shows them' : '' };
  },
};

const remove: Operation = {
  id: 'remove',
  label: 'remove (runBulk)',
  writes: true,
  paged: false,
  route: ROUTES.remove,
  workspaceRoutes: [ROUTES.remove, ROUTES.membership],
  async run(ctx) {
    const victim = victimOf(ctx.emu, ctx.workspace);
    const outcomes = await runBulk([victim.user], (ref, signal) => ctx.client.removeUser(ctx.workspace, ref, signal ? { signal } : {}));
    const [o] = outcomes;
    const shows = o!.ok ? summarize(outcomes, 'Removed') : `${summarize(outcomes, 'Removed')} ${o!.error.message}`;
    return { ok: o!.ok, error: o!.ok ? undefined : o!.error, shows, subject: victim.gid };
  },
  async settle(ctx, result) {
    const membership = ctx.emu.state.membership(result.subject!);
    assert.ok(membership);
    const landed = !membership.is_active;
    if (result.ok) assert.ok(landed, 'a reported removal is on the server');
    // The remove command re-reads the membership after success and failure alike.
    const fresh = await ctx.client.getWorkspaceMembership(membership.gid);
    assert.equal(fresh.is_active, membership.is_active, 're-read shows the server truth');
    return { landed, note: landed && !result.ok ? 'failure reported, but the removal landed; re-read shows them inactive' : '' };
  },
};

export const OPERATIONS: readonly Operation[] = [listWorkspaces, listMembers, typeahead, rename, add, remove];
