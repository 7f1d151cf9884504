/** Keeps the @-mention completion provider registered as the settings say (on/off, languages, trigger). */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { preferredWorkspace } from '../services';
import { completionEnabled, completionLanguages, completionTrigger, insertFormat, insertTemplate, typeaheadDebounceMs } from '../config';
import { recentPicks } from './accountRecents';
import { localPeople } from './localPeople';
import { UserCompletionProvider } from './userCompletionProvider';

export function registerUserCompletion(services: Services): vscode.Disposable {
  let registration: vscode.Disposable | undefined;
  const register = () => {
    registration?.dispose();
    registration = undefined;
    if (!completionEnabled()) return;
    const trigger = completionTrigger();
    const provider = new UserCompletionProvider(
      {
        client: () => services.store.account?.client,
        // Completion cannot ask which workspace: without a clear choice it uses the first one.
        workspaceGid: () => (preferredWorkspace(services) ?? services.store.account?.workspaces?.[0])?.gid,
        local: (workspaceGid) => {
          const account = services.store.account;
          return account ? localPeople(account, workspaceGid) : () => undefined;
        },
        emailOf: (ws, user) => services.store.account?.membersOf(ws)?.index.emailOf(user),
        recent: (workspaceGid) => {
          const account = services.store.account;
          return account ? recentPicks(services.recent, account, workspaceGid) : undefined;
        },
        format: () => ({ format: insertFormat(), template: insertTemplate() }),
        debounceMs: typeaheadDebounceMs,
      },
      trigger,
    );
    const selector = completionLanguages().map((language) => ({ language }));
    registration = vscode.Disposable.from(vscode.languages.registerCompletionItemProvider(selector, provider, trigger), provider);
  };
  register();
  const watcher = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('asana.completion')) register();
  });
  return new vscode.Disposable(() => {
    watcher.dispose();
    registration?.dispose();
  });
}
