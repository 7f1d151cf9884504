/**
 * Several Asana accounts side by side, inside VS Code against the emulator: the company's admin
 * (Zoë) and a consultant (Maya) who administers a client's organization and shares Design Guild
 * with her. The emulator records which token each request carried (`counters.byUser`).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { AccountNode, TreeNode, WorkspaceNode } from '../../src/tree/nodes';
import type { Emulator } from '../emulator/index';
import { waitFor } from './support/extension';
import { isAccount, isWorkspace, loadedMembers } from './support/nodes';
import { addAccount, signInAs } from './support/signInAs';
import { TestUi } from './support/testUi';
import { useEmulator } from './support/useEmulator';

const PUT_WORKSPACE = 'PUT /workspaces/{workspace_gid}';
const LIST_MEMBERS = 'GET /workspaces/{workspace_gid}/workspace_memberships';

describe('Several accounts side by side', function () {
  this.timeout(90_000);
  let emu: Emulator;
  let api: ExtensionApi;
  let ui: TestUi;
  const zoe = () => emu.state.seedInfo.tokenUsers.admin;
  const maya = () => emu.state.seedInfo.tokenUsers.consultant;
  /** Requests by route, of the requests that carried this user's token. */
  const sentBy = (userGid: string, route: string) => emu.counters.byUser[userGid]?.[route] ?? 0;

  async function accountRows(): Promise<AccountNode[]> {
    return (await api.tree.getChildren()).filter(isAccount);
  }

  async function workspacesOf(accountGid: string): Promise<WorkspaceNode[]> {
    const row = (await accountRows()).find((r) => r.accountGid === accountGid);
    assert.ok(row, `a row for account ${accountGid}`);
    return waitFor(`the workspaces of ${accountGid}`, async () => {
      const list = (await api.tree.getChildren(row)).filter(isWorkspace);
      return list.length ? list : undefined;
    });
  }

  async function workspaceOf(accountGid: string, name: string): Promise<WorkspaceNode> {
    const node = (await workspacesOf(accountGid)).find((w) => w.workspace.name === name);
    assert.ok(node, `${name} under ${accountGid}`);
    return node;
  }

  const names = (nodes: readonly WorkspaceNode[]) => nodes.map((n) => n.workspace.name).sort();

  useEmulator({ seed: 21, sizes: { bigWorkspaceMembers: 300 } }, (e, a) => {
    emu = e;
    api = a;
  });
  beforeEach(async () => {
    emu.reset();
    ui = new TestUi(api);
    await signInAs(api, emu.tokens.admin);
    await addAccount(api, emu.tokens.consultant);
  });
  afterEach(async () => {
    ui.dispose();
    await api.session.signOut();
  });

  it('shows each account at the root, who it is, with its own workspaces: the shared one under both', async () => {
    const rows = await accountRows();
    assert.deepEqual(
      rows.map((r) => r.accountGid),
      [zoe(), maya()],
      'in the order they signed in',
    );
    const items = rows.map((r) => api.tree.getTreeItem(r as TreeNode));
    assert.deepEqual(
      items.map((i) => i.label),
      ['Zoë Ångström', 'Maya Okafor'],
    );
    assert.match(String(items[1]!.description), /maya\.okafor@northwind\.test/);
    assert.deepEqual(names(await workspacesOf(zoe())), ['Acme Corp', 'Design Guild', 'Personal Projects']);
    assert.deepEqual(names(await workspacesOf(maya())), ['Design Guild', 'Northwind Traders']);
    const guilds = [await workspaceOf(zoe(), 'Design Guild'), await workspaceOf(maya(), 'Design Guild')];
    assert.equal(guilds[0]!.gid, guilds[1]!.gid, 'the same workspace');
    assert.notEqual(api.tree.getTreeItem(guilds[0]!).id, api.tree.getTreeItem(guilds[1]!).id, 'two rows');
    // Each row shows what its account sees: Zoë is no admin of the client's organization, Maya is.
    const northwind = await workspaceOf(maya(), 'Northwind Traders');
    await loadedMembers(api, northwind);
    assert.match(String(api.tree.getTreeItem(northwind).description), /admin/);
  });

  it("runs a command on a row as the account that owns it, with that account's token only", async () => {
    const zoesGuild = await workspaceOf(zoe(), 'Design Guild');
    const mayasGuild = await workspaceOf(maya(), 'Design Guild');
    emu.counters.reset();
    await loadedMembers(api, mayasGuild);
    assert.ok(sentBy(maya(), LIST_MEMBERS) >= 1, 'Maya listed the members');
    assert.equal(sentBy(zoe(), LIST_MEMBERS), 0, "opening Maya's row sends nothing with Zoë's token");

    ui.answerInputs('Northwind Traders (client)');
    await ui.command('asana.renameWorkspace', await workspaceOf(maya(), 'Northwind Traders'));
    assert.equal(sentBy(maya(), PUT_WORKSPACE), 1);
    assert.equal(sentBy(zoe(), PUT_WORKSPACE), 0);

    ui.answerInputs('Design Guild 2027');
    await ui.command('asana.renameWorkspace', zoesGuild);
    assert.equal(sentBy(zoe(), PUT_WORKSPACE), 1);
    assert.equal(sentBy(maya(), PUT_WORKSPACE), 1, 'Maya sent nothing more');
    assert.equal(emu.state.workspace(zoesGuild.gid)?.name, 'Design Guild 2027');
    // Both rows of the shared workspace show the new name once their account hears of it.
    await api.tree.refresh();
    await waitFor('both rows renamed', async () => {
      const labels = [await workspaceOf(zoe(), 'Design Guild 2027').catch(() => undefined), await workspaceOf(maya(), 'Design Guild 2027').catch(() => undefined)];
      return labels.every(Boolean);
    });
  });

  it('from the palette, asks which account, then acts as the one chosen', async () => {
    await vscode.commands.executeCommand('asana.workspaces.focus');
    await vscode.commands.executeCommand('list.clear');
    await waitFor('no row selected', () => api.treeView.selection.length === 0);
    emu.counters.reset();
    ui.answerPicks('Maya Okafor', 'Northwind Traders').answerInputs('Northwind');
    await ui.command('asana.renameWorkspace');
    assert.equal(ui.shown.find((s) => s.kind === 'showQuickPick')?.text, 'Which Asana Account?');
    assert.deepEqual(
      ui.pickedFrom[0]!.map((i) => i.label),
      ['Zoë Ångström', 'Maya Okafor'],
    );
    assert.deepEqual(
      ui.pickedFrom[1]!.map((i) => i.label).sort(),
      ['Design Guild', 'Northwind Traders'],
      "the workspaces offered are Maya's",
    );
    assert.equal(sentBy(maya(), PUT_WORKSPACE), 1);
    assert.equal(sentBy(zoe(), PUT_WORKSPACE), 0);
  });

  it('keeps the default workspace per account', async () => {
    const zoesGuild = await workspaceOf(zoe(), 'Design Guild');
    const mayasGuild = await workspaceOf(maya(), 'Design Guild');
    const isDefault = (node: WorkspaceNode) => String(api.tree.getTreeItem(node).description).split(' · ').includes('default');
    await ui.command('asana.setDefaultWorkspace', zoesGuild);
    await waitFor("Zoë's Guild row says default", () => isDefault(zoesGuild));
    assert.equal(isDefault(mayasGuild), false, "Maya's default is her own choice");
    await ui.command('asana.setDefaultWorkspace', await workspaceOf(maya(), 'Northwind Traders'));
    await waitFor("Maya's Northwind row says default", async () => isDefault(await workspaceOf(maya(), 'Northwind Traders')));
    assert.equal(isDefault(zoesGuild), true, "Zoë's default stays");
  });

  it('hides workspaces per account: chosen on one account\'s row, the other keeps them', async () => {
    const mayasRow = (await accountRows()).find((r) => r.accountGid === maya())!;
    ui.answerPicks(['Northwind Traders']);
    await ui.command('asana.selectWorkspaces', mayasRow);
    assert.deepEqual(
      ui.pickedFrom[0]!.map((i) => i.label).sort(),
      ['Design Guild', 'Northwind Traders'],
      "Maya's workspaces are offered",
    );
    await waitFor("Maya's Design Guild hidden", async () => !names(await workspacesOf(maya())).includes('Design Guild'));
    const notes = (await api.tree.getChildren(mayasRow)).filter((n) => !isWorkspace(n)).map((n) => String(api.tree.getTreeItem(n).label));
    assert.deepEqual(notes, ['1 of 2 workspaces shown ("Asana: Select Workspaces…" to change).']);
    assert.deepEqual(names(await workspacesOf(zoe())), ['Acme Corp', 'Design Guild', 'Personal Projects'], 'Zoë still sees hers');
    ui.answerPicks(['Design Guild', 'Northwind Traders']);
    await ui.command('asana.selectWorkspaces', mayasRow);
  });

  it('signs out one account from its row; the other stays, and the view is back to one account', async () => {
    const zoesRow = (await accountRows()).find((r) => r.accountGid === zoe())!;
    await ui.command('asana.signOut', zoesRow);
    assert.deepEqual(
      api.session.accounts.map((a) => a.account.gid),
      [maya()],
    );
    assert.equal(api.session.tokenOf(zoe()), undefined);
    assert.match(ui.messages('showInformationMessage').at(-1) ?? '', /Signed out of Asana \(Zoë Ångström\)/);
    // One account looks as it always did: its workspaces at the root.
    const roots = await waitFor('workspaces at the root', async () => {
      const nodes = await api.tree.getChildren();
      return nodes.length && nodes.every(isWorkspace) ? nodes.filter(isWorkspace) : undefined;
    });
    assert.deepEqual(names(roots), ['Design Guild', 'Northwind Traders']);
    emu.counters.reset();
    await loadedMembers(api, roots.find((w) => w.workspace.name === 'Design Guild')!);
    assert.deepEqual(Object.keys(emu.counters.byUser), [maya()], 'only Maya’s token is used');
  });

  it('a token Asana refuses signs out that account only, and says which', async () => {
    await workspacesOf(zoe());
    await workspacesOf(maya());
    emu.faults.add({ user: zoe(), kind: 'status', status: 401 });
    await api.tree.refresh();
    await waitFor('Zoë signed out', () => api.session.accounts.length === 1);
    assert.deepEqual(
      api.session.accounts.map((a) => a.account.gid),
      [maya()],
    );
    const warning = await waitFor('the warning', () => ui.messages('showWarningMessage').at(-1));
    assert.match(warning, /^Signed out of Zoë Ångström: Asana did not accept the access token/);
    assert.match(warning, /Your other Asana accounts stay signed in\.$/);
    const roots = (await api.tree.getChildren()).filter(isWorkspace);
    assert.deepEqual(names(roots), ['Design Guild', 'Northwind Traders'], "Maya's view goes on");
  });
});
