/** Keeps the @-mention completion provider registered as the settings say (on/off, languages, trigger). */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { preferredWorkspace } from '../services';
import { completionEnabled, completionLanguages, completionTrigger, insertFormat, insertTemplate, typeaheadDebounceMs } from '../config';
import { recentPicks } from './accountRecents';
import { localPeople } from './localPeople';
import { UserCompletionProvider } from './userCompletionProvider';

export function registerUserCompletion(services: Services): vscode.Disposable {
  // Nor which account: the one of the row selected in the view, else the first signed in.
  const account = () => {
    const selected = services.tree.selectedAccountGid();
    return (selected === undefined ? undefined : services.store.accountOf(selected)) ?? services.store.accounts[0];
  };
  let registration: vscode.Disposable | undefined;
  const register = () => {
    registration?.dispose();
    registration = undefined;
    if (!completionEnabled()) return;
    const trigger = completionTrigger();
    const provider = new UserCompletionProvider(
      {
        client: () => account()?.client,
        // Completion cannot ask which workspace: without a clear choice it uses the first one.
        workspaceGid: () => {
          const a = account();
          return a && (preferredWorkspace(services, a) ?? a.workspaces?.[0])?.gid;
        },
        local: (workspaceGid) => {
          const a = account();
          return a ? localPeople(a, workspaceGid) : () => undefined;
        },
        emailOf: (ws, user) => account()?.membersOf(ws)?.index.emailOf(user),
        recent: (workspaceGid) => {
          const a = account();
          return a ? recentPicks(services.recent, a, workspaceGid) : undefined;
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
