import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { startEmulator, type Emulator } from '../emulator/index';
import { activateExtension, setApiBaseUrl, waitFor } from './support/extension';
import { TestUi } from './support/testUi';

describe('Sign-in', () => {
  let emu: Emulator;
  let api: ExtensionApi;
  let ui: TestUi;

  before(async () => {
    emu = await startEmulator({ seed: 11, sizes: { bigWorkspaceMembers: 200 } });
    api = await activateExtension();
    await setApiBaseUrl(emu.baseUrl);
  });
  beforeEach(async () => {
    await api.session.signOut();
    ui = new TestUi(api);
  });
  afterEach(() => ui.dispose());
  after(async () => {
    await api.session.signOut();
    await setApiBaseUrl(undefined);
    await emu.close();
  });

  it('registers its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['asana.signIn', 'asana.signOut', 'asana.refresh', 'asana.showLog']) assert.ok(all.includes(id), id);
  });

  it('starts signed out with an empty root and the sign-in welcome', async () => {
    assert.equal(api.session.signedIn, undefined);
    assert.deepEqual(await api.tree.getChildren(), []);
    assert.equal(api.viewState(), 'signedOut');
  });

  it('refuses a wrong token in the box itself, with a clear message, and stores nothing', async () => {
    ui.answerInputs(emu.tokens.invalid, undefined);
    await ui.command('asana.signIn');
    const refusals = ui.messages('showInputBox').filter((m) => m.startsWith('refused: '));
    assert.deepEqual(refusals, [
      'refused: Asana did not accept this token. Check that you copied all of it and that it has not been revoked. Nothing was stored.',
    ]);
    assert.deepEqual(ui.messages('showErrorMessage'), [], 'no notification: the reason stays in the box');
    assert.equal(api.session.signedIn, undefined);
    await api.session.restore();
    assert.equal(api.session.signedIn, undefined, 'nothing in secret storage');
  });

  it('takes the right token pasted into the same box after a wrong one', async () => {
    ui.answerInputs(emu.tokens.invalid, '', emu.tokens.admin);
    await ui.command('asana.signIn');
    const me = emu.state.users.find((u) => u.gid === api.session.signedIn?.account.gid);
    assert.ok(me, 'signed in as a seeded user');
    assert.deepEqual(
      ui.messages('showInputBox').filter((m) => /^(refused|validation): /.test(m)).map((m) => m.split(':')[0]),
      ['refused', 'validation'],
      'the wrong token refused by Asana, the empty box by the check as one types',
    );
    const input = ui.shown.find((s) => s.kind === 'showInputBox')?.options as { password?: boolean };
    assert.equal(input.password, true);
  });

  it('validates the token with Asana, stores it in secret storage only, and shows who is signed in', async () => {
    ui.answerInputs(`  ${emu.tokens.admin}  `);
    await ui.command('asana.signIn');
    const signedIn = api.session.signedIn;
    assert.ok(signedIn);
    assert.ok(ui.messages('showInformationMessage').some((m) => m.includes(signedIn.account.name)));
    // Another window would find the same credentials through SecretStorage.
    await api.session.restore();
    assert.equal(api.session.signedIn?.account.gid, signedIn.account.gid);
    const settings = JSON.stringify(vscode.workspace.getConfiguration('asana'));
    assert.ok(!settings.includes(emu.tokens.admin), 'the token is not in settings');
    assert.ok(!api.logger.recent.join('\n').includes(emu.tokens.admin), 'the token is not in the log');
  });

  it('puts the account in the Accounts menu through an authentication provider', async () => {
    // VS Code hears of the session through the registered provider (the Accounts menu's source).
    const changes: string[] = [];
    const sub = vscode.authentication.onDidChangeSessions((e) => changes.push(e.provider.id));
    try {
      ui.answerInputs(emu.tokens.admin);
      await ui.command('asana.signIn');
      await waitFor('a session change from the Asana provider', () => changes.includes('asana-pat'));
      changes.length = 0;
      await ui.command('asana.signOut');
      await waitFor('the session removed', () => changes.includes('asana-pat'));
    } finally {
      sub.dispose();
    }
  });

  it('signs out and forgets the token', async () => {
    ui.answerInputs(emu.tokens.admin);
    await ui.command('asana.signIn');
    assert.ok(api.session.signedIn);
    await ui.command('asana.signOut');
    assert.equal(api.session.signedIn, undefined);
    await api.session.restore();
    assert.equal(api.session.signedIn, undefined);
    await waitFor('the signed-out view', async () => (await api.tree.getChildren()).length === 0 && api.viewState() === 'signedOut');
  });

  it('an empty input is refused by validation before anything is sent', async () => {
    const before = emu.counters.total;
    ui.answerInputs('   ', undefined);
    await ui.command('asana.signIn');
    assert.ok(ui.messages('showInputBox').some((t) => /validation: Paste your token/.test(t)));
    assert.equal(emu.counters.total, before);
  });
});
