// The decisions of "Remove from Workspace" in plain Node, against the emulator: admin check first,
// never yourself, a modal confirmation naming people and workspace, "Removing…" only while it runs,
// the server's truth afterwards, a write never repeated.
import * as assert from 'node:assert/strict';
import { removePeople } from '../../../src/flows/removePeople';
import { Dismissed } from '../../../src/ui/dismissed';
import { startEmulator, type Emulator } from '../../emulator/index';
import { harness, type Harness } from './flowHarness';

const REMOVE = 'POST /workspaces/{workspace_gid}/removeUser';

describe('removePeople (the flow behind Remove from Workspace)', function () {
  this.timeout(20_000);
  let emu: Emulator;
  let h: Harness;

  before(async () => {
    emu = await startEmulator({ seed: 21, sizes: { bigWorkspaceMembers: 120 } });
  });
  after(() => emu.close());
  afterEach(async () => {
    await h.close();
  });

  async function loaded(token: string, workspace: string) {
    h = await harness(emu, token);
    const members = h.account.loadMembers(workspace)!;
    await members.start();
    return members;
  }

  beforeEach(() => emu.reset());

  it('asks, names the people and the workspace, removes, and shows them inactive', async () => {
    const acme = emu.state.seedInfo.workspaces.acme;
    const members = await loaded(emu.tokens.admin, acme);
    const [a, b] = members.index.slice('members', 0, 2);
    const busySeen: (string | undefined)[] = [];
    h.account.onDidChangeMembers(() => busySeen.push(h.account.busyLabel(a!.gid)));
    h.script.answerMessages('Remove');
    const outcomes = await removePeople(h, { workspace: h.account.workspace(acme)!, members: [a!, b!] });
    assert.deepEqual(outcomes?.map((o) => o.ok), [true, true]);
    const [question] = h.script.messages('showWarningMessage');
    assert.equal(question, 'Remove 2 people from Acme Corp?');
    const detail = (h.script.shown.find((s) => s.kind === 'showWarningMessage')!.options as [{ modal: boolean; detail: string }])[0];
    assert.equal(detail.modal, true);
    for (const m of [a!, b!]) {
      assert.ok(detail.detail.includes(m.user.name), 'each person is named');
      assert.ok(detail.detail.includes(members.index.emailOf(m.user.gid)!), 'with their email, as names repeat');
      assert.equal(emu.state.membership(m.gid)?.is_active, false);
      assert.equal(members.index.membership(m.gid)?.is_active, false, 'the store shows Asana’s answer');
    }
    assert.ok(busySeen.includes('Removing…'), 'Removing… while it ran');
    assert.equal(h.account.busyLabel(a!.gid), undefined, 'and not after');
    assert.equal(emu.counters.byRoute[REMOVE], 2);
    assert.match(h.script.messages('showInformationMessage').at(-1) ?? '', /Removed 2 people\. \(Acme Corp\)/);
    h.script.assertDone();
  });

  it('refuses a non-admin before any question or request', async () => {
    const acme = emu.state.seedInfo.workspaces.acme;
    const members = await loaded(emu.tokens.member, acme);
    const [someone] = members.index.slice('members', 0, 1).filter((m) => m.user.gid !== h.account.accountGid);
    await assert.rejects(removePeople(h, { workspace: h.account.workspace(acme)!, members: [someone!] }), /You must be an admin of Acme Corp/);
    assert.equal(h.script.shown.length, 0, 'no confirmation was asked');
    assert.equal(emu.counters.byRoute[REMOVE] ?? 0, 0);
  });

  it('does nothing when the confirmation is dismissed', async () => {
    const acme = emu.state.seedInfo.workspaces.acme;
    const members = await loaded(emu.tokens.admin, acme);
    const [someone] = members.index.slice('members', 0, 1);
    h.script.answerMessages(undefined);
    await assert.rejects(removePeople(h, { workspace: h.account.workspace(acme)!, members: [someone!] }), Dismissed);
    assert.equal(emu.counters.byRoute[REMOVE] ?? 0, 0);
    assert.equal(emu.state.membership(someone!.gid)?.is_active, true);
  });

  it('never removes yourself nor an inactive member, and says so', async () => {
    const acme = emu.state.seedInfo.workspaces.acme;
    const members = await loaded(emu.tokens.admin, acme);
    const me = members.index.byUserGid(h.account.accountGid)!;
    const inactive = { ...members.index.slice('members', 0, 1)[0]!, is_active: false };
    const outcomes = await removePeople(h, { workspace: h.account.workspace(acme)!, members: [me, inactive] });
    assert.equal(outcomes, undefined);
    assert.match(h.script.messages('showInformationMessage')[0] ?? '', /Nobody to remove/);
    assert.equal(emu.counters.byRoute[REMOVE] ?? 0, 0);
  });

  it('turns a 403 into "you must be an admin", asks Asana once, and re-reads the membership', async () => {
    const acme = emu.state.seedInfo.workspaces.acme;
    const members = await loaded(emu.tokens.admin, acme);
    const [someone] = members.index.slice('members', 0, 1);
    emu.faults.add({ route: REMOVE, kind: 'status', status: 403 });
    emu.counters.reset();
    h.script.answerMessages('Remove', undefined);
    const outcomes = await removePeople(h, { workspace: h.account.workspace(acme)!, members: [someone!] });
    assert.equal(outcomes?.[0]?.ok, false);
    assert.match(h.script.messages('showErrorMessage').at(-1) ?? '', /must be an admin of Acme Corp/);
    assert.equal(emu.counters.byRoute[REMOVE], 1, 'a write is never repeated');
    assert.equal(emu.counters.byRoute['GET /workspace_memberships/{workspace_membership_gid}'], 1, 'the membership was read back');
  });

  it('a dropped answer is not sent again, and the store shows what Asana holds', async () => {
    const acme = emu.state.seedInfo.workspaces.acme;
    const members = await loaded(emu.tokens.admin, acme);
    const [someone] = members.index.slice('members', 0, 1);
    emu.faults.add({ route: REMOVE, kind: 'reset-mid-body', times: 1 });
    emu.counters.reset();
    h.script.answerMessages('Remove', undefined);
    await removePeople(h, { workspace: h.account.workspace(acme)!, members: [someone!] });
    assert.equal(emu.counters.byRoute[REMOVE], 1, 'a write whose answer was lost is not repeated');
    assert.equal(members.index.membership(someone!.gid)?.is_active, emu.state.membership(someone!.gid)?.is_active, 'the store agrees with Asana');
  });
});
