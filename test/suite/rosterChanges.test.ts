/**
 * Roster changes, former members and adds that say who, inside VS Code against the emulator: the
 * roster is changed between two looks through the emulator's roster control, as the demo does.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode, WorkspaceNode } from '../../src/tree/nodes';
import type { Emulator } from '../emulator/index';
import { waitFor } from './support/extension';
import { childrenWhenLoaded, isChanges, isFormer, isFormerGroup, isWorkspace, loadedMembers, memberRows } from './support/nodes';
import { signInAs } from './support/signInAs';
import { TestUi } from './support/testUi';
import { useEmulator } from './support/useEmulator';

const ADD = 'POST /workspaces/{workspace_gid}/addUser';
const MEMBERSHIPS = 'GET /workspaces/{workspace_gid}/workspace_memberships';

describe('Roster changes and former members', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let api: ExtensionApi;
  let ui: TestUi;

  async function workspaceNode(name: string): Promise<WorkspaceNode> {
    const node = (await api.tree.getChildren()).filter(isWorkspace).find((n) => n.workspace.name === name);
    assert.ok(node, name);
    return node;
  }

  const label = (node: TreeNode) => String(api.tree.getTreeItem(node).label);

  /** The changes row once the roster history has compared what is shown. */
  async function changesRow(workspace: WorkspaceNode) {
    await childrenWhenLoaded(api, workspace);
    return waitFor('the changes row', async () => (await api.tree.getChildren(workspace)).find(isChanges));
  }

  async function refreshAndSettle(workspace: WorkspaceNode) {
    await ui.command('asana.refresh');
    await childrenWhenLoaded(api, workspace);
    await api.store.account!.membersOf(workspace.gid)!.history.whenLoaded();
  }

  /** Two joins, one removal and one promotion among Acme's plain members. */
  function changeTheRoster() {
    const acme = emu.state.seedInfo.workspaces.acme;
    const plain = emu.state.membershipsOf(acme, { activeOnly: true }).filter((m) => !m.is_admin && !m.is_guest && !m.is_view_only);
    return emu.changeRoster({
      workspace: acme,
      join: [
        { name: 'Zora Newcomer', email: 'zora.newcomer@acme.test' },
        { name: 'Aaron Joiner', email: 'aaron.joiner@acme.test' },
      ],
      remove: [plain[5]!.user],
      role: [{ user: plain[6]!.user, role: 'admin' }],
    });
  }

  useEmulator({ seed: 21, sizes: { bigWorkspaceMembers: 300 } }, (e, a) => {
    emu = e;
    api = a;
  });
  beforeEach(async () => {
    emu.reset();
    ui = new TestUi(api);
    await signInAs(api, emu.tokens.admin);
  });
  afterEach(async () => {
    ui.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.session.signOut();
  });

  it('says the first look has nothing to compare; after the roster changes, the row counts exactly who joined, left and changed role', async () => {
    const acme = await workspaceNode('Acme Corp');
    await loadedMembers(api, acme);
    const first = await changesRow(acme);
    assert.equal(label(first), 'Roster changes: nothing to compare yet');

    const result = changeTheRoster();
    await refreshAndSettle(acme);
    const row = await waitFor('4 changes', async () => {
      const r = await changesRow(acme);
      return /^4 changes since /.test(label(r)) ? r : undefined;
    });
    const item = api.tree.getTreeItem(row);
    assert.equal(item.description, '2 joined · 1 left · 1 role');
    assert.equal(item.contextValue, 'rosterChanges:unseen');
    assert.equal(item.command?.command, 'asana.showRosterChanges');

    // The report names each person; Mark as Seen from its notification starts counting again.
    ui.answerMessages('Mark as Seen');
    await ui.command('asana.showRosterChanges', row);
    const report = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'asana-roster');
    assert.ok(report, 'the report document is open');
    const text = report.getText();
    assert.match(text, /\*\*4 changes\*\*.*2 joined, 1 left, 1 changed role/);
    for (const p of [...result.joined, ...result.removed, ...result.roleChanged]) assert.ok(text.includes(p.name), p.name);
    assert.ok(text.includes('member → admin'));
    assert.match(ui.messages('showInformationMessage').at(-1) ?? '', /^4 changes in Acme Corp since /);
    await waitFor('seen', async () => /^No changes since /.test(label(await changesRow(acme))));
    assert.equal(api.tree.getTreeItem(await changesRow(acme)).contextValue, 'rosterChanges');
  });

  it('reports no change and no one as left after a failed refresh', async () => {
    const acme = await workspaceNode('Acme Corp');
    await loadedMembers(api, acme);
    await changesRow(acme);
    changeTheRoster();
    emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 500, after: 1 });
    await refreshAndSettle(acme);
    const members = api.store.account!.membersOf(acme.gid)!;
    assert.equal(members.refreshError?.kind, 'server');
    assert.equal(label(await changesRow(acme)), 'Roster changes: nothing to compare yet');
    assert.equal((await api.tree.getChildren(acme)).filter(isFormerGroup).length, 0, 'no Former members group');
  });

  it('shows someone who left under Former members, and Add Back restores them with a new membership', async () => {
    const acme = await workspaceNode('Acme Corp');
    await loadedMembers(api, acme);
    await changesRow(acme);
    const [leaver] = changeTheRoster().removed;
    await refreshAndSettle(acme);
    const group = await waitFor('Former members', async () => (await api.tree.getChildren(acme)).find(isFormerGroup));
    assert.equal(label(group), 'Former members');
    const rows = (await api.tree.getChildren(group)).filter(isFormer);
    assert.deepEqual(rows.map((r) => r.former.userGid), [leaver!.gid]);
    const item = api.tree.getTreeItem(rows[0]!);
    assert.match(String(item.description), /^was member · last seen .+ · /);
    assert.match(item.contextValue ?? '', /^former:addable/);

    await ui.command('asana.addBack', rows[0]);
    const memberships = emu.state.membershipsOfUser(leaver!.gid).filter((m) => m.workspace === acme.gid);
    assert.deepEqual(memberships.map((m) => m.is_active), [false, true], 'the old membership stays inactive, a new one is active');
    assert.match(ui.messages('showInformationMessage').at(-1) ?? '', new RegExp(`^Added back ${leaver!.name} \\(${leaver!.email.replace(/\./g, '\\.')}\\) to Acme Corp\\.$`));
    const shown = api.store.account!.membersOf(acme.gid)!.index.byUserGid(leaver!.gid);
    assert.equal(shown?.gid, memberships[1]!.gid, 'the tree shows the new membership');
    await waitFor('no former member left', async () => !(await api.tree.getChildren(acme)).some(isFormerGroup));
  });

  it('offers Add Back on a row removed here, and it restores the person', async () => {
    const acme = await workspaceNode('Acme Corp');
    const removable = (await loadedMembers(api, acme)).filter((m) => /:removable/.test(api.tree.getTreeItem(m as TreeNode).contextValue ?? ''));
    const target = removable[0]!;
    ui.answerMessages('Remove');
    await ui.command('asana.removeUsers', target, [target]);
    const membersOf = () => api.store.account!.membersOf(acme.gid)!;
    assert.equal(membersOf().index.membership(target.membership.gid)?.is_active, false);
    const inactive = (await memberRows(api, acme)).find((m) => m.membership.gid === target.membership.gid);
    assert.ok(inactive, 'the removed row stays, as inactive');
    assert.match(api.tree.getTreeItem(inactive as TreeNode).contextValue ?? '', /:inactive.*:addable/);
    await ui.command('asana.addBack', inactive);
    assert.equal(membersOf().index.byUserGid(target.membership.user.gid)?.is_active, true);
    assert.match(ui.messages('showInformationMessage').at(-1) ?? '', /^Added back /);
  });

  it('tells an existing member apart from an addition: "already a member", nothing sent', async () => {
    const guild = await workspaceNode('Design Guild');
    const members = await loadedMembers(api, guild);
    const existing = members.find((m) => m.email && m.membership.user.gid !== api.session.signedIn?.account.gid)!;
    emu.counters.reset();
    ui.answerPicks('By email').answerInputs(existing.email!);
    await ui.command('asana.addUsers', guild);
    assert.equal(ui.messages('showInformationMessage').at(-1), `${existing.membership.user.name} (${existing.email}) is already a member of Design Guild.`);
    assert.equal(emu.counters.byRoute[ADD] ?? 0, 0);
  });
});
