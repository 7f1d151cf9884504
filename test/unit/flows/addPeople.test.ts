// The decisions of "Add People" in plain Node, against the emulator.
import * as assert from 'node:assert/strict';
import { addBack, addPeople, BY_EMAIL, FROM_WORKSPACE, type AddPeopleContext } from '../../../src/flows/addPeople';
import type { CheckedInputOptions } from '../../../src/ui/checkedInputBox';
import type { PickOrTypeOptions } from '../../../src/ui/pickOrType';
import { Dismissed } from '../../../src/ui/dismissed';
import { startEmulator, type Emulator } from '../../emulator/index';
import { harness, type Harness } from './flowHarness';

const ADD = 'POST /workspaces/{workspace_gid}/addUser';

describe('addPeople (the flow behind Add People)', function () {
  this.timeout(20_000);
  let emu: Emulator;
  let h: Harness;
  let ctx: AddPeopleContext;

  before(async () => {
    emu = await startEmulator({ seed: 21, sizes: { bigWorkspaceMembers: 50 } });
  });
  after(() => emu.close());
  beforeEach(async () => {
    emu.reset();
    h = await harness(emu, emu.tokens.admin);
    ctx = { ...h, pickPerson: async () => undefined };
  });
  afterEach(() => h.close());

  const guild = () => h.account.workspace(emu.state.seedInfo.workspaces.guild)!;
  const acme = () => h.account.workspace(emu.state.seedInfo.workspaces.acme)!;

  it('adds pasted addresses (a mail client list) and the store shows them, one membership read each', async () => {
    const members = h.account.loadMembers(guild().gid)!;
    await members.start();
    const before = members.index.activeCount;
    h.script.answerPicks('By email').answerInputs('"Lovelace, Ada" <ada.l@guild.test>, grace.h@guild.test');
    const outcomes = await addPeople(ctx, guild());
    assert.deepEqual(outcomes.map((o) => o.ok), [true, true]);
    assert.equal(members.index.activeCount, before + 2);
    assert.equal(emu.counters.byRoute[ADD], 2);
    h.script.assertDone();
  });

  it('takes addresses typed straight into the first chooser, without another box', async () => {
    const members = h.account.loadMembers(guild().gid)!;
    await members.start();
    h.script.answerTyped('typed.one@guild.test typed.two@guild.test');
    const outcomes = await addPeople(ctx, guild());
    assert.deepEqual(outcomes.map((o) => o.ok), [true, true]);
    assert.equal(emu.counters.byRoute[ADD], 2);
    assert.ok(members.index.userGidOfEmail('typed.two@guild.test'), 'the store shows the second one');
    assert.equal(h.script.messages('showInputBox').length, 0, 'no address box');
    assert.deepEqual(h.script.pickedFrom[0]!.map((i) => i.label), [BY_EMAIL, FROM_WORKSPACE]);
    h.script.assertDone();
  });

  it('opens the address box holding an unfinished address typed into the first chooser, and checks it there', async () => {
    h.script.answerTyped('half.typed@').answerInputs('half.typed@guild.test');
    await addPeople(ctx, guild());
    const box = h.script.shown.find((s) => s.kind === 'showInputBox')!.options as CheckedInputOptions;
    assert.equal(box.value, 'half.typed@', 'what was typed is kept');
    assert.match(String(box.validate!('half.typed@')), /half\.typed@/, 'and refused there, quoted');
    assert.equal(emu.counters.byRoute[ADD], 1);
    assert.ok(emu.state.userByEmail('half.typed@guild.test'));
    h.script.assertDone();
  });

  it('offers the typed text as "Add …", saying when it is not complete', async () => {
    h.script.answerPicks(undefined);
    await assert.rejects(addPeople(ctx, guild()), Dismissed);
    const chooser = h.script.shown[0]!.options as PickOrTypeOptions<{ label: string; description?: string }>;
    assert.equal(chooser.placeHolder, 'Type email addresses or user ids, or choose how to find people');
    assert.deepEqual(chooser.typed(' ada@guild.test, grace@guild.test '), { label: 'Add ada@guild.test, grace@guild.test', description: undefined, typed: ' ada@guild.test, grace@guild.test ' });
    assert.equal(chooser.typed('ada@')!.description, 'not complete yet: Enter to correct it');
    assert.equal(emu.counters.byRoute[ADD] ?? 0, 0);
  });

  it('warns about a look-alike address before sending, and sends nothing when cancelled', async () => {
    h.script.answerPicks('By email').answerInputs('\u0430da@guild.test').answerMessages(undefined);
    await assert.rejects(addPeople(ctx, guild()), Dismissed);
    assert.match(h.script.messages('showWarningMessage')[0] ?? '', /mix alphabets/);
    assert.equal(emu.counters.byRoute[ADD] ?? 0, 0);
  });

  it('never sends an add twice when the answer is lost, and shows what Asana holds', async () => {
    const members = h.account.loadMembers(guild().gid)!;
    await members.start();
    emu.faults.add({ route: ADD, kind: 'reset-mid-body', times: 1 });
    h.script.answerPicks('By email').answerInputs('lost.answer@guild.test').answerMessages(undefined);
    await addPeople(ctx, guild());
    assert.equal(emu.counters.byRoute[ADD], 1);
    const user = emu.state.userByEmail('lost.answer@guild.test');
    assert.ok(user && members.index.byUserGid(user.gid)?.is_active, 'the add landed and the store shows it');
  });

  it('says who was added, by name and email, and reveals them', async () => {
    const revealed: string[] = [];
    const members = h.account.loadMembers(guild().gid)!;
    await members.start();
    h.script.answerPicks('By email').answerInputs('ada.l@guild.test');
    await addPeople({ ...ctx, reveal: async (_ws, user) => revealed.push(user) }, guild());
    const ada = emu.state.userByEmail('ada.l@guild.test')!;
    assert.deepEqual(h.script.messages('showInformationMessage'), [`Added ${ada.name} (ada.l@guild.test) to ${guild().name}.`]);
    assert.deepEqual(revealed, [ada.gid]);
  });

  it('tells an existing member apart from an addition, without sending the add (Asana would answer success)', async () => {
    const members = h.account.loadMembers(guild().gid)!;
    await members.start();
    const existing = members.index.slice('members', 0, 1)[0]!;
    const email = members.index.emailOf(existing.user.gid)!;
    h.script.answerPicks('By email').answerInputs(email.toUpperCase());
    const [outcome] = await addPeople(ctx, guild());
    assert.ok(outcome?.ok && outcome.value.already);
    assert.deepEqual(h.script.messages('showInformationMessage'), [`${existing.user.name} (${email}) is already a member of ${guild().name}.`]);
    assert.equal(emu.counters.byRoute[ADD] ?? 0, 0, 'nothing sent');
  });

  it('tells an existing member apart when the store does not know them yet: the membership is older than the add', async () => {
    const existing = emu.state.membershipsOf(guild().gid, { activeOnly: true }).find((m) => !m.is_admin)!;
    const user = emu.state.user(existing.user)!;
    h.script.answerPicks('By email').answerInputs(user.email);
    const [outcome] = await addPeople(ctx, guild());
    assert.ok(outcome?.ok && outcome.value.already, 'a membership created long before the add');
    assert.equal(emu.counters.byRoute[ADD], 1);
    assert.match(h.script.messages('showInformationMessage')[0] ?? '', /is already a member of/);
  });

  it('counts many, names who was already there, and lists everyone behind "Show Who"', async () => {
    const members = h.account.loadMembers(guild().gid)!;
    await members.start();
    const existing = members.index.slice('members', 0, 1)[0]!;
    const revealed: string[] = [];
    h.script
      .answerPicks('By email')
      .answerInputs(`one.new@guild.test, two.new@guild.test, ${members.index.emailOf(existing.user.gid)}`)
      .answerMessages('Show Who')
      .answerPicks((item) => item.label === existing.user.name);
    await addPeople({ ...ctx, reveal: async (_ws, user) => revealed.push(user) }, guild());
    assert.equal(h.script.messages('showInformationMessage')[0], `Added 2 people to ${guild().name}. 1 was already a member.`);
    const listed = h.script.pickedFrom.at(-1)!;
    assert.deepEqual(listed.map((i) => i.detail).sort(), ['added', 'added', 'already a member']);
    // The first person added is revealed at once; the one picked from the list after.
    assert.deepEqual(revealed, [emu.state.userByEmail('one.new@guild.test')!.gid, existing.user.gid]);
    h.script.assertDone();
  });

  it('adds a removed person back: a new active membership beside the old inactive one', async () => {
    const members = h.account.loadMembers(acme().gid)!;
    await members.start();
    const target = members.index.slice('members', 0, 1)[0]!;
    await h.account.client.removeUser(acme().gid, target.user.gid);
    const outcome = await addBack(ctx, acme(), target.user.gid);
    assert.ok(outcome.ok && !outcome.value.already);
    const memberships = emu.state.membershipsOfUser(target.user.gid).filter((m) => m.workspace === acme().gid);
    assert.deepEqual(memberships.map((m) => m.is_active), [false, true]);
    assert.equal(members.index.byUserGid(target.user.gid)?.gid, memberships[1]!.gid, 'the store shows the new membership');
    assert.match(h.script.messages('showInformationMessage')[0] ?? '', new RegExp(`^Added back ${target.user.name} \\(.+\\) to ${acme().name}\\.$`));
  });
});
