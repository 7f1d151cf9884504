import * as vscode from 'vscode';

/** The view's state, driving viewsWelcome messages: never a silent empty tree. */
export type ViewState = 'signedOut' | 'loading' | 'ready' | 'empty' | 'unreachable';

export function setViewState(state: ViewState): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', 'asana.viewState', state);
}

export function setSignedIn(signedIn: boolean): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', 'asana.signedIn', signedIn);
}
