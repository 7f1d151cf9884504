/**
 * The signed-in state: the accounts, each with a client for its own token. Restoring the sessions at
 * start-up reads SecretStorage only (no network): a token is checked the first time the view loads.
 */
import * as vscode from 'vscode';
import { AsanaClient } from '../asana/client';
import { describeRoute, type NetworkSettings } from '../asana/network';
import type { User } from '../asana/schemas';
import type { ChannelLogger } from '../log/channelLogger';
import type { Account, StoredCredentials, TokenStore } from './tokenStore';
import { l10n } from '../util/l10n';

export interface SignedIn {
  readonly account: Account;
  readonly client: AsanaClient;
}

type Held = SignedIn & { readonly token: string };

/** The accounts signed in, each with a client for its own token; any number of them, side by side. */
export class Session implements vscode.Disposable {
  /** By account gid, in the order they signed in. */
  private current = new Map<string, Held>();
  private readonly changed = new vscode.EventEmitter<readonly SignedIn[]>();
  readonly onDidChange = this.changed.event;
  private readonly signedOut = new vscode.EventEmitter<SignedIn>();
  /** An account signed out (here, or after Asana refused its token): what was kept for it goes. */
  readonly onDidSignOut = this.signedOut.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The last route written to the log, so that it is written when it changes only. */
  private loggedRoute = '';

  constructor(
    private readonly store: TokenStore,
    private readonly logger: ChannelLogger,
    private readonly baseUrl: () => string,
    /** Proxy and certificates, as VS Code's `http.*` settings say now. */
    private readonly network: () => NetworkSettings = () => ({}),
  ) {
    this.subscriptions.push(this.changed, this.signedOut, store.onDidChange(() => void this.restore()));
  }

  /** Every account signed in, in the order they signed in. */
  get accounts(): readonly SignedIn[] {
    return [...this.current.values()];
  }

  /** The account when exactly one is signed in. */
  get signedIn(): SignedIn | undefined {
    return this.current.size === 1 ? this.accounts[0] : undefined;
  }

  /** Who a signed-in account is. */
  who(gid: string): Account | undefined {
    return this.current.get(gid)?.account;
  }

  /** An account's token, for VS Code's Accounts menu. */
  tokenOf(gid: string): string | undefined {
    return this.current.get(gid)?.token;
  }

  /** Makes a client for a token without storing anything: used to check a token before keeping it. */
  createClient(token: string): AsanaClient {
    this.logger.addSecret(token);
    const client = new AsanaClient({ token, baseUrl: this.baseUrl(), logger: this.logger, network: this.network() });
    this.logRoute(client.baseUrl);
    return client;
  }

  /** The network settings changed: the clients keep their sessions and state, and use them from their next request on. */
  useNetwork(): void {
    for (const held of this.current.values()) {
      void held.client.useNetwork(this.network());
      this.logRoute(held.client.baseUrl);
    }
  }

  private logRoute(baseUrl: URL): void {
    const line = describeRoute(baseUrl, this.network());
    if (line !== this.loggedRoute) this.logger.info(line);
    this.loggedRoute = line;
  }

  /** Reads the stored accounts (this window's or another's) and follows what changed. */
  async restore(): Promise<void> {
    const stored = await this.store.load();
    const same = stored.length === this.current.size && stored.every((s) => this.current.get(s.account.gid)?.token === s.token);
    if (same) return;
    this.use(stored);
  }

  /** Stores credentials that were already checked with Asana; signing in again as an account replaces its token. */
  async signIn(token: string, me: User): Promise<SignedIn> {
    const account: Account = { gid: me.gid, name: me.name, email: me.email ?? undefined };
    await this.store.save({ account, token });
    const others = [...this.current.values()].filter((h) => h.account.gid !== account.gid);
    const at = [...this.current.keys()].indexOf(account.gid);
    const next: StoredCredentials[] = others.map((h) => ({ account: h.account, token: h.token }));
    next.splice(at < 0 ? next.length : at, 0, { account, token });
    this.use(next);
    this.logger.info(`Signed in as ${account.name}.`);
    return this.current.get(account.gid)!;
  }

  /** Signs one account out, or every account when none is named. */
  async signOut(gid?: string): Promise<void> {
    const leaving = [...this.current.values()].filter((h) => gid === undefined || h.account.gid === gid);
    for (const h of leaving) await this.store.remove(h.account.gid);
    if (gid !== undefined && !this.current.has(gid)) await this.store.remove(gid);
    this.use([...this.current.values()].filter((h) => !leaving.includes(h)));
    for (const h of leaving) {
      this.logger.info(`Signed out ${h.account.name}.`);
      this.signedOut.fire(h);
    }
  }

  /** Rebuilds the clients, e.g. after the API URL setting changed. */
  reconnect(): void {
    if (this.current.size) this.use([...this.current.values()], true);
    // A session refused under the old URL may be usable under the new one.
    else void this.restore();
  }

  dispose(): void {
    for (const held of this.current.values()) void held.client.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  /** Keeps the clients of accounts whose token did not change (their loads go on); makes the others. */
  private use(stored: readonly StoredCredentials[], rebuild = false): void {
    const old = this.current;
    const next = new Map<string, Held>();
    for (const s of stored) {
      const kept = old.get(s.account.gid);
      if (kept && kept.token === s.token && !rebuild) {
        next.set(s.account.gid, { ...kept, account: s.account });
        continue;
      }
      try {
        next.set(s.account.gid, { account: s.account, token: s.token, client: this.createClient(s.token) });
      } catch (e) {
        this.reportUnusable(e);
        break;
      }
    }
    for (const held of next.values()) this.logger.addSecret(held.token);
    this.current = next;
    for (const [gid, held] of old) if (next.get(gid)?.client !== held.client) void held.client.dispose();
    this.changed.fire(this.accounts);
  }

  /** The API URL setting cannot be used: every account waits for it to be fixed. */
  private reportUnusable(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    this.logger.error(`Cannot use the stored session: ${message}`);
    void vscode.window.showErrorMessage(l10n.t('Asana: {0} Fix the "asana.apiBaseUrl" setting to continue.', message), l10n.t('Open Settings')).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'asana.apiBaseUrl');
    });
  }
}
