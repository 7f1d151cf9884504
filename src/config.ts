/** Typed access to the extension's settings. */
import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from './asana/baseUrl';

export const SECTION = 'asana';

export function apiBaseUrl(): string {
  // Application scope: only the user's own settings count, so a workspace cannot send the token elsewhere.
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>('apiBaseUrl');
  return inspected?.globalValue?.trim() || inspected?.defaultValue || DEFAULT_BASE_URL;
}

export function onDidChangeApiBaseUrl(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${SECTION}.apiBaseUrl`)) listener();
  });
}
