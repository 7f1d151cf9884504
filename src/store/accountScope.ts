/**
 * Which account on which server: the key of everything kept per account (recent picks, hidden
 * workspaces). A user id means someone else on another server, so the API URL is part of it.
 */
import type { AccountStore } from './accountStore';

export interface AccountScope {
  readonly apiBaseUrl: string;
  readonly accountGid: string;
}

export function accountScope(account: AccountStore): AccountScope {
  return { apiBaseUrl: account.client.baseUrl.href, accountGid: account.accountGid };
}

/** A stable string for a scope, to key a record in VS Code's global state. */
export function scopeKey(scope: AccountScope, ...rest: string[]): string {
  return JSON.stringify([scope.apiBaseUrl, scope.accountGid, ...rest]);
}
