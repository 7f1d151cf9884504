/**
 * A member's details (the row's tooltip, built when hovered) inside VS Code against the emulator:
 * their out-of-office entries as Asana now records them (`/ooo_entries`), asked once while kept.
 */
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode, WorkspaceNode } from '../../src/tree/nodes';
import type { Emulator } from '../emulator/index';
import { todayUtc } from '../emulator/oooSeed';
import { isWorkspace, loadedMembers } from './support/nodes';
import { useEmulator } from './support/useEmulator';
import { signInAs } from './support/signInAs';

const OOO = 'GET /ooo_entries';

describe('Member details', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let api: ExtensionApi;

  useEmulator({ seed: 21, sizes: { bigWorkspaceMembers: 300 } }, (e, a) => {
    emu = e;
    api = a;
  });
  beforeEach(async () => {
    emu.reset();
    await signInAs(api, emu.tokens.admin);
  });
  afterEach(() => api.session.signOut());

  async function acmeMembers() {
    const acme = (await api.tree.getChildren()).filter(isWorkspace).find((n) => n.workspace.name === 'Acme Corp') as WorkspaceNode;
    return { acme, members: await loadedMembers(api, acme) };
  }

  const tooltipOf = async (node: TreeNode): Promise<string> => {
    const item = await api.tree.resolveTreeItem(api.tree.getTreeItem(node), node);
    return (item.tooltip as vscode.MarkdownString).value;
  };

  it('shows the out-of-office entries under way and coming, the current one marked, asking Asana once', async () => {
    const { acme, members } = await acmeMembers();
    const me = members.find((m) => m.membership.user.gid === emu.state.seedInfo.tokenUsers.admin)!;
    const today = todayUtc();
    const held = emu.state.oooEntriesOf(acme.gid, me.membership.user.gid).filter((e) => e.end_date >= today);
    assert.ok(held.some((e) => e.start_date <= today), 'the seed has the demo user out today');
    emu.counters.reset();
    const text = await tooltipOf(me);
    for (const e of held) assert.ok(text.includes(`${e.start_date} to ${e.end_date}`.replace(/-/g, '\\-')), `${e.start_date}: ${text}`);
    assert.match(text, /\*\*\(now\)\*\*/);
    await tooltipOf(me);
    assert.equal(emu.counters.byRoute[OOO], 1, 'kept for the next hover');
  });

  it('says nothing is planned for someone without entries, and why when Asana cannot tell', async () => {
    const { acme, members } = await acmeMembers();
    const planned = new Set(emu.state.oooEntries.map((e) => e.user));
    const [free, other] = members.filter((m) => m.membership.is_active && !planned.has(m.membership.user.gid));
    assert.match(await tooltipOf(free!), /Out of office: nothing planned/);
    emu.faults.add({ route: OOO, kind: 'status', status: 403, times: 1 });
    assert.match(await tooltipOf(other!), /Out of office: unknown \(.*permission/i);
    assert.ok(acme);
  });
});
