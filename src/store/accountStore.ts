/**
 * Everything the extension knows for one signed-in account: its workspaces, each one's members,
 * whether the account is an admin there, and the temporary states of changes under way. Views and
 * commands read it and listen to its events; only it talks to the client for listings.
 */
import type { AsanaClient } from '../asana/client';
import { isAsanaError, type AsanaError } from '../asana/errors';
import type { Logger } from '../asana/logger';
import { collect } from '../asana/pagination';
import type { Membership, Workspace } from '../asana/schemas';
import { Emitter, type Event } from './emitter';
import { OutOfOffice } from './outOfOffice';
import type { SnapshotStorage } from './snapshotFiles';
import { SNAPSHOT_REFRESH_DELAY_MS, WorkspaceMembers, type MembersChange } from './workspaceMembers';

export type WorkspacesState = 'idle' | 'loading' | 'ready' | 'failed';

export interface MembersChangeEvent {
  readonly workspaceGid: string;
  readonly change: MembersChange;
}

export interface AccountStoreOptions {
  readonly client: AsanaClient;
  readonly accountGid: string;
  /** Undefined when snapshots are turned off. */
  readonly snapshots: SnapshotStorage | undefined;
  readonly logger: Logger;
}

export class AccountStore {
  readonly client: AsanaClient;
  readonly accountGid: string;
  /** People's out-of-office entries, asked for when their details are shown. */
  readonly outOfOffice: OutOfOffice;
  private _workspaces: Workspace[] | undefined;
  private _workspacesState: WorkspacesState = 'idle';
  private _workspacesError: AsanaError | undefined;
  private _workspacesAsOf: number | undefined;
  private _workspacesFromSnapshot = false;
  private loadingWorkspaces: Promise<void> | undefined;
  private started: Promise<void> | undefined;
  private readonly members = new Map<string, WorkspaceMembers>();
  private readonly admin = new Map<string, Promise<boolean | undefined>>();
  private readonly adminKnown = new Map<string, boolean>();
  private readonly busy = new Map<string, string>();
  private disposed = false;

  private readonly workspacesChanged = new Emitter<void>();
  private readonly membersChanged = new Emitter<MembersChangeEvent>();
  private readonly unauthorizedEmitter = new Emitter<AsanaError>();
  readonly onDidChangeWorkspaces: Event<void> = this.workspacesChanged.event;
  readonly onDidChangeMembers: Event<MembersChangeEvent> = this.membersChanged.event;
  /** Asana refused the token: the account must sign in again. */
  readonly onUnauthorized: Event<AsanaError> = this.unauthorizedEmitter.event;

  constructor(private readonly options: AccountStoreOptions) {
    this.client = options.client;
    this.accountGid = options.accountGid;
    this.outOfOffice = new OutOfOffice(options.client);
  }

  get workspaces(): readonly Workspace[] | undefined {
    return this._workspaces;
  }

  get workspacesState(): WorkspacesState {
    return this._workspacesState;
  }

  get workspacesError(): AsanaError | undefined {
    return this._workspacesError;
  }

  /** When the workspace list shown was loaded; from the snapshot until the first refresh answers. */
  get workspacesAsOf(): number | undefined {
    return this._workspacesAsOf;
  }

  get workspacesFromSnapshot(): boolean {
    return this._workspacesFromSnapshot;
  }

  workspace(gid: string): Workspace | undefined {
    return this._workspaces?.find((w) => w.gid === gid);
  }

  /**
   * Resolves once there is something to show: the snapshot at once (then Asana in the background),
   * or Asana's answer. Idempotent.
   */
  start(): Promise<void> {
    return (this.started ??= (async () => {
      const snapshot = await this.options.snapshots?.readWorkspaces().catch(() => undefined);
      if (this.disposed) return;
      if (snapshot) {
        this._workspaces = snapshot.workspaces;
        this._workspacesAsOf = snapshot.savedAt;
        this._workspacesFromSnapshot = true;
        this._workspacesState = 'ready';
        this.workspacesChanged.fire();
        setTimeout(() => {
          if (!this.disposed) void this.loadWorkspaces();
        }, SNAPSHOT_REFRESH_DELAY_MS).unref?.();
        return;
      }
      await this.loadWorkspaces();
    })());
  }

  /** Asks Asana for the workspaces; a failure keeps the list shown and says why. */
  loadWorkspaces(): Promise<void> {
    return (this.loadingWorkspaces ??= (async () => {
      if (this._workspaces === undefined) this._workspacesState = 'loading';
      this.workspacesChanged.fire();
      try {
        const list = await collect(this.client.workspacePages());
        if (this.disposed) return;
        this._workspaces = list;
        this._workspacesError = undefined;
        this._workspacesState = 'ready';
        this._workspacesAsOf = Date.now();
        this._workspacesFromSnapshot = false;
        for (const w of list) this.renameKnown(w);
        this.options.logger.info(`Loaded ${list.length} workspaces.`);
        void this.options.snapshots?.writeWorkspaces({ savedAt: this._workspacesAsOf, workspaces: list }).catch((e: unknown) => {
          this.options.logger.warn(`Could not keep a snapshot of the workspaces: ${e instanceof Error ? e.message : String(e)}`);
        });
      } catch (e) {
        if (!isAsanaError(e) || this.disposed) throw e;
        this._workspacesError = e;
        if (this._workspaces === undefined) this._workspacesState = 'failed';
        this.options.logger.error(`Loading workspaces failed: ${e.message}`);
        if (e.kind === 'unauthorized') this.unauthorizedEmitter.fire(e);
      } finally {
        this.loadingWorkspaces = undefined;
        if (!this.disposed) this.workspacesChanged.fire();
      }
    })());
  }

  /** Reloads the workspaces, then the members of every workspace already shown. */
  async refresh(): Promise<void> {
    await this.loadWorkspaces();
    await Promise.all([...this.members.values()].map((m) => (m.state === 'idle' ? undefined : m.refresh())));
  }

  /** A workspace's members, not loaded until `start()` is called on them. */
  membersOf(workspaceGid: string): WorkspaceMembers | undefined {
    let members = this.members.get(workspaceGid);
    if (members) return members;
    const workspace = this.workspace(workspaceGid);
    if (!workspace || this.disposed) return undefined;
    members = new WorkspaceMembers(
      this.client,
      workspace,
      this.options.snapshots,
      this.options.logger,
      (change) => this.membersChanged.fire({ workspaceGid, change }),
      (error) => this.unauthorizedEmitter.fire(error),
    );
    this.members.set(workspaceGid, members);
    return members;
  }

  /** The members, loading them if they are not yet. */
  loadMembers(workspaceGid: string): WorkspaceMembers | undefined {
    const members = this.membersOf(workspaceGid);
    if (members && members.state === 'idle') {
      void members.start();
      // A snapshot holds the account's own membership; without one, ask at once rather than wait
      // for the page of a big listing that holds it.
      void members.whenSnapshotTried().then(() => {
        if (this.isAdmin(workspaceGid) === undefined) void this.checkAdmin(workspaceGid);
      });
    }
    return members;
  }

  /** The person's membership once the listing has reached it, or undefined when it ends without them. */
  async whenMember(workspaceGid: string, userGid: string): Promise<Membership | undefined> {
    await this.start();
    const members = this.loadMembers(workspaceGid);
    if (!members) return undefined;
    await members.start();
    return members.whenMember(userGid);
  }

  /** Whether the account is an admin of the workspace, if known yet. */
  isAdmin(workspaceGid: string): boolean | undefined {
    const known = this.adminKnown.get(workspaceGid);
    if (known !== undefined) return known;
    const mine = this.members.get(workspaceGid)?.index.byUserGid(this.accountGid);
    return mine?.is_active ? mine.is_admin : undefined;
  }

  /** Asks Asana (once) whether the account is an admin of the workspace. */
  checkAdmin(workspaceGid: string): Promise<boolean | undefined> {
    let pending = this.admin.get(workspaceGid);
    if (pending) return pending;
    const known = this.isAdmin(workspaceGid);
    if (known !== undefined) return Promise.resolve(known);
    pending = (async () => {
      try {
        const [mine] = await collect(this.client.workspaceMembershipPages(workspaceGid, { user: 'me', pageSize: 1 }));
        const isAdmin = mine?.is_admin ?? false;
        this.adminKnown.set(workspaceGid, isAdmin);
        this.membersChanged.fire({ workspaceGid, change: new Set() });
        this.workspacesChanged.fire();
        return isAdmin;
      } catch (e) {
        this.admin.delete(workspaceGid);
        this.options.logger.warn(`Could not tell whether you are an admin of ${this.workspace(workspaceGid)?.name ?? workspaceGid}: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    })();
    this.admin.set(workspaceGid, pending);
    return pending;
  }

  /** "Removing…" and the like on a membership, for exactly as long as `fn` runs. */
  async runBusy<T>(workspaceGid: string, membershipGid: string, label: string, fn: () => Promise<T>): Promise<T> {
    this.busy.set(membershipGid, label);
    this.fireMember(workspaceGid, membershipGid);
    try {
      return await fn();
    } finally {
      this.busy.delete(membershipGid);
      this.fireMember(workspaceGid, membershipGid);
    }
  }

  busyLabel(membershipGid: string): string | undefined {
    return this.busy.get(membershipGid);
  }

  /** What Asana answered to a change made here: a membership added, removed or re-read. */
  applyMembership(membership: Membership, email?: string): void {
    this.membersOf(membership.workspace.gid)?.apply(membership, email);
  }

  /** A workspace as Asana returned it after a rename (or a re-read after a failed one). */
  applyWorkspace(workspace: Workspace): void {
    if (!this._workspaces || this.disposed) return;
    const i = this._workspaces.findIndex((w) => w.gid === workspace.gid);
    if (i < 0) return;
    this._workspaces = this._workspaces.map((w, j) => (j === i ? workspace : w));
    this.renameKnown(workspace);
    this.workspacesChanged.fire();
    void this.options.snapshots?.writeWorkspaces({ savedAt: this._workspacesAsOf ?? Date.now(), workspaces: this._workspaces }).catch(() => undefined);
  }

  dispose(): void {
    this.disposed = true;
    for (const m of this.members.values()) m.dispose();
    this.members.clear();
    this.workspacesChanged.dispose();
    this.membersChanged.dispose();
    this.unauthorizedEmitter.dispose();
  }

  private renameKnown(workspace: Workspace): void {
    const members = this.members.get(workspace.gid);
    if (members) members.workspace = workspace;
  }

  private fireMember(workspaceGid: string, membershipGid: string): void {
    const group = this.members.get(workspaceGid)?.index.groupOf(membershipGid);
    this.membersChanged.fire({ workspaceGid, change: new Set(group ? [group] : []) });
  }
}
