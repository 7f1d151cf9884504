/**
 * The one door through which commands ask the person anything: input boxes, quick picks (plain and
 * typeahead), confirmations, messages and progress. In use it is VS Code's window; tests put a
 * scripted one in its place that fails at once on a prompt the test did not expect. Code that only
 * imports this type runs in plain Node (the flows in src/flows/ are tested there).
 */
import type * as vscode from 'vscode';
import type { CheckedInputOptions, CheckResult } from './checkedInputBox';
import type { PickOrTypeOptions } from './pickOrType';

export interface ProgressReport {
  report(value: { message?: string; increment?: number }): void;
}

export interface Ui
  extends Pick<typeof vscode.window, 'showInputBox' | 'showQuickPick' | 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage' | 'createQuickPick'> {
  /** A cancellable progress notification around `task`; cancelling aborts the signal. */
  withNotificationProgress<T>(title: string, task: (progress: ProgressReport, signal: AbortSignal) => Promise<T>): Promise<T>;
  /** An input box that stays open, with the reason, until `check` accepts the answer or the person leaves (undefined). */
  showCheckedInputBox<T>(options: CheckedInputOptions, check: (text: string) => Promise<CheckResult<T>>): Promise<T | undefined>;
  /** A quick pick where typed text that matches no choice becomes a choice of its own. */
  pickOrType<T extends vscode.QuickPickItem>(options: PickOrTypeOptions<T>): Promise<T | undefined>;
  /** Shows the extension's log (the "Show Log" / "Show Details" actions). */
  showLog(): void;
}
