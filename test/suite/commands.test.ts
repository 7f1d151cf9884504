/**
 * The member-management commands inside VS Code, against the emulator: from tree nodes and
 * from the palette, including the refusals (not an admin, bad email, empty name, 429, 5xx).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { MemberNode, TreeNode, WorkspaceNode } from '../../src/tree/nodes';
import { recentScope } from '../../src/search/accountRecents';
import type { Emulator } from '../emulator/index';
import { EXTENSION_ID, waitFor } from './support/extension';
import { isMember, isWorkspace, loadedMembers as membersOf, memberRows, selectInTree } from './support/nodes';
import { signInAs } from './support/signInAs';
import { TestUi } from './support/testUi';
import { useEmulator } from './support/useEmulator';

const PUT_WORKSPACE = 'PUT /workspaces/{workspace_gid}';
const ADD = 'POST /workspaces/{workspace_gid}/addUser';
const REMOVE = 'POST /workspaces/{workspace_gid}/removeUser';

describe('Member management commands', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let api: ExtensionApi;
  let ui: TestUi;

  async function workspaceNode(name: string): Promise<WorkspaceNode> {
    const node = (await api.tree.getChildren()).filter(isWorkspace).find((n) => n.workspace.name === name);
    assert.ok(node, name);
    return node;
  }

  const loadedMembers = (node: WorkspaceNode): Promise<MemberNode[]> => membersOf(api, node);
  const isMe = (m: MemberNode) => m.membership.user.gid === api.session.signedIn?.account.gid;
  const shownMembership = (workspaceGid: string, membershipGid: string) => api.store.account?.membersOf(workspaceGid)?.index.membership(membershipGid);

  useEmulator({ seed: 21, sizes: { bigWorkspaceMembers: 400 } }, (e, a) => {
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
    api.tree.setFilter({ text: '', roles: [] });
    // An add reveals the people added, which opens their workspace; the view remembers that, and a
    // later test expects a workspace whose members are not loaded.
    await vscode.commands.executeCommand('asana.workspaces.focus');
    await vscode.commands.executeCommand('list.collapseAll');
    await api.session.signOut();
  });

  describe('rename', () => {
    it('renames from the tree, prefilled with the current name, and the node updates in place', async () => {
      const guild = await workspaceNode('Design Guild');
      ui.answerInputs('Design Guild 2026');
      await ui.command('asana.renameWorkspace', guild);
      const input = ui.shown.find((s) => s.kind === 'showInputBox')?.options as vscode.InputBoxOptions;
      assert.equal(input.value, 'Design Guild');
      assert.equal(emu.state.workspace(guild.gid)?.name, 'Design Guild 2026');
      assert.equal(api.tree.getTreeItem(guild as TreeNode).label, 'Design Guild 2026');
    });

    it('refuses empty and unchanged names before any request', async () => {
      const guild = await workspaceNode('Design Guild');
      ui.answerInputs('   ', 'Design Guild', undefined);
      await ui.command('asana.renameWorkspace', guild);
      const problems = ui.messages('showInputBox').filter((t) => t.startsWith('validation:'));
      assert.deepEqual(problems, ['validation: The workspace name cannot be empty.', 'validation: The new name is the same as the current one.']);
      assert.equal(emu.counters.byRoute[PUT_WORKSPACE] ?? 0, 0);
      assert.equal(emu.state.workspace(guild.gid)?.name, 'Design Guild');
    });

    it('keeps the old name and shows the error when Asana fails', async () => {
      const guild = await workspaceNode('Design Guild');
      emu.faults.add({ route: PUT_WORKSPACE, kind: 'status', status: 500, phrase: 'grumpy green gecko' });
      ui.answerInputs('Broken Name').answerMessages(undefined);
      await ui.command('asana.renameWorkspace', guild);
      assert.match(ui.messages('showErrorMessage')[0] ?? '', /grumpy green gecko/);
      assert.equal(emu.counters.byRoute[PUT_WORKSPACE], 1, 'a write is never repeated');
      assert.equal(api.tree.getTreeItem(guild as TreeNode).label, 'Design Guild');
    });

    it('asks which workspace when run from the palette', async () => {
      ui.answerPicks('Personal Projects').answerInputs('Side Projects');
      await ui.command('asana.renameWorkspace');
      assert.equal(emu.state.workspaceByName('Side Projects')?.gid, emu.state.seedInfo.workspaces.personal);
    });
  });

  describe('add', () => {
    it('adds several people by email with a result per address, without reloading the tree', async () => {
      const guild = await workspaceNode('Design Guild');
      const before = (await loadedMembers(guild)).length;
      const listings = emu.counters.byRoute['GET /workspaces/{workspace_gid}/workspace_memberships'] ?? 0;
      ui.answerPicks('By email').answerInputs('new.one@guild.test, bad@, new.two@guild.test', 'new.one@guild.test\nnew.two@guild.test');
      await ui.command('asana.addUsers', guild);
      assert.ok(ui.messages('showInputBox').some((t) => /validation: "bad@" is not a valid email/.test(t)));
      assert.match(ui.messages('showInformationMessage').at(-1) ?? '', /Added 2 people/);
      for (const email of ['new.one@guild.test', 'new.two@guild.test']) {
        const user = emu.state.userByEmail(email);
        assert.ok(user && emu.state.activeMembership(guild.gid, user.gid), email);
      }
      const after = await memberRows(api, guild);
      assert.equal(after.length, before + 2);
      assert.ok(after.some((m) => m.email === 'new.one@guild.test'));
      const filteredListings = (emu.counters.byRoute['GET /workspaces/{workspace_gid}/workspace_memberships'] ?? 0) - listings;
      assert.equal(filteredListings, 2, 'one membership read per added person, no full reload');
    });

    it('waits out a 429 and still adds once', async () => {
      const guild = await workspaceNode('Design Guild');
      emu.faults.add({ route: ADD, kind: 'status', status: 429, retryAfter: '1', times: 1 });
      ui.answerPicks('By email').answerInputs('patient@guild.test');
      await ui.command('asana.addUsers', guild);
      assert.match(ui.messages('showInformationMessage').at(-1) ?? '', /^Added .+ \(patient@guild\.test\) to Design Guild\.$/);
      assert.equal(emu.counters.byRoute[ADD], 2);
      assert.equal(emu.state.users.filter((u) => u.email === 'patient@guild.test').length, 1);
    });

    it('reports each failure and keeps the successes', async () => {
      const guild = await workspaceNode('Design Guild');
      ui.answerPicks('By email').answerInputs('fine@guild.test 99999999999').answerMessages(undefined);
      await ui.command('asana.addUsers', guild);
      assert.match(ui.messages('showErrorMessage').at(-1) ?? '', /Added 1 of 2; 1 failed.*99999999999/);
      assert.ok(emu.state.userByEmail('fine@guild.test'));
    });

    it('adds someone found by typeahead in another workspace', async () => {
      const guild = await workspaceNode('Design Guild');
      const acmeGid = emu.state.seedInfo.workspaces.acme;
      const candidate = emu.state
        .membershipsOf(acmeGid, { activeOnly: true })
        .map((m) => emu.state.user(m.user)!)
        .find((u) => !emu.state.activeMembership(guild.gid, u.gid))!;
      ui.answerPicks('another workspace', 'Acme Corp').onTypeahead(async (pick) => {
        await pick.type(candidate.name.split(' ')[0]!, 20);
        await waitFor('results', () => pick.items.some((i) => i.label === candidate.name));
        pick.choose(candidate.name);
      });
      await ui.command('asana.addUsers', guild);
      assert.ok(emu.state.activeMembership(guild.gid, candidate.gid));
    });
  });

  describe('remove', () => {
    it('removes several selected members after a modal confirmation naming them', async () => {
      const guild = await workspaceNode('Acme Corp');
      const members = (await loadedMembers(guild)).filter((m) => /:removable/.test(api.tree.getTreeItem(m as TreeNode).contextValue ?? ''));
      const [a, b] = members;
      assert.ok(a && b);
      ui.answerMessages('Remove');
      await ui.command('asana.removeUsers', a, [a, b]);
      const confirm = ui.shown.find((s) => s.kind === 'showWarningMessage');
      assert.equal(confirm?.text, 'Remove 2 people from Acme Corp?');
      const detail = (confirm?.options as [{ modal: boolean; detail: string }])[0];
      assert.equal(detail.modal, true);
      assert.ok(detail.detail.includes(a.membership.user.name) && detail.detail.includes(b.membership.user.name));
      assert.match(detail.detail, /ownership/);
      assert.match(ui.messages('showInformationMessage').at(-1) ?? '', /Removed 2 people/);
      for (const m of [a, b]) {
        assert.equal(emu.state.membership(m.membership.gid)?.is_active, false);
        assert.equal(shownMembership(guild.gid, m.membership.gid)?.is_active, false, 'the tree shows it inactive');
      }
    });

    it('does nothing when the confirmation is dismissed', async () => {
      const guild = await workspaceNode('Acme Corp');
      const [a] = (await loadedMembers(guild)).filter((m) => !isMe(m));
      ui.answerMessages(undefined);
      await ui.command('asana.removeUsers', a, [a]);
      assert.match(ui.messages('showWarningMessage')[0] ?? '', /^Remove .+ from Acme Corp\?$/);
      assert.equal(emu.counters.byRoute[REMOVE] ?? 0, 0);
    });

    it('refuses a non-admin before asking Asana', async () => {
      await signInAs(api, emu.tokens.member);
      const acme = await workspaceNode('Acme Corp');
      const [someone] = (await loadedMembers(acme)).filter((m) => !isMe(m));
      assert.equal(api.tree.getTreeItem(someone as TreeNode).contextValue?.includes(':removable'), false);
      ui.answerMessages(undefined);
      await ui.command('asana.removeUsers', someone, [someone]);
      assert.match(ui.messages('showErrorMessage')[0] ?? '', /You must be an admin of Acme Corp/);
      assert.equal(emu.counters.byRoute[REMOVE] ?? 0, 0);
    });

    it('turns a 403 from Asana into "you must be an admin of <workspace>" and shows the server truth', async () => {
      const guild = await workspaceNode('Acme Corp');
      const [a] = (await loadedMembers(guild)).filter((m) => !isMe(m));
      emu.faults.add({ route: REMOVE, kind: 'status', status: 403 });
      ui.answerMessages('Remove', undefined);
      await ui.command('asana.removeUsers', a, [a]);
      assert.match(ui.messages('showErrorMessage').at(-1) ?? '', /must be an admin of Acme Corp/);
      assert.equal(emu.counters.byRoute[REMOVE], 1, 'Asana was asked once');
      assert.equal(shownMembership(guild.gid, a!.membership.gid)?.is_active, true);
    });

    it('from the palette, offers only workspaces where you are admin and lets you pick people', async () => {
      await signInAs(api, emu.tokens.member);
      const personal = emu.state.seedInfo.workspaces.personal;
      const victim = emu.state.membershipsOf(personal, { activeOnly: true }).find((m) => m.user !== emu.state.seedInfo.tokenUsers.member)!;
      const name = emu.state.user(victim.user)!.name;
      ui.answerPicks([name]).answerMessages('Remove');
      await ui.command('asana.removeUsers');
      assert.equal(emu.state.membership(victim.gid)?.is_active, false);
    });
  });

  describe('find, memberships, filter, export', () => {
    it('finds a person as you type: debounced, busy while waiting, then reveals them in the tree', async () => {
      // Members not loaded: Asana's typeahead answers. Acme Corp, because the add tests above reveal the
      // people they add in Design Guild, and the view keeps a revealed workspace open (and so loaded).
      const acme = await workspaceNode('Acme Corp');
      assert.equal(api.store.account?.membersOf(acme.gid)?.state, 'idle', "Acme Corp's members are not loaded");

      const target = emu.state.membershipsOf(acme.gid, { activeOnly: true }).map((m) => emu.state.user(m.user)!)[3]!;
      await selectInTree(api, acme);
      const before = emu.counters.byRoute['GET /workspaces/{workspace_gid}/typeahead'] ?? 0;
      let busySeen = false;
      ui.answerPicks('Reveal').onTypeahead(async (pick) => {
        await pick.type(target.name, 15);
        busySeen = pick.busy;
        await waitFor('results', () => pick.items.some((i) => i.label === target.name));
        pick.choose(target.name);
      });
      await ui.command('asana.findUser');
      const sent = (emu.counters.byRoute['GET /workspaces/{workspace_gid}/typeahead'] ?? 0) - before;
      assert.equal(busySeen, true, `busy while Asana is asked (${sent} requests; the members ${api.store.account?.membersOf(acme.gid)?.state})`);
      assert.ok(sent >= 1 && sent <= 2, `debounced: ${sent} requests for ${target.name.length} keystrokes`);
      const selected = api.treeView.selection[0];
      assert.ok(isMember(selected), 'a member is selected');
      assert.equal(selected.membership.user.gid, target.gid);
      assert.ok(api.recent.list(recentScope(api.store.account!, acme.gid)).some((u) => u.gid === target.gid), 'remembered as a recent pick');
    });

    it('says "No one … matches" in the list itself when nobody does, and Enter there picks nobody', async () => {
      const acme = await workspaceNode('Acme Corp');
      await selectInTree(api, acme);
      let rows: string[] = [];
      ui.onTypeahead(async (pick) => {
        await pick.type('zzqx nobody', 5);
        await waitFor('the answer', () => !pick.busy && pick.items.length > 0 && !pick.items.some((i) => i.label === 'zzqx nobody'));
        rows = pick.items.map((i) => i.label);
        pick.choose('No one');
        assert.equal(pick.disposed, false, 'Enter on the note keeps the box open');
        pick.hide();
      });
      await ui.command('asana.findUser');
      assert.deepEqual(rows, ['No one in Acme Corp matches "zzqx nobody"']);
    });

    it('offers the recent picks of this account on this server only, without people no longer members', async () => {
      const acme = await workspaceNode('Acme Corp');
      const account = api.store.account!;
      const active = emu.state.membershipsOf(acme.gid, { activeOnly: true }).map((m) => emu.state.user(m.user)!);
      const [kept, removed, otherServers] = [active[5]!, active[6]!, active[7]!];
      const here = recentScope(account, acme.gid);
      await api.recent.add(here, { gid: kept.gid, name: kept.name });
      await api.recent.add(here, { gid: removed.gid, name: removed.name });
      // The same ids elsewhere mean other people: another server, another account.
      await api.recent.add({ ...here, apiBaseUrl: 'https://app.asana.com/api/1.0/' }, { gid: otherServers.gid, name: 'Someone Else' });
      await api.recent.add({ ...here, accountGid: '999999' }, { gid: otherServers.gid, name: 'Someone Else' });
      emu.changeRoster({ workspace: acme.gid, remove: [removed.gid] });
      await account.loadMembers(acme.gid)!.start();
      await waitFor('members loaded', () => account.membersOf(acme.gid)?.complete === true);
      await selectInTree(api, acme);
      let recentRows: string[] = [];
      ui.onTypeahead(async (pick) => {
        await waitFor('recent picks', () => pick.items.length > 0);
        recentRows = pick.items.map((i) => i.label);
        pick.hide();
      });
      await ui.command('asana.findUser');
      // Earlier tests' picks, as this account on this server, follow.
      assert.equal(recentRows[0], kept.name, 'the latest pick of this account still a member comes first');
      assert.ok(!recentRows.includes(removed.name), `no longer a member: ${recentRows.join(', ')}`);
      assert.ok(!recentRows.includes('Someone Else'), `picked on another server or as another account: ${recentRows.join(', ')}`);
    });

    it('shows all memberships of a person, inactive ones included, with dates', async () => {
      const removed = emu.state.seedInfo.readdedUserGids[0]!;
      ui.answerPicks(undefined);
      await ui.command('asana.showUserMemberships', { gid: removed, name: 'Someone' });
      const items = ui.pickedFrom.at(-1)!;
      assert.ok(items.some((i) => /inactive/.test(i.description ?? '')));
      assert.ok(items.some((i) => /^active/.test(i.description ?? '')));
      assert.ok(items.every((i) => /Member since \d{4}-\d{2}-\d{2}/.test(i.detail ?? '')));
    });

    it('opens a membership by id and reveals it', async () => {
      const guild = await workspaceNode('Design Guild');
      await loadedMembers(guild);
      const m = emu.state.membershipsOf(guild.gid, { activeOnly: true })[5]!;
      await ui.command('asana.openMembership', m.gid);
      const selected = api.treeView.selection[0];
      assert.ok(isMember(selected) && selected.membership.gid === m.gid);
    });

    it('refuses a membership id that is not digits, before any request', async () => {
      const total = emu.counters.total;
      ui.answerInputs('abc', undefined);
      await ui.command('asana.openMembership');
      assert.ok(ui.messages('showInputBox').some((t) => /validation: A membership id is made of digits/.test(t)));
      assert.equal(emu.counters.total, total);
    });

    it('filters the tree by text and role, says so in the view, and clears', async () => {
      const acme = await workspaceNode('Acme Corp');
      const all = await loadedMembers(acme);
      ui.answerPicks(['Guests']);
      await ui.command('asana.filterByRole');
      const guests = await memberRows(api, acme);
      assert.ok(guests.length > 0 && guests.length < all.length);
      assert.ok(guests.every((g) => g.membership.is_guest));
      assert.match(api.treeView.description ?? '', /Filtered: guest/);
      // The view is alone in its container, so its description is not seen: the message says it.
      assert.match(api.treeView.message ?? '', /^Filtered: guests?\. Clear it with the filter button/);
      const row = await api.tree.getTreeItem(acme);
      assert.equal(String(row.description).split(' · ')[0], `${guests.length} of ${all.length} members`, 'the workspace counts what the filter keeps');
      const someone = guests[0]!.membership.user.name.split(' ')[0]!;
      ui.answerInputs(someone);
      await ui.command('asana.filterMembers');
      const both = await memberRows(api, acme);
      assert.ok(both.length > 0, 'someone matches both');
      assert.ok(both.every((g) => g.membership.is_guest && g.membership.user.name.toLowerCase().includes(someone.toLowerCase())));
      await ui.command('asana.clearFilter');
      assert.equal((await memberRows(api, acme)).length, all.length);
      assert.equal(api.treeView.description, undefined);
      assert.equal(api.treeView.message, undefined);
      assert.equal(String((await api.tree.getTreeItem(acme)).description).split(' · ')[0], `${all.length} members`);
    });

    it('exports members as CSV into a new editor named as the file to save, twice side by side', async () => {
      const guild = await workspaceNode('Design Guild');
      await ui.command('asana.exportMembers', guild, 'csv');
      const doc = vscode.window.activeTextEditor!.document;
      const day = new Date().toISOString().slice(0, 10);
      assert.equal(doc.uri.scheme, 'untitled', 'unsaved, so nothing is written without the person saying where');
      assert.equal(path.basename(doc.uri.path), `Design Guild members ${day}.csv`, 'Save offers this name');
      assert.equal(doc.eol, vscode.EndOfLine.CRLF, 'CSV line endings, as spreadsheets expect');
      await ui.command('asana.exportMembers', guild, 'csv');
      const second = vscode.window.activeTextEditor!.document;
      assert.equal(path.basename(second.uri.path), `Design Guild members ${day} (2).csv`, 'a second export does not land in the first');
      assert.equal(second.getText(), doc.getText());
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.window.showTextDocument(doc);
      const text = doc.getText();
      const lines = text.trim().split(/\r\n/);
      assert.equal(lines[0], 'name,email,admin,guest,view_only,active,created_at');
      assert.equal(lines.length - 1, emu.state.membershipsOf(guild.gid, { activeOnly: true }).length);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('exports as Markdown from the palette', async () => {
      ui.answerPicks('Design Guild', 'Markdown');
      await ui.command('asana.exportMembers');
      const doc = vscode.window.activeTextEditor!.document;
      assert.match(doc.getText(), /^\| name \| email \| admin/);
      assert.equal(doc.languageId, 'markdown');
      assert.match(path.basename(doc.uri.path), /^Design Guild members \d{4}-\d{2}-\d{2}\.md$/);
      assert.equal(doc.eol, vscode.EndOfLine.LF);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });

  describe('keys and defaults', () => {
    it('binds F2 to rename and Delete to remove in the view, and a key to Insert Person in editors', () => {
      const bindings = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { keybindings: unknown } }).contributes.keybindings as Array<{ command: string; key: string; when: string }>;
      const byCommand = new Map(bindings.map((b) => [b.command, b]));
      assert.equal(byCommand.get('asana.renameWorkspace')?.key, 'f2');
      assert.match(byCommand.get('asana.renameWorkspace')!.when, /focusedView == asana\.workspaces/);
      assert.equal(byCommand.get('asana.removeUsers')?.key, 'delete');
      assert.match(byCommand.get('asana.insertUser')!.when, /editorTextFocus/);
    });

    it('renames the selected row\'s workspace when run without a row, as F2 runs it', async () => {
      const guild = await workspaceNode('Design Guild');
      const [member] = await loadedMembers(guild);
      await selectInTree(api, member!);
      ui.answerInputs(undefined);
      await ui.command('asana.renameWorkspace');
      const box = ui.shown.find((s) => s.kind === 'showInputBox')!.options as vscode.InputBoxOptions;
      assert.equal(box.value, 'Design Guild', 'the workspace of the selected member, not a workspace picker');
    });

    it('removes the selected member when run without a row, as Delete runs it, after the confirmation', async () => {
      const acme = await workspaceNode('Acme Corp');
      const member = (await loadedMembers(acme)).find((m) => /:removable/.test(api.tree.getTreeItem(m as TreeNode).contextValue ?? ''))!;
      await selectInTree(api, member);
      ui.answerMessages(undefined);
      await ui.command('asana.removeUsers');
      const question = ui.shown.find((s) => s.kind === 'showWarningMessage')?.text ?? '';
      assert.ok(question.startsWith(`Remove ${member.membership.user.name} (`) && question.endsWith(') from Acme Corp?'), question);
      assert.equal(emu.state.membership(member.membership.gid)?.is_active, true, 'dismissed: nothing removed');
    });

    it('sets the default workspace from its row: the setting, the row, and Find Person without a selection', async () => {
      const studio = (await api.tree.getChildren()).filter(isWorkspace).find((n) => n.workspace.name !== 'Acme Corp' && n.workspace.name !== 'Design Guild')!;
      await ui.command('asana.setDefaultWorkspace', studio);
      try {
        // Kept for this account (each account has its own), not in the settings all accounts share.
        assert.equal(vscode.workspace.getConfiguration('asana').inspect('defaultWorkspace')?.globalValue, undefined);
        assert.match(ui.messages('showInformationMessage').at(-1) ?? '', new RegExp(`^${studio.workspace.name} is the default workspace`));
        await waitFor('the row says default', async () => String((await api.tree.getTreeItem(studio)).description).split(' · ').includes('default'));
        // Nothing selected in the view (Escape in the list): the default decides.
        await vscode.commands.executeCommand('asana.workspaces.focus');
        await vscode.commands.executeCommand('list.clear');
        await waitFor('no row selected', () => api.treeView.selection.length === 0);
        let title: string | undefined;
        ui.onTypeahead(async (pick) => {
          title = pick.title;
          pick.hide();
        });
        await ui.command('asana.findUser');
        assert.equal(title, `Find a Person in ${studio.workspace.name}`);
      } finally {
        await vscode.workspace.getConfiguration('asana').update('defaultWorkspace', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('hides the workspaces one does not manage, for this account only, and says so in the view', async () => {
      const names = () => api.tree.getChildren().then((nodes) => nodes.filter(isWorkspace).map((n) => n.workspace.name));
      const all = await names();
      assert.ok(all.includes('Acme Corp') && all.length >= 3, all.join(', '));
      const keep = all.filter((n) => n !== 'Acme Corp');
      ui.answerPicks(keep);
      await ui.command('asana.selectWorkspaces');
      try {
        assert.deepEqual(ui.pickedFrom[0]!.map((i) => [i.label, i.picked]), all.map((n) => [n, true]), 'every workspace offered, all shown so far');
        await waitFor('Acme Corp hidden', async () => !(await names()).includes('Acme Corp'));
        assert.deepEqual(await names(), keep);
        assert.ok((api.treeView.message ?? '').includes(`${keep.length} of ${all.length} workspaces shown`), api.treeView.message);
        // Unticking everything changes nothing, and says why.
        ui.answerPicks([]);
        await ui.command('asana.selectWorkspaces');
        assert.equal(ui.messages('showWarningMessage').at(-1), 'Choose at least one workspace to show. Nothing was changed.');
        assert.deepEqual(await names(), keep);
        // Another account sees its own workspaces, Acme Corp included; back as the first, it is hidden again.
        await signInAs(api, emu.tokens.member);
        await waitFor('the member sees Acme Corp', async () => (await names()).includes('Acme Corp'));
        assert.equal(api.treeView.message ?? '', '');
        await signInAs(api, emu.tokens.admin);
        await waitFor('hidden again for the admin', async () => (await names()).length === keep.length);
        assert.ok(!(await names()).includes('Acme Corp'));
      } finally {
        ui.answerPicks(all);
        await ui.command('asana.selectWorkspaces');
      }
      assert.deepEqual(await names(), all);
      assert.ok(!(api.treeView.message ?? '').includes('workspaces shown'));
    });

    it('offers @ completion in the Source Control message box too', () => {
      const languages = vscode.workspace.getConfiguration('asana').get<string[]>('completion.languages') ?? [];
      assert.ok(languages.includes('scminput'), languages.join(', '));
    });
  });

  describe('people while editing', () => {
    it('inserts the chosen person at every cursor', async () => {
      const guild = await workspaceNode('Design Guild');
      await selectInTree(api, guild);
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Owner: \nReviewer: ' });
      const editor = await vscode.window.showTextDocument(doc);
      editor.selections = [new vscode.Selection(0, 7, 0, 7), new vscode.Selection(1, 10, 1, 10)];
      const target = emu.state.membershipsOf(guild.gid, { activeOnly: true }).map((m) => emu.state.user(m.user)!)[2]!;
      ui.onTypeahead(async (pick) => {
        await pick.type(target.name, 5);
        await waitFor('results', () => pick.items.some((i) => i.label === target.name));
        pick.choose(target.name);
      });
      await ui.command('asana.insertUser');
      const link = `[${target.name}](https://app.asana.com/0/profile/${target.gid})`;
      assert.equal(doc.getText(), `Owner: ${link}\nReviewer: ${link}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('completes people after @ in Markdown', async () => {
      const guild = await workspaceNode('Design Guild');
      await selectInTree(api, guild);
      const target = emu.state.membershipsOf(guild.gid, { activeOnly: true }).map((m) => emu.state.user(m.user)!)[4]!;
      const prefix = target.name.split(' ')[0]!;
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: `Ping @${prefix}` });
      await vscode.window.showTextDocument(doc);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        new vscode.Position(0, doc.lineAt(0).text.length),
        '@',
      );
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(labels.includes(target.name), `${target.name} in ${labels.join(', ')}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('offers people right after @, before any letter is typed', async () => {
      const guild = await workspaceNode('Design Guild');
      await selectInTree(api, guild);
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Ping @' });
      await vscode.window.showTextDocument(doc);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 6), '@');
      assert.ok(list.items.length >= 10, `${list.items.length} people offered`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });
});
