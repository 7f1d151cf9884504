/**
 * Where the tokens live: VS Code's SecretStorage and nowhere else, one key per account. The list of
 * accounts (who, never a token) is a secret too, so that every window learns of a sign-in or
 * sign-out through `secrets.onDidChange`.
 */
import type * as vscode from 'vscode';

export interface Account {
  readonly gid: string;
  readonly name: string;
  readonly email: string | undefined;
}

export interface StoredCredentials {
  readonly account: Account;
  readonly token: string;
}

const ACCOUNTS_KEY = 'asana.accounts';
/** Where versions before several accounts kept the one account. */
const LEGACY_ACTIVE_KEY = 'asana.activeAccount';
const tokenKey = (gid: string) => `asana.token.${gid}`;

export class TokenStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** Every account with its token, in the order they signed in; an account whose token is gone is left out. */
  async load(): Promise<StoredCredentials[]> {
    const accounts = await this.accounts();
    const tokens = await Promise.all(accounts.map((a) => this.secrets.get(tokenKey(a.gid))));
    return accounts.flatMap((account, i) => (tokens[i] ? [{ account, token: tokens[i] }] : []));
  }

  /** Adds an account, or gives one already there its new token and name. */
  async save(credentials: StoredCredentials): Promise<void> {
    // Token first: a window that sees the account in the list must find its token.
    await this.secrets.store(tokenKey(credentials.account.gid), credentials.token);
    const accounts = await this.accounts();
    const at = accounts.findIndex((a) => a.gid === credentials.account.gid);
    const next = at < 0 ? [...accounts, credentials.account] : accounts.map((a, i) => (i === at ? credentials.account : a));
    await this.writeAccounts(next);
  }

  /** Forgets one account and its token; the others stay. */
  async remove(gid: string): Promise<void> {
    const accounts = await this.accounts();
    await this.writeAccounts(accounts.filter((a) => a.gid !== gid));
    await this.secrets.delete(tokenKey(gid));
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      if (e.key === ACCOUNTS_KEY || e.key.startsWith('asana.token.')) listener();
    });
  }

  private async accounts(): Promise<Account[]> {
    const stored = await this.secrets.get(ACCOUNTS_KEY);
    if (stored === undefined) return this.migrate();
    return parseAccounts(stored);
  }

  private async writeAccounts(accounts: readonly Account[]): Promise<void> {
    if (accounts.length === 0) await this.secrets.delete(ACCOUNTS_KEY);
    else await this.secrets.store(ACCOUNTS_KEY, JSON.stringify(accounts));
  }

  /** The one account of an earlier version becomes the first of the list, and stays signed in. */
  private async migrate(): Promise<Account[]> {
    const legacy = await this.secrets.get(LEGACY_ACTIVE_KEY);
    if (legacy === undefined) return [];
    const accounts = parseAccounts(`[${legacy}]`);
    await this.writeAccounts(accounts);
    await this.secrets.delete(LEGACY_ACTIVE_KEY);
    return accounts;
  }
}

/** What another version or a hand edit left can be anything: keep the entries that name an account. */
function parseAccounts(text: string): Account[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const accounts: Account[] = [];
  for (const item of value as unknown[]) {
    const a = item as Partial<Record<keyof Account, unknown>> | null;
    if (typeof a !== 'object' || a === null || typeof a.gid !== 'string' || a.gid === '' || seen.has(a.gid)) continue;
    seen.add(a.gid);
    accounts.push({ gid: a.gid, name: typeof a.name === 'string' ? a.name : a.gid, email: typeof a.email === 'string' ? a.email : undefined });
  }
  return accounts;
}
