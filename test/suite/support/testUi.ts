/**
 * The scripted UI inside VS Code: ScriptedUi installed through the extension's `useUi`
 * (ExtensionMode.Test only), plus a typeahead picker a test drives like a person, and `command()`,
 * which runs a command and fails right there if it met a prompt the script did not expect.
 */
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { ScriptedUi } from '../../support/scriptedUi';
import { FakeQuickPick } from './fakeQuickPick';

export class TestUi extends ScriptedUi {
  private readonly typeaheads: Array<(pick: FakeQuickPick<vscode.QuickPickItem>) => unknown> = [];
  private readonly registration: vscode.Disposable;

  constructor(api: ExtensionApi) {
    super();
    this.registration = api.useUi(this.asUi());
  }

  /** Hands the next typeahead picker (createQuickPick) to `drive`, which types and chooses like a person. */
  onTypeahead(drive: (pick: FakeQuickPick<vscode.QuickPickItem>) => unknown): this {
    this.typeaheads.push(drive);
    return this;
  }

  /** Runs a command and fails right here if it met a prompt the script did not expect. */
  async command<T = unknown>(id: string, ...args: unknown[]): Promise<T | undefined> {
    const result = await vscode.commands.executeCommand<T>(id, ...args);
    this.throwIfUnexpected();
    return result;
  }

  dispose(): void {
    this.registration.dispose();
    this.assertDone();
  }

  protected override unusedExtras(): string[] {
    return this.typeaheads.map(() => 'a typeahead picker');
  }

  protected override createQuickPick(): vscode.QuickPick<vscode.QuickPickItem> {
    const drive = this.typeaheads.shift();
    if (!drive) this.refuse('a typeahead picker');
    const pick = new FakeQuickPick<vscode.QuickPickItem>();
    // After the command has wired its handlers, as a person would start typing.
    setTimeout(() => {
      Promise.resolve()
        .then(() => drive(pick))
        .catch((e: unknown) => {
          this.failures.push(e);
          pick.hide();
        });
    }, 0);
    return pick as unknown as vscode.QuickPick<vscode.QuickPickItem>;
  }
}
