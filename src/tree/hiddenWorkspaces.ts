/**
 * Workspaces the person chose not to see in the view (Select Workspaces…, as Azure's Select
 * Subscriptions): kept per account and server, in global state. Only what is hidden is kept, so a
 * workspace that appears later shows.
 */
import * as vscode from 'vscode';
import { scopeKey, type AccountScope } from '../store/accountScope';

const KEY = 'asana.view.hiddenWorkspaces';

type Stored = Record<string, string[]>;

export class HiddenWorkspaces implements vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changedEmitter.event;

  constructor(private readonly state: vscode.Memento) {}

  of(scope: AccountScope): ReadonlySet<string> {
    const list = this.state.get<Stored>(KEY, {})[scopeKey(scope)];
    return new Set(Array.isArray(list) ? list.filter((gid): gid is string => typeof gid === 'string') : []);
  }

  async set(scope: AccountScope, hidden: Iterable<string>): Promise<void> {
    const all = { ...this.state.get<Stored>(KEY, {}) };
    const list = [...new Set(hidden)].sort();
    if (list.length) all[scopeKey(scope)] = list;
    else delete all[scopeKey(scope)];
    await this.state.update(KEY, Object.keys(all).length ? all : undefined);
    this.changedEmitter.fire();
  }

  dispose(): void {
    this.changedEmitter.dispose();
  }
}
