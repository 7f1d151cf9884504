/**
 * A quick pick that also takes what is typed: text that matches no choice is offered as a choice of
 * its own ("Add ada@example.com"), so a person who types an address where the list is does not
 * face an empty list that Enter ignores.
 */
import * as vscode from 'vscode';
import { settleOnce } from './settleOnce';

export interface PickOrTypeOptions<T extends vscode.QuickPickItem> {
  readonly title: string;
  readonly placeHolder: string;
  readonly items: readonly T[];
  /** The choice standing for the typed text, or undefined to offer none for it. */
  readonly typed: (text: string) => T | undefined;
}

export function pickOrType<T extends vscode.QuickPickItem>(options: PickOrTypeOptions<T>): Promise<T | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<T>();
    pick.title = options.title;
    pick.placeholder = options.placeHolder;
    pick.ignoreFocusOut = true;
    pick.items = options.items;
    const finish = settleOnce<T | undefined>(resolve, pick);
    pick.onDidChangeValue((text) => {
      const typed = text.trim() === '' ? undefined : options.typed(text);
      // Shown whatever VS Code's own filtering keeps, and first, since the person is typing it.
      pick.items = typed ? [{ ...typed, alwaysShow: true }, ...options.items] : options.items;
      if (typed) pick.activeItems = [pick.items[0]!];
    });
    pick.onDidAccept(() => finish(pick.selectedItems[0] ?? pick.activeItems[0]));
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}
