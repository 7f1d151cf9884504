/**
 * The default workspace of Find Person, Insert Person and @ completion, one per account and server
 * (Set as Default Workspace), in global state. The `asana.defaultWorkspace` setting, typed by hand,
 * stands in for an account that has none of its own and sees that workspace.
 */
import * as vscode from 'vscode';
import { defaultWorkspaceGid } from '../config';
import { scopeKey, type AccountScope } from '../store/accountScope';

const KEY = 'asana.defaultWorkspaces';

type Stored = Record<string, string>;

export class DefaultWorkspaces implements vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changedEmitter.event;

  constructor(private readonly state: vscode.Memento) {}

  /** The account's default if it chose one, else the setting's. */
  of(scope: AccountScope): string | undefined {
    const own = this.state.get<Stored>(KEY, {})[scopeKey(scope)];
    return typeof own === 'string' ? own : defaultWorkspaceGid();
  }

  async set(scope: AccountScope, workspaceGid: string): Promise<void> {
    await this.state.update(KEY, { ...this.state.get<Stored>(KEY, {}), [scopeKey(scope)]: workspaceGid });
    this.changedEmitter.fire();
  }

  dispose(): void {
    this.changedEmitter.dispose();
  }
}
