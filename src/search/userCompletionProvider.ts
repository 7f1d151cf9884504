/**
 * Offers Asana people after a trigger character ("@" by default) in the languages chosen in the
 * settings, through the same debounced, cached, never-stale typeahead as the quick-pick.
 */
import * as vscode from 'vscode';
import type { AsanaClient } from '../asana/client';
import type { TypeaheadUser } from '../asana/schemas';
import { formatUser, type InsertFormat } from '../members/formatUser';
import type { RecentUsers } from './recentUsers';
import { queryAt } from './mentionQuery';
import { TypeaheadController } from './typeaheadController';

export interface CompletionSource {
  client(): AsanaClient | undefined;
  workspaceGid(): string | undefined;
  emailOf(workspaceGid: string, userGid: string): string | undefined;
  readonly recent: RecentUsers;
  format(): { format: InsertFormat; template: string };
  debounceMs(): number;
}

export class UserCompletionProvider implements vscode.CompletionItemProvider, vscode.Disposable {
  private controller: { key: string; client: AsanaClient; ctl: TypeaheadController } | undefined;

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
    const users = query === '' ? await this.firstPeople(client, workspaceGid) : (await this.controllerFor(client, workspaceGid).request(query))?.users;
    if (!users) return undefined;
    // Incomplete: VS Code asks again as the person keeps typing, and the controller debounces.
    return new vscode.CompletionList(users.map((u) => this.item(u, workspaceGid, range)), true);
  }

  dispose(): void {
    this.controller?.ctl.dispose();
  }

  /**
   * Right after the trigger: recent picks, then the people Asana ranks first. An empty list
   * would close the suggestion widget, and languages such as Markdown do not reopen it as you type.
   */
  private async firstPeople(client: AsanaClient, workspaceGid: string): Promise<TypeaheadUser[]> {
    const recent = this.source.recent.list(workspaceGid);
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

  private top: { workspaceGid: string; client: AsanaClient; at: number; users: TypeaheadUser[] } | undefined;

  private item(user: TypeaheadUser, workspaceGid: string, range: vscode.Range): vscode.CompletionItem {
    const email = this.source.emailOf(workspaceGid, user.gid);
    const { format, template } = this.source.format();
    const item = new vscode.CompletionItem({ label: user.name, description: email }, vscode.CompletionItemKind.User);
    item.insertText = formatUser({ gid: user.gid, name: user.name, email }, format, template);
    item.range = range;
    item.filterText = `${this.trigger}${user.name} ${email ?? ''}`;
    item.detail = 'Asana';
    item.command = { command: 'asana.rememberUser', title: 'Remember', arguments: [workspaceGid, user] };
    return item;
  }

  private controllerFor(client: AsanaClient, workspaceGid: string): TypeaheadController {
    const key = workspaceGid;
    if (this.controller?.key !== key || this.controller.client !== client) {
      this.controller?.ctl.dispose();
      this.controller = {
        key,
        client,
        ctl: new TypeaheadController((q, signal) => client.typeaheadUsers(workspaceGid, q, { signal, count: 20 }), {
          debounceMs: this.source.debounceMs(),
        }),
      };
    }
    return this.controller.ctl;
  }
}
