/**
 * Where the token lives: VS Code's SecretStorage and nowhere else. Keys are per account so a
 * second account can be added later; which account is active is a secret too, so that every
 * window learns of a sign-in or sign-out through `secrets.onDidChange`.
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

const ACTIVE_KEY = 'asana.activeAccount';
const tokenKey = (gid: string) => `asana.token.${gid}`;

export class TokenStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async load(): Promise<StoredCredentials | undefined> {
    const active = await this.secrets.get(ACTIVE_KEY);
    if (!active) return undefined;
    let account: Account;
    try {
      account = JSON.parse(active) as Account;
    } catch {
      return undefined;
    }
    if (typeof account?.gid !== 'string') return undefined;
    const token = await this.secrets.get(tokenKey(account.gid));
    return token ? { account, token } : undefined;
  }

  async save(credentials: StoredCredentials): Promise<void> {
    // Token first: a window that sees the new active account must find its token.
    await this.secrets.store(tokenKey(credentials.account.gid), credentials.token);
    await this.secrets.store(ACTIVE_KEY, JSON.stringify(credentials.account));
  }

  async clear(): Promise<void> {
    const current = await this.load();
    await this.secrets.delete(ACTIVE_KEY);
    if (current) await this.secrets.delete(tokenKey(current.account.gid));
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      if (e.key === ACTIVE_KEY || e.key.startsWith('asana.token.')) listener();
    });
  }
}
