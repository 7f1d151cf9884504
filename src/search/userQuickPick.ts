/**
 * The "find a person" quick-pick: answers from the members the store holds as the person types,
 * and from Asana's typeahead (debounced, cancellable, never stale, cached) for what the store cannot
 * answer, with recent picks when the box is empty.
 */
import * as vscode from 'vscode';
import type { AsanaClient } from '../asana/client';
import type { TypeaheadUser } from '../asana/schemas';
import type { Ui } from '../ui/ui';
import { settleOnce } from '../ui/settleOnce';
import { PeopleSearch, type LocalSearch, type Person } from './peopleSearch';
import type { RecentPicks } from './accountRecents';
import { TypeaheadController } from './typeaheadController';
import { l10n } from '../util/l10n';

export interface UserPickOptions {
  readonly title: string;
  readonly workspaceGid: string;
  readonly workspaceName: string;
  readonly debounceMs: number;
  readonly recent: RecentPicks;
  readonly local: LocalSearch;
  /** Emails known to the store, for people Asana's typeahead found. */
  readonly emailOf?: (userGid: string) => string | undefined;
  readonly placeholder?: string;
}

interface UserItem extends vscode.QuickPickItem {
  /** Absent on the row that says why there is nobody to pick. */
  readonly user?: TypeaheadUser;
}

function note(label: string, icon: string): UserItem {
  return { label, iconPath: new vscode.ThemeIcon(icon), alwaysShow: true };
}

export function pickUser(ui: Ui, client: AsanaClient, opts: UserPickOptions): Promise<TypeaheadUser | undefined> {
  return new Promise((resolve) => {
    const quickPick = ui.createQuickPick<UserItem>();
    const controller = new TypeaheadController((query, signal) => client.typeaheadUsers(opts.workspaceGid, query, { signal, count: 20 }), {
      debounceMs: opts.debounceMs,
    });
    const search = new PeopleSearch(opts.local, controller);
    const finish = settleOnce<TypeaheadUser | undefined>(resolve, search, controller, quickPick);
    const toItems = (people: readonly Person[], recent: boolean): UserItem[] =>
      people.map((person) => ({
        label: person.name,
        description: person.email ?? opts.emailOf?.(person.gid),
        detail: recent ? l10n.t('Recently picked') : undefined,
        iconPath: new vscode.ThemeIcon(recent ? 'history' : 'account'),
        // The list shows our ranking; VS Code's own fuzzy filter must not hide its answers.
        alwaysShow: true,
        user: { gid: person.gid, name: person.name },
      }));
    const showRecent = () => {
      const recent = opts.recent.list();
      quickPick.items = toItems(recent, true);
      quickPick.placeholder = recent.length ? l10n.t('Recent picks; type a name or email to search') : (opts.placeholder ?? l10n.t('Type a name or email to search'));
    };

    // Handlers first: nothing the person does may be lost while anything awaits.
    search.listen({
      busy: (busy) => (quickPick.busy = busy),
      results: (result) => {
        if (result.query === '') return showRecent();
        // The placeholder is hidden once something is typed: the row says it where the answers would be.
        quickPick.items =
          result.people.length === 0 && !result.pending ? [note(l10n.t('No one in {0} matches "{1}"', opts.workspaceName, result.query.trim()), 'search-stop')] : toItems(result.people, false);
      },
      error: (error) => {
        quickPick.items = [note(l10n.t('Search failed: {0}', error.message), 'error')];
      },
    });
    quickPick.onDidChangeValue((value) => search.setQuery(value));
    quickPick.onDidAccept(() => {
      const picked = quickPick.selectedItems[0]?.user;
      if (!picked) return;
      void opts.recent.add(picked);
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
