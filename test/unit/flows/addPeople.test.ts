// The decisions of "Add People" in plain Node, against the emulator.
import * as assert from 'node:assert/strict';
import { addPeople, type AddPeopleContext } from '../../../src/flows/addPeople';
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
});
