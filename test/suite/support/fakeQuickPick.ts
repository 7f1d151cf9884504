/**
 * A stand-in for `window.createQuickPick` that a test drives like a person: typing, waiting
 * for items, accepting. Everything behind it (the typeahead controller, the client, the
 * emulator) is real.
 */
import * as vscode from 'vscode';

export class FakeQuickPick<T extends vscode.QuickPickItem> {
  items: readonly T[] = [];
  selectedItems: readonly T[] = [];
  activeItems: readonly T[] = [];
  busy = false;
  placeholder: string | undefined;
  title: string | undefined;
  value = '';
  matchOnDescription = false;
  matchOnDetail = false;
  ignoreFocusOut = false;
  canSelectMany = false;
  visible = false;
  disposed = false;
  /** Every `items` list shown, with the box's value at that moment. */
  readonly history: Array<{ value: string; labels: string[] }> = [];
  private readonly changeValue = new vscode.EventEmitter<string>();
  private readonly accept = new vscode.EventEmitter<void>();
  private readonly hide_ = new vscode.EventEmitter<void>();
  readonly onDidChangeValue = this.changeValue.event;
  readonly onDidAccept = this.accept.event;
  readonly onDidHide = this.hide_.event;
  readonly onDidChangeSelection = new vscode.EventEmitter<readonly T[]>().event;
  readonly onDidChangeActive = new vscode.EventEmitter<readonly T[]>().event;
  readonly onDidTriggerButton = new vscode.EventEmitter<vscode.QuickInputButton>().event;
  readonly onDidTriggerItemButton = new vscode.EventEmitter<vscode.QuickPickItemButtonEvent<T>>().event;

  constructor() {
    return new Proxy(this, {
      set: (target, key, value) => {
        (target as unknown as Record<string | symbol, unknown>)[key] = value;
        if (key === 'items') target.history.push({ value: target.value, labels: (value as T[]).map((i) => i.label) });
        return true;
      },
    });
  }

  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
    this.hide_.fire();
  }
  dispose(): void {
    this.disposed = true;
  }

  /** Types text one character at a time, `msPerKey` apart. */
  async type(text: string, msPerKey = 30): Promise<void> {
    for (const ch of text) {
      this.value += ch;
      this.changeValue.fire(this.value);
      await new Promise((r) => setTimeout(r, msPerKey));
    }
  }

  /** Picks the first item whose label contains `label` and presses Enter. */
  choose(label: string): void {
    const item = this.items.find((i) => i.label.includes(label));
    if (!item) throw new Error(`no item "${label}" in: ${this.items.map((i) => i.label).join(', ')}`);
    this.selectedItems = [item];
    this.accept.fire();
  }
}
