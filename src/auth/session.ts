/**
 * The signed-in state: the account, and a client for its token. Restoring a session at start-up
 * reads SecretStorage only (no network): the token is checked the first time the view loads.
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

export class Session implements vscode.Disposable {
  private current: (SignedIn & { token: string }) | undefined;
  private readonly changed = new vscode.EventEmitter<SignedIn | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly signedOut = new vscode.EventEmitter<SignedIn>();
  /** The person signed out (here, or after Asana refused the token): what was kept for the account goes. */
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

  get signedIn(): SignedIn | undefined {
    return this.current;
  }

  get token(): string | undefined {
    return this.current?.token;
  }

  /** Makes a client for a token without storing anything: used to check a token before keeping it. */
  createClient(token: string): AsanaClient {
    this.logger.addSecret(token);
    const client = new AsanaClient({ token, baseUrl: this.baseUrl(), logger: this.logger, network: this.network() });
    this.logRoute(client.baseUrl);
    return client;
  }

  /** The network settings changed: the client keeps its session and state, and uses them from its next request on. */
  useNetwork(): void {
    if (!this.current) return;
    void this.current.client.useNetwork(this.network());
    this.logRoute(this.current.client.baseUrl);
  }

  private logRoute(baseUrl: URL): void {
    const line = describeRoute(baseUrl, this.network());
    if (line !== this.loggedRoute) this.logger.info(line);
    this.loggedRoute = line;
  }

  /** Reads the stored credentials (this window's or another's) and switches to them if they changed. */
  async restore(): Promise<void> {
    const stored = await this.store.load();
    if (stored?.token === this.current?.token && stored?.account.gid === this.current?.account.gid) return;
    this.use(stored);
  }

  /** Stores credentials that were already checked with Asana. */
  async signIn(token: string, me: User): Promise<SignedIn> {
    const account: Account = { gid: me.gid, name: me.name, email: me.email ?? undefined };
    await this.store.save({ account, token });
    this.use({ account, token });
    this.logger.info(`Signed in as ${account.name}.`);
    return this.current!;
  }

  async signOut(): Promise<void> {
    const had = this.current;
    await this.store.clear();
    this.use(undefined);
    if (had) {
      this.logger.info(`Signed out ${had.account.name}.`);
      this.signedOut.fire(had);
    }
  }

  /** Rebuilds the client, e.g. after the API URL setting changed. */
  reconnect(): void {
    if (this.current) this.use({ account: this.current.account, token: this.current.token });
    // A session refused under the old URL may be usable under the new one.
    else void this.restore();
  }

  dispose(): void {
    void this.current?.client.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  private use(stored: StoredCredentials | undefined): void {
    const old = this.current;
    this.current = undefined;
    if (stored) {
      try {
        this.current = { account: stored.account, token: stored.token, client: this.createClient(stored.token) };
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.logger.error(`Cannot use the stored session: ${message}`);
        void vscode.window.showErrorMessage(l10n.t('Asana: {0} Fix the "asana.apiBaseUrl" setting to continue.', message), l10n.t('Open Settings')).then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'asana.apiBaseUrl');
        });
      }
    }
    if (this.current) this.logger.addSecret(this.current.token);
    void old?.client.dispose();
    this.changed.fire(this.current);
  }
}
