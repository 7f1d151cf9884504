/**
 * An input box whose answer is checked (with Asana, say) before it closes: while the check runs the
 * box is busy; a refused answer keeps the box open with the reason under it, as VS Code's own
 * sign-ins do, so the person corrects it in place instead of starting over from a notification.
 */
import * as vscode from 'vscode';
import { settleOnce } from './settleOnce';

export interface CheckedInputOptions {
  readonly title: string;
  readonly prompt: string;
  readonly placeHolder?: string;
  readonly password?: boolean;
  /** Text to start from, checked at once (shown with its problem, if any). */
  readonly value?: string;
  /** Checked as the person types; a message keeps Enter from starting the check. */
  readonly validate?: (text: string) => string | undefined;
}

export type CheckResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export function showCheckedInputBox<T>(options: CheckedInputOptions, check: (text: string) => Promise<CheckResult<T>>): Promise<T | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.prompt = options.prompt;
    box.placeholder = options.placeHolder;
    box.password = options.password ?? false;
    box.ignoreFocusOut = true;
    const finish = settleOnce<T | undefined>(resolve, box);
    const validation = (text: string) => {
      const problem = options.validate?.(text);
      return problem === undefined ? undefined : { message: problem, severity: vscode.InputBoxValidationSeverity.Error };
    };
    if (options.value) {
      box.value = options.value;
      box.validationMessage = validation(options.value);
    }
    box.onDidChangeValue((text) => (box.validationMessage = validation(text)));
    box.onDidAccept(async () => {
      if (box.busy) return;
      const text = box.value;
      const problem = validation(text);
      box.validationMessage = problem;
      if (problem) return;
      box.busy = true;
      box.enabled = false;
      try {
        const result = await check(text);
        if (result.ok) return finish(result.value);
        box.validationMessage = { message: result.message, severity: vscode.InputBoxValidationSeverity.Error };
      } finally {
        box.busy = false;
        box.enabled = true;
      }
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
