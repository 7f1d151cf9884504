/** An account's recent picks in a workspace, as far as the store knows still members there. */
import type { TypeaheadUser } from '../asana/schemas';
import { accountScope } from '../store/accountScope';
import type { AccountStore } from '../store/accountStore';
import type { RecentScope, RecentUsers } from './recentUsers';

export function recentScope(account: AccountStore, workspaceGid: string): RecentScope {
  return { ...accountScope(account), workspaceGid };
}

/**
 * Someone the store lists as inactive, or not at all once the whole roster is known, is left out.
 * Members not loaded yet still know who was removed here (the remove flow hands the store Asana's answer).
 */
export function recentPeople(recent: RecentUsers, account: AccountStore, workspaceGid: string): TypeaheadUser[] {
  const known = account.membersOf(workspaceGid);
  return recent.list(recentScope(account, workspaceGid)).filter((u) => {
    const membership = known?.index.byUserGid(u.gid);
    if (membership) return membership.is_active;
    return !(known?.complete ?? false);
  });
}

/** One workspace's recent picks as the pickers use them. */
export interface RecentPicks {
  list(): TypeaheadUser[];
  add(user: TypeaheadUser): Promise<void>;
  readonly scope: RecentScope;
}

export function recentPicks(recent: RecentUsers, account: AccountStore, workspaceGid: string): RecentPicks {
  const scope = recentScope(account, workspaceGid);
  return { scope, list: () => recentPeople(recent, account, workspaceGid), add: (user) => recent.add(scope, user) };
}
