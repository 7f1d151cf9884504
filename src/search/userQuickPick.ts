/**
 * The "find a user" quick-pick: queries Asana's typeahead as the person types, through the
 * shared TypeaheadController (debounced, cancellable, never stale, cached), with recent picks
 * when the box is empty.
 */
import * as vscode from 'vscode';
import type { AsanaClient } from '../asana/client';
import type { TypeaheadUser } from '../asana/schemas';
import type { RecentUsers } from './recentUsers';
import { TypeaheadController } from './typeaheadController';

export interface UserPickOptions {
  readonly title: string;
  readonly workspaceGid: string;
  readonly debounceMs: number;
  readonly recent: RecentUsers;
  /** Emails already known (from the tree), shown beside names. */
  readonly emailOf?: (userGid: string) => string | undefined;
  readonly placeholder?: string;
}

interface UserItem extends vscode.QuickPickItem {
  readonly user: TypeaheadUser;
}

export function pickUser(client: AsanaClient, opts: UserPickOptions): Promise<TypeaheadUser | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<UserItem>();
    const controller = new TypeaheadController(
      (query, signal) => client.typeaheadUsers(opts.workspaceGid, query, { signal, count: 20 }),
      { debounceMs: opts.debounceMs },
    );
    let settled = false;
    const finish = (user: TypeaheadUser | undefined) => {
      if (settled) return;
      settled = true;
      resolve(user);
      controller.dispose();
      quickPick.dispose();
    };
    const toItems = (users: readonly TypeaheadUser[], recent: boolean): UserItem[] =>
      users.map((user) => ({
        label: user.name,
        description: opts.emailOf?.(user.gid),
        detail: recent ? 'Recently picked' : undefined,
        iconPath: new vscode.ThemeIcon(recent ? 'history' : 'account'),
        // The list shows Asana's ranking; VS Code's own fuzzy filter must not hide its answers.
        alwaysShow: true,
        user,
      }));
    const showRecent = () => {
      const recent = opts.recent.list(opts.workspaceGid);
      quickPick.items = toItems(recent, true);
      quickPick.placeholder = recent.length ? 'Recent picks; type a name or email to search Asana' : opts.placeholder ?? 'Type a name or email to search Asana';
    };

    // Handlers first: nothing the person does may be lost while anything awaits.
    controller.listen({
      busy: (busy) => (quickPick.busy = busy),
      results: (result) => {
        if (result.query === '') return showRecent();
        quickPick.items = toItems(result.users, false);
        if (result.users.length === 0) quickPick.placeholder = `No Asana user matches "${result.query}"`;
      },
      error: (error) => {
        quickPick.items = [];
        quickPick.placeholder = `Search failed: ${error.message}`;
      },
    });
    quickPick.onDidChangeValue((value) => controller.setQuery(value));
    quickPick.onDidAccept(() => {
      const picked = quickPick.selectedItems[0]?.user;
      if (!picked) return;
      void opts.recent.add(opts.workspaceGid, picked);
      finish(picked);
    });
    quickPick.onDidHide(() => finish(undefined));

    quickPick.title = opts.title;
    quickPick.matchOnDescription = true;
    quickPick.ignoreFocusOut = false;
    showRecent();
    quickPick.show();
  });
}
