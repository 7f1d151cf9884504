/**
 * The store behind every view and command: an AccountStore per signed-in account, with their events
 * forwarded (each naming its account) so that listeners subscribe once.
 */
import type { AsanaClient } from '../asana/client';
import type { AsanaError } from '../asana/errors';
import type { Logger } from '../asana/logger';
import { AccountStore, type MembersChangeEvent } from './accountStore';
import { Emitter, type Disposable, type Event } from './emitter';
import { SnapshotFiles, snapshotFolder } from './snapshotFiles';
import type { SnapshotOwner } from './snapshotCodec';

export interface AccountConnection {
  readonly accountGid: string;
  readonly client: AsanaClient;
  readonly apiBaseUrl: string;
}

/** A change of one account's members. */
export interface AccountMembersChangeEvent extends MembersChangeEvent {
  readonly account: AccountStore;
}

/** Asana refused one account's token. */
export interface UnauthorizedEvent {
  readonly account: AccountStore;
  readonly error: AsanaError;
}

export interface StoreOptions {
  readonly logger: Logger;
  /** Folder for snapshots (VS Code's global storage); undefined keeps nothing on disk. */
  readonly storageRoot: string | undefined;
  /** Read when an account connects: the setting that turns snapshots off. */
  readonly snapshotsEnabled: () => boolean;
}

export class Store implements Disposable {
  /** By account gid, in the order the accounts signed in. */
  private current = new Map<string, { readonly account: AccountStore; readonly subscriptions: Disposable[] }>();
  /** One SnapshotFiles per folder, so that its writes and its deletion at sign-out keep their order. */
  private readonly files = new Map<string, SnapshotFiles>();
  private readonly accountsChanged = new Emitter<readonly AccountStore[]>();
  private readonly workspacesChanged = new Emitter<AccountStore>();
  private readonly membersChanged = new Emitter<AccountMembersChangeEvent>();
  private readonly unauthorized = new Emitter<UnauthorizedEvent>();
  readonly onDidChangeAccounts: Event<readonly AccountStore[]> = this.accountsChanged.event;
  readonly onDidChangeWorkspaces: Event<AccountStore> = this.workspacesChanged.event;
  readonly onDidChangeMembers: Event<AccountMembersChangeEvent> = this.membersChanged.event;
  readonly onUnauthorized: Event<UnauthorizedEvent> = this.unauthorized.event;

  constructor(private readonly options: StoreOptions) {}

  /** Every account's store, in the order they signed in. */
  get accounts(): readonly AccountStore[] {
    return [...this.current.values()].map((c) => c.account);
  }

  /** The account's store when exactly one account is signed in. */
  get account(): AccountStore | undefined {
    return this.current.size === 1 ? this.accounts[0] : undefined;
  }

  accountOf(accountGid: string): AccountStore | undefined {
    return this.current.get(accountGid)?.account;
  }

  /**
   * Follows the accounts signed in: an account whose client is unchanged keeps its store (and its
   * loads); one with a new client starts afresh; one gone stops its loads.
   */
  connect(connections: readonly AccountConnection[]): void {
    const old = this.current;
    this.current = new Map();
    for (const connection of connections) {
      const kept = old.get(connection.accountGid);
      if (kept && kept.account.client === connection.client) this.current.set(connection.accountGid, kept);
      else this.current.set(connection.accountGid, this.open(connection));
    }
    let changed = [...old.keys()].join() !== [...this.current.keys()].join();
    for (const [gid, entry] of old) {
      if (this.current.get(gid) === entry) continue;
      changed = true;
      for (const s of entry.subscriptions) s.dispose();
      entry.account.dispose();
    }
    if (changed) this.accountsChanged.fire(this.accounts);
  }

  /** Deletes what was kept on disk for an account (at sign-out). */
  async forget(owner: SnapshotOwner): Promise<void> {
    if (this.options.storageRoot === undefined) return;
    try {
      await this.filesFor(owner).clear();
      this.options.logger.info('Deleted the snapshots of the account that signed out.');
    } catch (e) {
      this.options.logger.warn(`Could not delete the snapshots of the account that signed out: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    this.connect([]);
    this.accountsChanged.dispose();
    this.workspacesChanged.dispose();
    this.membersChanged.dispose();
    this.unauthorized.dispose();
  }

  private open(connection: AccountConnection): { readonly account: AccountStore; readonly subscriptions: Disposable[] } {
    const account = new AccountStore({
      client: connection.client,
      accountGid: connection.accountGid,
      snapshots: this.snapshotsFor(connection),
      logger: this.options.logger,
    });
    const subscriptions = [
      account.onDidChangeWorkspaces(() => this.workspacesChanged.fire(account)),
      account.onDidChangeMembers((e) => this.membersChanged.fire({ ...e, account })),
      account.onUnauthorized((error) => this.unauthorized.fire({ account, error })),
    ];
    return { account, subscriptions };
  }

  private snapshotsFor(connection: AccountConnection): SnapshotFiles | undefined {
    if (this.options.storageRoot === undefined || !this.options.snapshotsEnabled()) return undefined;
    return this.filesFor({ accountGid: connection.accountGid, apiBaseUrl: connection.apiBaseUrl });
  }

  private filesFor(owner: SnapshotOwner): SnapshotFiles {
    const folder = snapshotFolder(this.options.storageRoot!, owner);
    let files = this.files.get(folder);
    if (!files) this.files.set(folder, (files = new SnapshotFiles(this.options.storageRoot!, owner, this.options.logger)));
    return files;
  }
}
