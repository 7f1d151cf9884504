/**
 * Replaces `vscode.window` prompts for a test: answers come from a script, every prompt and
 * message is recorded, and a prompt the script did not expect fails the test at once instead
 * of hanging it.
 */
import * as vscode from 'vscode';

type WindowKey = 'showInputBox' | 'showQuickPick' | 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

type Matcher = string | ((item: vscode.QuickPickItem) => boolean);
export type PickAnswer = Matcher | Matcher[] | undefined;

function matches(item: vscode.QuickPickItem, m: Matcher): boolean {
  return typeof m === 'string' ? item.label.includes(m) : m(item);
}

export interface Shown {
  readonly kind: WindowKey;
  readonly text: string;
  readonly options: unknown;
}

export class WindowStubs {
  readonly shown: Shown[] = [];
  private readonly originals = new Map<WindowKey, unknown>();
  private readonly inputAnswers: Array<string | undefined> = [];
  private readonly messageAnswers: Array<string | undefined> = [];
  private readonly pickAnswers: Array<PickAnswer> = [];
  /** The items of every quick-pick shown, in order. */
  readonly pickedFrom: vscode.QuickPickItem[][] = [];
  unexpected: string[] = [];

  constructor() {
    const w = vscode.window as unknown as Record<WindowKey, unknown>;
    for (const key of ['showInputBox', 'showQuickPick', 'showInformationMessage', 'showWarningMessage', 'showErrorMessage'] as WindowKey[]) {
      this.originals.set(key, w[key]);
    }
    w.showInputBox = async (options: vscode.InputBoxOptions) => {
      this.shown.push({ kind: 'showInputBox', text: options?.prompt ?? '', options });
      if (this.inputAnswers.length === 0) {
        this.unexpected.push(`input box: ${options?.title ?? options?.prompt}`);
        return undefined;
      }
      // Like the real input box: an answer that fails validation cannot be accepted, so the
      // person types the next one.
      for (;;) {
        const answer = this.inputAnswers.shift();
        const problem = answer === undefined ? undefined : await options?.validateInput?.(answer);
        if (!problem) return answer;
        this.shown.push({ kind: 'showInputBox', text: `validation: ${typeof problem === 'string' ? problem : problem.message}`, options });
      }
    };
    const message = (kind: WindowKey) => async (text: string, ...rest: unknown[]) => {
      this.shown.push({ kind, text, options: rest });
      return this.messageAnswers.shift();
    };
    w.showInformationMessage = message('showInformationMessage');
    w.showWarningMessage = message('showWarningMessage');
    w.showErrorMessage = message('showErrorMessage');
    w.showQuickPick = async (itemsOrPromise: unknown, options: vscode.QuickPickOptions) => {
      const raw = (await itemsOrPromise) as Array<string | vscode.QuickPickItem>;
      const items = raw.map((i) => (typeof i === 'string' ? { label: i } : i));
      this.pickedFrom.push(items);
      this.shown.push({ kind: 'showQuickPick', text: options?.title ?? options?.placeHolder ?? '', options });
      if (this.pickAnswers.length === 0) {
        this.unexpected.push(`quick pick: ${options?.title ?? options?.placeHolder}`);
        return undefined;
      }
      const answer = this.pickAnswers.shift()!;
      const chosen = answer === undefined ? undefined : items.filter((item) => (Array.isArray(answer) ? answer : [answer]).some((a) => matches(item, a)));
      if (chosen === undefined) return undefined;
      const toOriginal = (item: vscode.QuickPickItem) => raw[items.indexOf(item)];
      if (options?.canPickMany) return chosen.map(toOriginal);
      if (chosen.length === 0) throw new Error(`no quick-pick item matches ${String(answer)} in: ${items.map((i) => i.label).join(', ')}`);
      return toOriginal(chosen[0]!);
    };
  }

  /** Queues answers for the next input boxes (undefined = the person pressed Escape). */
  answerInputs(...answers: Array<string | undefined>): this {
    this.inputAnswers.push(...answers);
    return this;
  }

  /** Queues quick-pick choices: a label fragment, a predicate, several for multi-select, undefined = Escape. */
  answerPicks(...answers: PickAnswer[]): this {
    this.pickAnswers.push(...answers);
    return this;
  }

  /** Queues the buttons "clicked" on the next messages (undefined = dismissed). */
  answerMessages(...answers: Array<string | undefined>): this {
    this.messageAnswers.push(...answers);
    return this;
  }

  messages(kind: WindowKey): string[] {
    return this.shown.filter((s) => s.kind === kind).map((s) => s.text);
  }

  restore(): void {
    const w = vscode.window as unknown as Record<WindowKey, unknown>;
    for (const [key, original] of this.originals) w[key] = original;
    if (this.unexpected.length) throw new Error(`unexpected prompts: ${this.unexpected.join('; ')}`);
  }
}
