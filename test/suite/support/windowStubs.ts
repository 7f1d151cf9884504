/**
 * Replaces `vscode.window` prompts for a test: answers come from a script, every prompt and
 * message is recorded, and a prompt the script did not expect fails the test at once instead
 * of hanging it.
 */
import * as vscode from 'vscode';

type WindowKey = 'showInputBox' | 'showQuickPick' | 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

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
    w.showQuickPick = async (_items: unknown, options: vscode.QuickPickOptions) => {
      this.unexpected.push(`quick pick: ${options?.title ?? options?.placeHolder}`);
      return undefined;
    };
  }

  /** Queues answers for the next input boxes (undefined = the person pressed Escape). */
  answerInputs(...answers: Array<string | undefined>): this {
    this.inputAnswers.push(...answers);
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
