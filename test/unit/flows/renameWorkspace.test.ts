// The decisions of "Rename Workspace" in plain Node, against the emulator.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { renameWorkspace } from '../../../src/flows/renameWorkspace';
import { startEmulator, type Emulator } from '../../emulator/index';
import { harness, type Harness } from './flowHarness';

const PUT = 'PUT /workspaces/{workspace_gid}';

describe('renameWorkspace (the flow behind Rename Workspace)', function () {
  this.timeout(20_000);
  let emu: Emulator;
  let h: Harness;

  before(async () => {
    emu = await startEmulator({ seed: 21, sizes: { bigWorkspaceMembers: 50 } });
  });
  after(() => emu.close());
  beforeEach(async () => {
    emu.reset();
    h = await harness(emu, emu.tokens.admin);
  });
  afterEach(() => h.close());

  const guild = () => h.account.workspace(emu.state.seedInfo.workspaces.guild)!;

  it('prefills the current name, renames, and the store holds the new name', async () => {
    h.script.answerInputs('Design Guild 2027');
    await renameWorkspace(h, guild());
    const input = h.script.shown[0]!.options as vscode.InputBoxOptions;
    assert.equal(input.value, 'Design Guild');
    assert.equal(emu.state.workspace(guild().gid)?.name, 'Design Guild 2027');
    assert.equal(guild().name, 'Design Guild 2027');
    h.script.assertDone();
  });

  it('refuses empty and unchanged names before any request', async () => {
    h.script.answerInputs('  ', 'Design Guild', undefined);
    await assert.rejects(renameWorkspace(h, guild()));
    assert.deepEqual(
      h.script.messages('showInputBox').filter((t) => t.startsWith('validation:')),
      ['validation: The workspace name cannot be empty.', 'validation: The new name is the same as the current one.'],
    );
    assert.equal(emu.counters.byRoute[PUT] ?? 0, 0);
  });

  it('after a lost answer, reads the workspace again and shows what Asana holds (the rename landed)', async () => {
    emu.faults.add({ route: PUT, kind: 'malformed-json', times: 1 });
    h.script.answerInputs('Guild of Design');
    await assert.rejects(renameWorkspace(h, guild()));
    assert.equal(emu.counters.byRoute[PUT], 1, 'a write is never repeated');
    assert.equal(emu.state.workspace(guild().gid)?.name, 'Guild of Design');
    assert.equal(guild().name, 'Guild of Design', 'the store re-read the workspace');
  });

  it('keeps the old name after a refusal from Asana', async () => {
    emu.faults.add({ route: PUT, kind: 'status', status: 500, phrase: 'grumpy green gecko' });
    h.script.answerInputs('Broken');
    await assert.rejects(renameWorkspace(h, guild()), /grumpy green gecko/);
    assert.equal(guild().name, 'Design Guild');
  });

  it('shows a name with a right-to-left override neutralised in the box', async () => {
    const hostile = { ...guild(), name: 'Design\u202Egnp.exe' };
    h.script.answerInputs(undefined);
    await assert.rejects(renameWorkspace(h, hostile));
    const input = h.script.shown[0]!.options as vscode.InputBoxOptions;
    assert.ok(!input.value!.includes('\u202E') && !input.title!.includes('\u202E'), JSON.stringify(input.value));
  });
});
