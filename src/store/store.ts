/**
 * The store behind every view and command: the signed-in account's AccountStore, replaced when the
 * account changes, with its events forwarded so that listeners subscribe once.
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

export interface StoreOptions {
  readonly logger: Logger;
  /** Folder for snapshots (VS Code's global storage); undefined keeps nothing on disk. */
  readonly storageRoot: string | undefined;
  /** Read when an account connects: the setting that turns snapshots off. */
  readonly snapshotsEnabled: () => boolean;
}

export class Store implements Disposable {
  private current: AccountStore | undefined;
  private subscriptions: Disposable[] = [];
  /** One SnapshotFiles per folder, so that its writes and its deletion at sign-out keep their order. */
  private readonly files = new Map<string, SnapshotFiles>();
  private readonly accountChanged = new Emitter<AccountStore | undefined>();
  private readonly workspacesChanged = new Emitter<void>();
  private readonly membersChanged = new Emitter<MembersChangeEvent>();
  private readonly unauthorized = new Emitter<AsanaError>();
  readonly onDidChangeAccount: Event<AccountStore | undefined> = this.accountChanged.event;
  readonly onDidChangeWorkspaces: Event<void> = this.workspacesChanged.event;
  readonly onDidChangeMembers: Event<MembersChangeEvent> = this.membersChanged.event;
  readonly onUnauthorized: Event<AsanaError> = this.unauthorized.event;

  constructor(private readonly options: StoreOptions) {}

  get account(): AccountStore | undefined {
    return this.current;
  }

  /** Switches to an account (or to none); the old account's loads stop. */
  connect(connection: AccountConnection | undefined): void {
    for (const s of this.subscriptions) s.dispose();
    this.subscriptions = [];
    this.current?.dispose();
    this.current = undefined;
    if (connection) {
      const account = new AccountStore({
        client: connection.client,
        accountGid: connection.accountGid,
        snapshots: this.snapshotsFor(connection),
        logger: this.options.logger,
      });
      this.subscriptions.push(
        account.onDidChangeWorkspaces(() => this.workspacesChanged.fire()),
        account.onDidChangeMembers((e) => this.membersChanged.fire(e)),
        account.onUnauthorized((e) => this.unauthorized.fire(e)),
      );
      this.current = account;
    }
    this.accountChanged.fire(this.current);
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
    this.connect(undefined);
    this.accountChanged.dispose();
    this.workspacesChanged.dispose();
    this.membersChanged.dispose();
    this.unauthorized.dispose();
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
