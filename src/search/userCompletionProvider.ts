/**
 * Offers Asana people after a trigger character ("@" by default) in the languages chosen in the
 * settings: from the members the store holds at once, from Asana's typeahead (debounced, cached,
 * never stale) for what the store cannot answer.
 */
import * as vscode from 'vscode';
import type { AsanaClient } from '../asana/client';
import type { TypeaheadUser } from '../asana/schemas';
import { formatUser, type InsertFormat } from '../members/formatUser';
import { queryAt } from './mentionQuery';
import { PeopleSearch, type LocalSearch, type Person } from './peopleSearch';
import type { RecentPicks } from './accountRecents';
import { TypeaheadController } from './typeaheadController';
import { l10n } from '../util/l10n';

export interface CompletionSource {
  client(): AsanaClient | undefined;
  workspaceGid(): string | undefined;
  local(workspaceGid: string): LocalSearch;
  emailOf(workspaceGid: string, userGid: string): string | undefined;
  recent(workspaceGid: string): RecentPicks | undefined;
  format(): { format: InsertFormat; template: string };
  debounceMs(): number;
}

export class UserCompletionProvider implements vscode.CompletionItemProvider, vscode.Disposable {
  private search: { key: string; client: AsanaClient; people: PeopleSearch; controller: TypeaheadController } | undefined;
  private top: { workspaceGid: string; client: AsanaClient; at: number; users: TypeaheadUser[] } | undefined;

  constructor(
    private readonly source: CompletionSource,
    private readonly trigger: string,
  ) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionList | undefined> {
    const client = this.source.client();
    const workspaceGid = this.source.workspaceGid();
    if (!client || !workspaceGid) return undefined;
    const before = doc.lineAt(position.line).text.slice(0, position.character);
    const query = queryAt(before, this.trigger);
    if (query === undefined) return undefined;
    const range = new vscode.Range(position.translate(0, -(query.length + 1)), position);
    const people = query === '' ? await this.firstPeople(client, workspaceGid) : await this.searchFor(client, workspaceGid).request(query);
    if (!people) return undefined;
    // Incomplete: VS Code asks again as the person keeps typing.
    return new vscode.CompletionList(
      people.map((p) => this.item(p, workspaceGid, range)),
      true,
    );
  }

  dispose(): void {
    this.search?.people.dispose();
    this.search?.controller.dispose();
  }

  /**
   * Right after the trigger: recent picks, then the people Asana ranks first. An empty list
   * would close the suggestion widget, and languages such as Markdown do not reopen it as you type.
   */
  private async firstPeople(client: AsanaClient, workspaceGid: string): Promise<Person[]> {
    const recent = this.source.recent(workspaceGid)?.list() ?? [];
    const cached = this.top?.workspaceGid === workspaceGid && this.top.client === client && Date.now() - this.top.at < 60_000 ? this.top.users : undefined;
    let top = cached;
    if (!top) {
      try {
        top = await client.typeaheadUsers(workspaceGid, '', { count: 20 });
        this.top = { workspaceGid, client, at: Date.now(), users: top };
      } catch {
        top = [];
      }
    }
    const seen = new Set(recent.map((u) => u.gid));
    return [...recent, ...top.filter((u) => !seen.has(u.gid))];
  }

  private item(person: Person, workspaceGid: string, range: vscode.Range): vscode.CompletionItem {
    const email = person.email ?? this.source.emailOf(workspaceGid, person.gid);
    const { format, template } = this.source.format();
    const item = new vscode.CompletionItem({ label: person.name, description: email }, vscode.CompletionItemKind.User);
    item.insertText = formatUser({ gid: person.gid, name: person.name, email }, format, template);
    item.range = range;
    item.filterText = `${this.trigger}${person.name} ${email ?? ''}`;
    item.detail = 'Asana';
    const scope = this.source.recent(workspaceGid)?.scope;
    if (scope) item.command = { command: 'asana.rememberUser', title: l10n.t('Remember'), arguments: [scope, { gid: person.gid, name: person.name }] };
    return item;
  }

  private searchFor(client: AsanaClient, workspaceGid: string): PeopleSearch {
    if (this.search?.key !== workspaceGid || this.search.client !== client) {
      this.dispose();
      const controller = new TypeaheadController((q, signal) => client.typeaheadUsers(workspaceGid, q, { signal, count: 20 }), {
        debounceMs: this.source.debounceMs(),
      });
      this.search = { key: workspaceGid, client, controller, people: new PeopleSearch(this.source.local(workspaceGid), controller) };
    }
    return this.search.people;
  }
}
