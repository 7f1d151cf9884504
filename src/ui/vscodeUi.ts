/** The UI seam as VS Code provides it. */
import * as vscode from 'vscode';
import { showCheckedInputBox } from './checkedInputBox';
import { pickOrType } from './pickOrType';
import type { Ui } from './ui';

export function vscodeUi(showLog: () => void): Ui {
  const w = vscode.window;
  return {
    showInputBox: w.showInputBox.bind(w),
    showQuickPick: w.showQuickPick.bind(w),
    showInformationMessage: w.showInformationMessage.bind(w),
    showWarningMessage: w.showWarningMessage.bind(w),
    showErrorMessage: w.showErrorMessage.bind(w),
    createQuickPick: w.createQuickPick.bind(w),
    showCheckedInputBox,
    pickOrType,
    withNotificationProgress: (title, task) =>
      Promise.resolve(
        w.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
          const controller = new AbortController();
          const cancel = token.onCancellationRequested(() => controller.abort());
          try {
            return await task(progress, controller.signal);
          } finally {
            cancel.dispose();
          }
        }),
      ),
    showLog,
  } as Ui;
}
