import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { MessageNode, WorkspaceNode} from '../../src/tree/nodes';
import { type TreeNode } from '../../src/tree/nodes';
import { startEmulator, type Emulator } from '../emulator/index';
import { activateExtension, setApiBaseUrl, waitFor } from './support/extension';
import { signInAs } from './support/signInAs';
import { WindowStubs } from './support/windowStubs';
import { isWorkspace, isMember, isMessage } from './support/nodes';

const MEMBERSHIPS = 'GET /workspaces/{workspace_gid}/workspace_memberships';


describe('Workspaces tree', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let api: ExtensionApi;
  let ui: WindowStubs;

  async function roots(): Promise<WorkspaceNode[]> {
    return (await api.tree.getChildren()).filter(isWorkspace);
  }

  async function workspaceNode(name: string): Promise<WorkspaceNode> {
    const node = (await roots()).find((n) => n.workspace.name === name);
    assert.ok(node, `workspace ${name} in the tree`);
    return node;
  }

  async function membersWhenLoaded(node: WorkspaceNode): Promise<TreeNode[]> {
    await api.tree.getChildren(node as TreeNode);
    return waitFor('members loaded', async () => {
      const children = await api.tree.getChildren(node as TreeNode);
      return children.some((c) => isMessage(c) && c.kind === 'loading') ? undefined : children;
    }, 30_000);
  }

  before(async () => {
    emu = await startEmulator({ seed: 5 });
    api = await activateExtension();
    await setApiBaseUrl(emu.baseUrl);
  });
  beforeEach(() => {
    emu.reset();
    ui = new WindowStubs();
  });
  afterEach(async () => {
    ui.restore();
    await api.session.signOut();
  });
  after(async () => {
    await setApiBaseUrl(undefined);
    await emu.close();
  });

  it('shows the workspaces with their kind and a stable id', async () => {
    await signInAs(api, emu.tokens.admin);
    const nodes = await roots();
    assert.deepEqual(nodes.map((n) => n.workspace.name).sort(), ['Acme Corp', 'Design Guild', 'Personal Projects']);
    const acme = nodes.find((n) => n.workspace.name === 'Acme Corp')!;
    const item = api.tree.getTreeItem(acme as TreeNode);
    assert.equal(item.id, `workspace:${acme.gid}`);
    assert.match((item.tooltip as vscode.MarkdownString).value, /organization/);
    assert.match((item.tooltip as vscode.MarkdownString).value, /acme\.test/);
    assert.equal(api.viewState(), 'ready');
  });

  it('lists members with emails, badges and context values matching Asana', async () => {
    await signInAs(api, emu.tokens.admin);
    const guild = await workspaceNode('Design Guild');
    const members = (await membersWhenLoaded(guild)).filter(isMember);
    const expected = emu.state.memberships.filter((m) => m.workspace === guild.gid && m.is_active);
    assert.equal(members.length, expected.length);
    for (const node of members) {
      const seeded = expected.find((m) => m.gid === node.membership.gid);
      assert.ok(seeded, node.membership.gid);
      const user = emu.state.users.find((u) => u.gid === seeded.user)!;
      const item = api.tree.getTreeItem(node as TreeNode);
      assert.equal(item.label, user.name);
      assert.ok(String(item.description).includes(user.email), 'email joined from the users listing');
      assert.equal(String(item.description).includes('admin'), seeded.is_admin);
      assert.equal(String(item.description).includes('guest'), seeded.is_guest);
      assert.equal(String(item.description).includes('view-only'), seeded.is_view_only);
      assert.match(item.contextValue ?? '', /^member:(admin|guest|viewer|member):active/);
      assert.equal(item.id, `member:${guild.gid}:${seeded.gid}`);
    }
    const names = members.map((m) => m.membership.user.name.toLowerCase());
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })));
  });

  it('marks who may remove members: admins only', async () => {
    await signInAs(api, emu.tokens.admin);
    const acme = await workspaceNode('Acme Corp');
    await membersWhenLoaded(acme);
    await waitFor('admin check', () => acme.isAdmin !== undefined);
    assert.equal(acme.isAdmin, true);
    assert.equal(api.tree.getTreeItem(acme as TreeNode).contextValue, 'workspace:org:admin');
    const members = (await api.tree.getChildren(acme as TreeNode)).filter(isMember);
    assert.ok(members.some((m) => /:removable/.test(api.tree.getTreeItem(m as TreeNode).contextValue ?? '')));

    await signInAs(api, emu.tokens.member);
    const acmeAsMember = await workspaceNode('Acme Corp');
    await api.tree.getChildren(acmeAsMember as TreeNode);
    await waitFor('admin check', () => acmeAsMember.isAdmin !== undefined);
    assert.equal(acmeAsMember.isAdmin, false);
    const asMember = (await membersWhenLoaded(acmeAsMember)).filter(isMember);
    assert.ok(asMember.every((m) => !/:removable/.test(api.tree.getTreeItem(m as TreeNode).contextValue ?? '')));
  });

  it('pages a 10,000-member workspace in: the first page shows before the rest', async () => {
    await signInAs(api, emu.tokens.admin);
    emu.configure({ latencyMs: 20 });
    const acme = await workspaceNode('Acme Corp');
    const early = await waitFor('first page', async () => {
      const children = await api.tree.getChildren(acme as TreeNode);
      return children.some(isMember) ? children : undefined;
    });
    const loading = early.find((c) => isMessage(c) && c.kind === 'loading');
    assert.ok(loading, 'a loading row while the rest arrives');
    assert.match((loading as MessageNode).label, /Loading members… [\d,]+ so far/);
    assert.ok(early.filter(isMember).length < 10_000);
    emu.configure({ latencyMs: 0 });
    const all = (await membersWhenLoaded(acme)).filter(isMember);
    const active = emu.state.memberships.filter((m) => m.workspace === acme.gid && m.is_active).length;
    assert.equal(all.length, active);
    assert.equal(emu.counters.byRoute[MEMBERSHIPS]! >= Math.ceil(active / 100), true);
    assert.match(String(api.tree.getTreeItem(acme as TreeNode).description), new RegExp(`${active.toLocaleString('en-US')} members`));
  });

  it('shows an error row with a retry when members cannot be loaded, then recovers', async () => {
    await signInAs(api, emu.tokens.admin);
    const guild = await workspaceNode('Design Guild');
    const fault = emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 500, phrase: 'tiny tired tiger' });
    const children = await membersWhenLoaded(guild);
    const error = children.find((c) => isMessage(c) && c.kind === 'error') as MessageNode | undefined;
    assert.ok(error, 'an error row');
    assert.match(error.label, /Could not load members: .*tiny tired tiger/);
    assert.equal(error.command?.command, 'asana.retryMembers');
    emu.faults.remove(fault);
    await vscode.commands.executeCommand('asana.retryMembers', guild.gid);
    const recovered = await membersWhenLoaded(guild);
    assert.ok(recovered.filter(isMember).length > 0);
    assert.ok(!recovered.some((c) => isMessage(c) && c.kind === 'error'));
  });

  it('keeps the old data when a refresh fails, and says why', async () => {
    await signInAs(api, emu.tokens.admin);
    assert.equal((await roots()).length, 3);
    emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 503 });
    await vscode.commands.executeCommand('asana.refresh');
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
    await vscode.commands.executeCommand('asana.refresh');
    await waitFor('signed out', () => api.session.signedIn === undefined);
    await waitFor('sign-in offer', () => ui.messages('showWarningMessage').some((m) => /Sign in again/.test(m)));
    assert.deepEqual(await api.tree.getChildren(), []);
    assert.equal(api.viewState(), 'signedOut');
  });

  it('signing out while members stream in leaves no error and an empty tree', async () => {
    await signInAs(api, emu.tokens.admin);
    emu.configure({ latencyMs: 30 });
    const acme = await workspaceNode('Acme Corp');
    await waitFor('first page', async () => (await api.tree.getChildren(acme as TreeNode)).some(isMember));
    await api.session.signOut();
    assert.deepEqual(await api.tree.getChildren(acme as TreeNode), [], 'a stale row has no children');
    assert.deepEqual(await api.tree.getChildren(), []);
    emu.configure({ latencyMs: 0 });
  });

  it('never writes the token to the log', async () => {
    await signInAs(api, emu.tokens.admin);
    await membersWhenLoaded(await workspaceNode('Design Guild'));
    const log = api.logger.recent.join('\n');
    assert.ok(log.length > 0);
    for (const token of Object.values(emu.tokens)) assert.ok(!log.includes(token));
  });
});
