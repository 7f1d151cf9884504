/**
 * The Asana view inside VS Code, against the emulator: a projection of the store, grouped by role,
 * remembered across reloads (snapshots), and never silently empty.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { snapshotFolder } from '../../src/store/snapshotFiles';
import type { MessageNode, WorkspaceNode } from '../../src/tree/nodes';
import type { Emulator } from '../emulator/index';
import { waitFor } from './support/extension';
import { childrenWhenLoaded, isGroup, isMember, isMessage, isRange, isWorkspace, loadedMembers, memberRows, selectInTree } from './support/nodes';
import { signInAs } from './support/signInAs';
import { TestUi } from './support/testUi';
import { useEmulator } from './support/useEmulator';

const MEMBERSHIPS = 'GET /workspaces/{workspace_gid}/workspace_memberships';
const TYPEAHEAD = 'GET /workspaces/{workspace_gid}/typeahead';

describe('Workspaces tree', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let api: ExtensionApi;
  let ui: TestUi;

  async function roots(): Promise<WorkspaceNode[]> {
    return (await api.tree.getChildren()).filter(isWorkspace);
  }

  async function workspaceNode(name: string): Promise<WorkspaceNode> {
    const node = (await roots()).find((n) => n.workspace.name === name);
    assert.ok(node, `workspace ${name} in the tree`);
    return node;
  }

  /** This account's snapshot folder (other accounts and API URLs have their own). */
  const accountFolder = () => {
    const signedIn = api.session.signedIn!;
    return snapshotFolder(api.storageRoot, { accountGid: signedIn.account.gid, apiBaseUrl: signedIn.client.baseUrl.href });
  };
  const snapshotFile = (workspaceGid: string) => path.join(accountFolder(), `members-${workspaceGid}.json`);

  /** What a window reload does to the store: a new account store, reading the snapshots. */
  async function reload(): Promise<void> {
    api.session.reconnect();
    await waitFor('the new account store', () => api.store.account);
  }

  useEmulator({ seed: 5 }, (e, a) => {
    emu = e;
    api = a;
  });
  beforeEach(() => {
    emu.reset();
    ui = new TestUi(api);
  });
  afterEach(async () => {
    ui.dispose();
    await api.session.signOut();
  });

  it('shows the workspaces with their kind and a stable id', async () => {
    await signInAs(api, emu.tokens.admin);
    const nodes = await roots();
    assert.deepEqual(nodes.map((n) => n.workspace.name).sort(), ['Acme Corp', 'Design Guild', 'Personal Projects']);
    const acme = nodes.find((n) => n.workspace.name === 'Acme Corp')!;
    const item = api.tree.getTreeItem(acme);
    // The account is part of the id: a workspace two accounts share has a row under each.
    assert.equal(item.id, `workspace:${emu.state.seedInfo.tokenUsers.admin}:${acme.gid}`);
    assert.match((item.tooltip as vscode.MarkdownString).value, /organization/);
    assert.match((item.tooltip as vscode.MarkdownString).value, /acme\\?\.test/);
    assert.equal(api.viewState(), 'ready');
  });

  it('groups members by role, each group with its count, each member with email, badges and context value', async () => {
    await signInAs(api, emu.tokens.admin);
    const guild = await workspaceNode('Design Guild');
    const groups = (await childrenWhenLoaded(api, guild)).filter(isGroup);
    const expected = emu.state.memberships.filter((m) => m.workspace === guild.gid && m.is_active);
    const count = (pred: (m: (typeof expected)[number]) => boolean) => expected.filter(pred).length;
    const wanted: Record<string, number> = {
      admins: count((m) => m.is_admin),
      members: count((m) => !m.is_admin && !m.is_guest && !m.is_view_only),
      guests: count((m) => !m.is_admin && m.is_guest),
      viewOnly: count((m) => !m.is_admin && !m.is_guest && m.is_view_only),
    };
    assert.deepEqual(
      groups.map((g) => g.group),
      Object.keys(wanted).filter((k) => wanted[k]! > 0),
      'non-empty groups in the fixed order',
    );
    for (const g of groups) {
      assert.equal(api.tree.getTreeItem(g).description, String(wanted[g.group]));
      const rows = (await api.tree.getChildren(g)).filter(isMember);
      assert.equal(rows.length, wanted[g.group]);
      const names = rows.map((m) => m.membership.user.name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ'));
      assert.deepEqual(names, [...names].sort(), `${g.group} in name order`);
    }
    const members = await memberRows(api, guild);
    assert.equal(members.length, expected.length);
    for (const node of members) {
      const seeded = expected.find((m) => m.gid === node.membership.gid);
      assert.ok(seeded, node.membership.gid);
      const user = emu.state.users.find((u) => u.gid === seeded.user)!;
      const item = api.tree.getTreeItem(node);
      assert.equal(item.label, user.name);
      assert.ok(String(item.description).includes(user.email), 'email joined from the users listing');
      assert.equal(String(item.description).includes('admin'), seeded.is_admin);
      assert.equal(String(item.description).includes('guest'), seeded.is_guest);
      assert.match(item.contextValue ?? '', /^member:(admin|guest|viewer|member):active/);
      assert.equal(item.id, `member:${emu.state.seedInfo.tokenUsers.admin}:${guild.gid}:${seeded.gid}`);
      assert.ok(api.tree.getParent(node) && isGroup(api.tree.getParent(node)), 'a member of a small group sits in the group');
    }
  });

  it('marks who may remove members: admins only', async () => {
    await signInAs(api, emu.tokens.admin);
    const acme = await workspaceNode('Acme Corp');
    const members = await loadedMembers(api, acme);
    assert.equal(api.store.account?.isAdmin(acme.gid), true);
    assert.equal(api.tree.getTreeItem(acme).contextValue, 'workspace:org:admin');
    assert.ok(members.some((m) => /:removable/.test(api.tree.getTreeItem(m).contextValue ?? '')));

    await signInAs(api, emu.tokens.member);
    const acmeAsMember = await workspaceNode('Acme Corp');
    const asMember = await loadedMembers(api, acmeAsMember);
    assert.equal(api.store.account?.isAdmin(acmeAsMember.gid), false);
    assert.ok(asMember.every((m) => !/:removable/.test(api.tree.getTreeItem(m).contextValue ?? '')));
  });

  it('streams a 10,000-member workspace in: the first page before the rest, ranges of a thousand, the same count on both rows', async () => {
    await signInAs(api, emu.tokens.admin);
    emu.configure({ latencyMs: 20 });
    const acme = await workspaceNode('Acme Corp');
    const early = await waitFor('first page', async () => {
      const children = await api.tree.getChildren(acme);
      return children.some(isGroup) ? children : undefined;
    });
    const loading = early.find((c) => isMessage(c) && c.kind === 'loading') as MessageNode | undefined;
    assert.ok(loading, 'a loading row while the rest arrives');
    const shownCount = /Loading members… ([\d,]+) so far/.exec(loading.label)?.[1];
    assert.ok(shownCount, loading.label);
    assert.match(String(api.tree.getTreeItem(acme).description), new RegExp(`loading… ${shownCount}`), 'the workspace row and its loading row agree');
    emu.configure({ latencyMs: 0 });
    const children = await childrenWhenLoaded(api, acme);
    const active = emu.state.memberships.filter((m) => m.workspace === acme.gid && m.is_active).length;
    const members = children.filter(isGroup).find((g) => g.group === 'members')!;
    const ranges = (await api.tree.getChildren(members)).filter(isRange);
    assert.ok(ranges.length >= 9, `${ranges.length} ranges`);
    assert.equal(api.tree.getTreeItem(ranges[0]!).label, '1–1,000');
    const firstRange = (await api.tree.getChildren(ranges[0]!)).filter(isMember);
    assert.equal(firstRange.length, 1000, 'no more than a thousand rows under a range');
    assert.equal(api.tree.getParent(firstRange[500]!), ranges[0], 'reveal finds the range of a member');
    assert.equal((await memberRows(api, acme)).length, active);
    assert.match(String(api.tree.getTreeItem(acme).description), new RegExp(`${active.toLocaleString('en-US')} members`));
  });

  it('shows an error row with a retry when members cannot be loaded, then recovers', async () => {
    await signInAs(api, emu.tokens.admin);
    const guild = await workspaceNode('Design Guild');
    const fault = emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 500, phrase: 'tiny tired tiger' });
    const children = await childrenWhenLoaded(api, guild);
    const error = children.find((c) => isMessage(c) && c.kind === 'error') as MessageNode | undefined;
    assert.ok(error, 'an error row');
    assert.match(error.label, /Could not load members: .*tiny tired tiger/);
    assert.equal(error.command?.command, 'asana.retryMembers');
    emu.faults.remove(fault);
    await ui.command('asana.retryMembers', guild);
    const recovered = await childrenWhenLoaded(api, guild);
    assert.ok(recovered.some(isGroup));
    assert.ok(!recovered.some((c) => isMessage(c) && c.kind === 'error'));
  });

  it('keeps the old data when a refresh fails, and says why', async () => {
    await signInAs(api, emu.tokens.admin);
    assert.equal((await roots()).length, 3);
    emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 503 });
    await ui.command('asana.refresh');
    assert.equal((await roots()).length, 3);
    assert.match(api.treeView.message ?? '', /Refresh failed, showing the last loaded data/);
  });

  it('says so when Asana is unreachable before anything loaded', async () => {
    emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 503 });
    await signInAs(api, emu.tokens.admin);
    assert.deepEqual(await api.tree.getChildren(), []);
    assert.equal(api.viewState(), 'unreachable');
    assert.match(api.treeView.message ?? '', /Could not load workspaces/);
  });

  it('shows the no-workspaces welcome for an account in no workspace', async () => {
    await signInAs(api, emu.tokens.outsider);
    assert.deepEqual(await api.tree.getChildren(), []);
    assert.equal(api.viewState(), 'empty');
  });

  it('turns a rejected token into the signed-out state with a sign-in offer', async () => {
    await signInAs(api, emu.tokens.admin);
    await roots();
    emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 401 });
    ui.answerMessages(undefined);
    await ui.command('asana.refresh');
    await waitFor('signed out', () => api.session.signedIn === undefined);
    await waitFor('sign-in offer', () => ui.messages('showWarningMessage').some((m) => /Sign in again/.test(m)));
    assert.deepEqual(await api.tree.getChildren(), []);
    assert.equal(api.viewState(), 'signedOut');
  });

  it('signing out while members stream in leaves no error and an empty tree', async () => {
    await signInAs(api, emu.tokens.admin);
    emu.configure({ latencyMs: 30 });
    const acme = await workspaceNode('Acme Corp');
    await waitFor('first page', async () => (await api.tree.getChildren(acme)).some(isGroup));
    await api.session.signOut();
    assert.deepEqual(await api.tree.getChildren(acme), [], 'a stale row has no children');
    assert.deepEqual(await api.tree.getChildren(), []);
    emu.configure({ latencyMs: 0 });
  });

  it('never writes the token to the log', async () => {
    await signInAs(api, emu.tokens.admin);
    await childrenWhenLoaded(api, await workspaceNode('Design Guild'));
    const log = api.logger.recent.join('\n');
    assert.ok(log.length > 0);
    for (const token of Object.values(emu.tokens)) assert.ok(!log.includes(token));
  });

  describe('remembered across reloads', () => {
    it('renders the snapshot before any answer from Asana, says how old it is, then refreshes', async () => {
      await signInAs(api, emu.tokens.admin);
      const guild = await workspaceNode('Design Guild');
      const before = (await loadedMembers(api, guild)).length;
      await waitFor('the snapshot on disk', () => fs.existsSync(snapshotFile(guild.gid)));
      // Asana now answers nothing for a while: whatever shows comes from the snapshot.
      const hold = emu.faults.add({ kind: 'latency', latencyMs: 3_000 });
      emu.counters.reset();
      await reload();
      const again = (await roots()).find((n) => n.gid === guild.gid)!;
      assert.ok(again, 'the workspaces from the snapshot');
      const rows = await memberRows(api, again);
      assert.equal(rows.length, before, 'the members from the snapshot');
      assert.equal(api.store.account?.workspacesFromSnapshot, true, 'the workspaces shown are the snapshot: Asana has not answered yet');
      assert.equal(api.store.account?.membersOf(guild.gid)?.fromSnapshot, true);
      assert.match(String(api.tree.getTreeItem(again).description), /as of (just now|\d+ min ago)/);
      emu.faults.remove(hold);
      await waitFor('the refresh', () => api.store.account?.membersOf(guild.gid)?.fromSnapshot === false, 30_000);
      assert.doesNotMatch(String(api.tree.getTreeItem(again).description), /as of/);
      assert.ok((emu.counters.byRoute[MEMBERSHIPS] ?? 0) > 0, 'the refresh asked Asana');
    });

    it('ignores a corrupt snapshot and one of another account, and loads from Asana', async () => {
      await signInAs(api, emu.tokens.admin);
      const guild = await workspaceNode('Design Guild');
      await loadedMembers(api, guild);
      const file = snapshotFile(guild.gid);
      await waitFor('the snapshot on disk', () => fs.existsSync(file));
      const good = fs.readFileSync(file, 'utf8');
      const spoilt: [string, RegExp][] = [
        [good.slice(0, good.length - 20), /not valid JSON/],
        [good.replace(/"accountGid":"\d+"/, `"accountGid":"${emu.state.userForToken(emu.tokens.member)!.gid}"`), /another account/],
      ];
      for (const [bad, reason] of spoilt) {
        await new Promise((r) => setTimeout(r, 300)); // the previous listing's snapshot write lands first
        fs.writeFileSync(file, bad);
        emu.counters.reset();
        await reload();
        const node = (await roots()).find((n) => n.gid === guild.gid)!;
        const rows = await loadedMembers(api, node);
        assert.equal(rows.length, emu.state.membershipsOf(guild.gid, { activeOnly: true }).length);
        assert.equal(api.store.account?.membersOf(guild.gid)?.fromSnapshot, false);
        assert.ok((emu.counters.byRoute[MEMBERSHIPS] ?? 0) > 0, 'loaded from Asana');
        const lines = api.logger.recent.filter((l) => /snapshot/i.test(l));
        assert.ok(lines.some((l) => /Ignoring the snapshot members-\d+\.json/.test(l) && reason.test(l)), `a log line says why:\n${lines.join('\n')}`);
      }
    });

    it('deletes the snapshots at sign-out', async () => {
      await signInAs(api, emu.tokens.admin);
      await loadedMembers(api, await workspaceNode('Design Guild'));
      const folder = accountFolder();
      await waitFor('snapshots on disk', () => fs.existsSync(folder));
      await ui.command('asana.signOut');
      await waitFor('snapshots deleted', () => !fs.existsSync(folder));
    });
  });

  it('Find Person answers from the store with no request when the members are loaded', async () => {
    await signInAs(api, emu.tokens.admin);
    const guild = await workspaceNode('Design Guild');
    await loadedMembers(api, guild);
    await selectInTree(api, guild);
    const target = emu.state.user(emu.state.membershipsOf(guild.gid, { activeOnly: true })[3]!.user)!;
    emu.counters.reset();
    let shownAt: number | undefined;
    ui.onTypeahead(async (pick) => {
      await pick.type(target.name.split(' ')[0]!.slice(0, 3), 5);
      await waitFor('results', () => pick.items.some((i) => i.label === target.name));
      shownAt = Date.now();
      pick.choose(target.name);
    }).answerPicks(undefined);
    await ui.command('asana.findUser');
    assert.ok(shownAt, 'results shown');
    assert.equal(emu.counters.byRoute[TYPEAHEAD] ?? 0, 0, 'no typeahead request');
  });
});
