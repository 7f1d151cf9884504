import * as vscode from 'vscode';

/** The view's state, driving viewsWelcome messages: never a silent empty tree. */
export type ViewState = 'signedOut' | 'loading' | 'ready' | 'empty' | 'unreachable';

let currentViewState: ViewState = 'signedOut';

/** The state last set: what the welcome view shows (context keys cannot be read back). */
export function viewState(): ViewState {
  return currentViewState;
}

export function setViewState(state: ViewState): Thenable<unknown> {
  currentViewState = state;
  return vscode.commands.executeCommand('setContext', 'asana.viewState', state);
}

export function setSignedIn(signedIn: boolean): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', 'asana.signedIn', signedIn);
}
