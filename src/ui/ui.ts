/**
 * The one door through which commands ask the person anything: input boxes, quick picks (plain and
 * typeahead), confirmations and messages. In use it is `vscode.window` itself; tests put a scripted
 * one in its place that fails at once on a prompt the test did not expect.
 */
import * as vscode from 'vscode';

export type Ui = Pick<
  typeof vscode.window,
  'showInputBox' | 'showQuickPick' | 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage' | 'createQuickPick'
>;

export const vscodeUi: Ui = vscode.window;
