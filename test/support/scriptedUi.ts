/**
 * A UI seam answered from a script (after microsoft/vscode-azuretools' TestUserInput): every prompt
 * and message is recorded, and a prompt the script did not expect rejects at once, so the code under
 * test stops there instead of going on with `undefined`. Free of VS Code at run time: the flows'
 * tests use it in plain Node; the in-VS-Code suite extends it with a typeahead picker.
 */
import type * as vscode from 'vscode';
import type { CheckedInputOptions, CheckResult } from '../../src/ui/checkedInputBox';
import type { PickOrTypeOptions } from '../../src/ui/pickOrType';
import type { ProgressReport, Ui } from '../../src/ui/ui';

export type PromptKind = 'showInputBox' | 'showQuickPick' | 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

type Matcher = string | ((item: vscode.QuickPickItem) => boolean);
/** Text typed into a quick pick and Enter pressed (only a pickOrType takes it). */
export interface Typed {
  readonly typed: string;
}
export type PickAnswer = Matcher | Matcher[] | Typed | undefined;

const isTyped = (a: PickAnswer): a is Typed => typeof a === 'object' && a !== null && !Array.isArray(a);

function matches(item: vscode.QuickPickItem, m: Matcher): boolean {
  return typeof m === 'string' ? item.label.includes(m) : m(item);
}

export interface Shown {
  readonly kind: PromptKind;
  readonly text: string;
  readonly options: unknown;
}

export class UnexpectedPrompt extends Error {
  override readonly name = 'UnexpectedPrompt';
}

export class ScriptedUi {
  readonly shown: Shown[] = [];
  /** The items of every quick-pick shown, in order. */
  readonly pickedFrom: vscode.QuickPickItem[][] = [];
  readonly unexpected: string[] = [];
  /** Titles of the progress notifications shown. */
  readonly progress: string[] = [];
  logShown = 0;
  protected readonly inputAnswers: Array<string | undefined> = [];
  protected readonly messageAnswers: Array<string | undefined> = [];
  protected readonly pickAnswers: PickAnswer[] = [];
  protected readonly failures: unknown[] = [];

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

  /** Queues text typed into the next quick pick, then Enter. */
  answerTyped(text: string): this {
    this.pickAnswers.push({ typed: text });
    return this;
  }

  /** Queues the buttons "clicked" on the next messages (undefined = dismissed). */
  answerMessages(...answers: Array<string | undefined>): this {
    this.messageAnswers.push(...answers);
    return this;
  }

  messages(kind: PromptKind): string[] {
    return this.shown.filter((s) => s.kind === kind).map((s) => s.text);
  }

  throwIfUnexpected(): void {
    if (this.failures.length) throw this.failures[0];
    if (this.unexpected.length) throw new UnexpectedPrompt(`unexpected prompts: ${this.unexpected.join('; ')}`);
  }

  /** Ends the script: fails on unexpected prompts and on answers never asked for. */
  assertDone(): void {
    this.throwIfUnexpected();
    const unused = [...this.inputAnswers.map((a) => `input "${a}"`), ...this.pickAnswers.map((a) => `pick ${String(a)}`), ...this.unusedExtras()];
    if (unused.length) throw new Error(`answers never asked for: ${unused.join('; ')}`);
  }

  protected unusedExtras(): string[] {
    return [];
  }

  protected refuse(what: string): never {
    this.unexpected.push(what);
    throw new UnexpectedPrompt(`unexpected prompt: ${what}`);
  }

  /** Overridden where a typeahead picker can be scripted (inside VS Code). */
  protected createQuickPick(): vscode.QuickPick<vscode.QuickPickItem> {
    return this.refuse('a typeahead picker');
  }

  asUi(): Ui {
    const showInputBox = async (options?: vscode.InputBoxOptions): Promise<string | undefined> => {
      this.shown.push({ kind: 'showInputBox', text: options?.prompt ?? '', options });
      if (this.inputAnswers.length === 0) this.refuse(`input box: ${options?.title ?? options?.prompt}`);
      // Like the real input box: an answer that fails validation cannot be accepted, so the person types the next one.
      for (;;) {
        if (this.inputAnswers.length === 0) this.refuse(`input box again after a refused answer: ${options?.title ?? options?.prompt}`);
        const answer = this.inputAnswers.shift();
        const problem = answer === undefined ? undefined : await options?.validateInput?.(answer);
        if (!problem) return answer;
        this.shown.push({ kind: 'showInputBox', text: `validation: ${typeof problem === 'string' ? problem : problem.message}`, options });
      }
    };
    const pickOrType = async <T extends vscode.QuickPickItem>(options: PickOrTypeOptions<T>): Promise<T | undefined> => {
      this.pickedFrom.push([...options.items]);
      this.shown.push({ kind: 'showQuickPick', text: options.title, options });
      if (this.pickAnswers.length === 0) this.refuse(`quick pick: ${options.title}`);
      const answer = this.pickAnswers.shift();
      if (answer === undefined) return undefined;
      if (!isTyped(answer)) {
        const chosen = options.items.find((item) => (Array.isArray(answer) ? answer : [answer]).some((a) => matches(item, a)));
        if (!chosen) throw new Error(`no quick-pick item matches ${String(answer)} in: ${options.items.map((i) => i.label).join(', ')}`);
        return chosen;
      }
      const item = answer.typed.trim() === '' ? undefined : options.typed(answer.typed);
      if (!item) throw new Error(`typed "${answer.typed}": the quick pick offers nothing for it`);
      return item;
    };
    // Like the real box: answers the check refuses stay in the box with the reason ("refused: …"), and the person types the next.
    const showCheckedInputBox = async <T>(options: CheckedInputOptions, check: (text: string) => Promise<CheckResult<T>>): Promise<T | undefined> => {
      this.shown.push({ kind: 'showInputBox', text: options.prompt, options });
      for (;;) {
        if (this.inputAnswers.length === 0) this.refuse(`checked input box: ${options.title}`);
        const answer = this.inputAnswers.shift();
        if (answer === undefined) return undefined;
        const problem = options.validate?.(answer);
        if (problem) {
          this.shown.push({ kind: 'showInputBox', text: `validation: ${problem}`, options });
          continue;
        }
        const result = await check(answer);
        if (result.ok) return result.value;
        this.shown.push({ kind: 'showInputBox', text: `refused: ${result.message}`, options });
      }
    };
    const message =
      (kind: PromptKind) =>
      async (text: string, ...rest: unknown[]): Promise<string | undefined> => {
        this.shown.push({ kind, text, options: rest });
        const modal = typeof rest[0] === 'object' && rest[0] !== null && (rest[0] as vscode.MessageOptions).modal === true;
        // A modal dialog is a question; a toast left alone is simply dismissed.
        if (modal && this.messageAnswers.length === 0) this.refuse(`modal dialog: ${text}`);
        return this.messageAnswers.shift();
      };
    const showQuickPick = async (itemsOrPromise: unknown, options?: vscode.QuickPickOptions): Promise<unknown> => {
      const raw = (await itemsOrPromise) as Array<string | vscode.QuickPickItem>;
      const items = raw.map((i) => (typeof i === 'string' ? { label: i } : i));
      this.pickedFrom.push(items);
      this.shown.push({ kind: 'showQuickPick', text: options?.title ?? options?.placeHolder ?? '', options });
      if (this.pickAnswers.length === 0) this.refuse(`quick pick: ${options?.title ?? options?.placeHolder}`);
      const answer = this.pickAnswers.shift();
      if (answer === undefined) return undefined;
      // Typing into a plain quick pick only filters it: Enter on an empty list does nothing.
      if (isTyped(answer)) throw new Error(`typed "${answer.typed}" into a quick pick that takes no typed text: ${options?.title ?? ''}`);
      const chosen = items.filter((item) => (Array.isArray(answer) ? answer : [answer]).some((a) => matches(item, a)));
      const toOriginal = (item: vscode.QuickPickItem) => raw[items.indexOf(item)];
      if (options?.canPickMany) return chosen.map(toOriginal);
      if (chosen.length === 0) throw new Error(`no quick-pick item matches ${String(answer)} in: ${items.map((i) => i.label).join(', ')}`);
      return toOriginal(chosen[0]!);
    };
    const withNotificationProgress = async <T>(title: string, task: (progress: ProgressReport, signal: AbortSignal) => Promise<T>): Promise<T> => {
      this.progress.push(title);
      return task({ report: () => undefined }, new AbortController().signal);
    };
    return {
      showInputBox,
      showQuickPick,
      showInformationMessage: message('showInformationMessage'),
      showWarningMessage: message('showWarningMessage'),
      showErrorMessage: message('showErrorMessage'),
      createQuickPick: () => this.createQuickPick(),
      showCheckedInputBox,
      pickOrType,
      withNotificationProgress,
      showLog: () => void this.logShown++,
    } as unknown as Ui;
  }
}
