/**
 * People picked recently, shown when the search box is empty. Kept apart per API URL, account and
 * workspace: a user id means someone else on another server, and a pick made as one account is no
 * business of another. Not secret: globalState.
 */
import type * as vscode from 'vscode';
import type { TypeaheadUser } from '../asana/schemas';
import { scopeKey, type AccountScope } from '../store/accountScope';

/** Recent picks of one workspace as one account on one server: the first key of every pick. */
export interface RecentScope extends AccountScope {
  readonly workspaceGid: string;
}

const KEY = 'asana.recentPeople';
/** Kept before picks were scoped by account and server: mixed, so dropped. */
const UNSCOPED_KEY = 'asana.recentUsers';
const MAX = 8;

type Stored = Record<string, Array<{ gid: string; name: string }>>;

const keyOf = (scope: RecentScope) => scopeKey(scope, scope.workspaceGid);

export class RecentUsers {
  constructor(private readonly state: vscode.Memento) {
    if (state.get(UNSCOPED_KEY) !== undefined) void state.update(UNSCOPED_KEY, undefined);
  }

  list(scope: RecentScope): TypeaheadUser[] {
    return (this.state.get<Stored>(KEY, {})[keyOf(scope)] ?? []).map((u) => ({ gid: u.gid, name: u.name }));
  }

  async add(scope: RecentScope, user: TypeaheadUser): Promise<void> {
    const all = this.state.get<Stored>(KEY, {});
    const key = keyOf(scope);
    const list = (all[key] ?? []).filter((u) => u.gid !== user.gid);
    list.unshift({ gid: user.gid, name: user.name });
    await this.state.update(KEY, { ...all, [key]: list.slice(0, MAX) });
  }
}
