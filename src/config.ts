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

function setting<T>(key: string, fallback: T): T {
  return vscode.workspace.getConfiguration(SECTION).get<T>(key, fallback);
}

export function typeaheadDebounceMs(): number {
  const ms = setting('typeahead.debounceMs', 250);
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 2_000) : 250;
}

export function insertFormat(): 'name' | 'email' | 'markdownLink' | 'template' {
  return setting('insertUser.format', 'markdownLink');
}

export function insertTemplate(): string {
  return setting('insertUser.template', '@{name} <{email}>');
}

export function completionEnabled(): boolean {
  return setting('completion.enabled', true);
}

export function completionLanguages(): string[] {
  return setting('completion.languages', ['markdown', 'plaintext', 'git-commit']);
}

export function completionTrigger(): string {
  const trigger = setting('completion.trigger', '@');
  return trigger.length === 1 ? trigger : '@';
}

/** The workspace used for searching people from the editor; remembered after the first choice. */
export function defaultWorkspaceGid(): string | undefined {
  return setting<string>('defaultWorkspace', '').trim() || undefined;
}

/** Whether what was loaded is kept on disk and shown at once after a reload. */
export function snapshotsEnabled(): boolean {
  return setting('snapshots.enabled', true);
}
