/** People picked recently, per workspace, shown when the search box is empty. Not secret: globalState. */
import type * as vscode from 'vscode';
import type { TypeaheadUser } from '../asana/schemas';

const KEY = 'asana.recentUsers';
const MAX = 8;

type Stored = Record<string, Array<{ gid: string; name: string }>>;

export class RecentUsers {
  constructor(private readonly state: vscode.Memento) {}

  list(workspaceGid: string): TypeaheadUser[] {
    return (this.state.get<Stored>(KEY, {})[workspaceGid] ?? []).map((u) => ({ gid: u.gid, name: u.name }));
  }

  async add(workspaceGid: string, user: TypeaheadUser): Promise<void> {
    const all = this.state.get<Stored>(KEY, {});
    const list = (all[workspaceGid] ?? []).filter((u) => u.gid !== user.gid);
    list.unshift({ gid: user.gid, name: user.name });
    await this.state.update(KEY, { ...all, [workspaceGid]: list.slice(0, MAX) });
  }
}
