/**
 * The members of one workspace over time: shown from a snapshot at once when there is one, loaded
 * page by page otherwise, and refreshed into a second index that replaces the shown one only when
 * complete, so a failed refresh keeps what was there and says why.
 */
import type { AsanaClient } from '../asana/client';
import { CancelledError, isAsanaError, type AsanaError } from '../asana/errors';
import type { Logger } from '../asana/logger';
import type { Membership, Workspace } from '../asana/schemas';
import { MemberIndex } from './memberIndex';
import type { MemberGroup } from './memberRoles';
import { rosterOf } from './rosterChanges';
import { RosterHistory, type RosterLook } from './rosterHistory';
import type { SnapshotStorage } from './snapshotFiles';

const SAVE_DELAY_MS = 1_000;
/**
 * After showing a snapshot, the refresh waits this long: the window that is starting gets the
 * first paint to itself, and the snapshot's rows show before a single request leaves.
 */
export const SNAPSHOT_REFRESH_DELAY_MS = 1_000;

export type MembersState = 'idle' | 'loading' | 'done' | 'failed';

/** Which groups changed; `all` when the whole index was replaced. */
export type MembersChange = ReadonlySet<MemberGroup> | 'all';

interface Waiter {
  readonly userGid: string;
  readonly resolve: (m: Membership | undefined) => void;
}

export class WorkspaceMembers {
  private shown = new MemberIndex();
  private _state: MembersState = 'idle';
  private _error: AsanaError | undefined;
  private _emailError: AsanaError | undefined;
  private _refreshError: AsanaError | undefined;
  private _asOf: number | undefined;
  private _fromSnapshot = false;
  private refreshing: Promise<void> | undefined;
  private next: MemberIndex | undefined;
  private starting: Promise<void> | undefined;
  private readonly controller = new AbortController();
  private waiters: Waiter[] = [];
  private snapshotTried: Promise<void> | undefined;
  /** The last look and the former members: what roster changes are counted against. */
  readonly history: RosterHistory;

  constructor(
    private readonly client: AsanaClient,
    /** Replaced after a rename. */
    public workspace: Workspace,
    private readonly snapshots: SnapshotStorage | undefined,
    private readonly logger: Logger,
    private readonly changed: (change: MembersChange) => void,
    private readonly unauthorized: (error: AsanaError) => void,
  ) {
    this.history = new RosterHistory(() => this.workspace, snapshots, logger, () => this.changed(new Set()));
  }

  get index(): MemberIndex {
    return this.shown;
  }

  /** `loading` only while nothing complete is shown; a background refresh leaves it `done`. */
  get state(): MembersState {
    return this._state;
  }

  get error(): AsanaError | undefined {
    return this._error;
  }

  get emailError(): AsanaError | undefined {
    return this._emailError;
  }

  /** Why the last background refresh failed; the rows shown are then the older ones. */
  get refreshError(): AsanaError | undefined {
    return this._refreshError;
  }

  /** When the rows shown were complete (ms since epoch): the snapshot's time until a refresh replaces it. */
  get asOf(): number | undefined {
    return this._asOf;
  }

  get fromSnapshot(): boolean {
    return this._fromSnapshot;
  }

  get isRefreshing(): boolean {
    return this.refreshing !== undefined;
  }

  /** Whether every member is known (a complete listing or snapshot), so searches can answer locally. */
  get complete(): boolean {
    return this._state === 'done';
  }

  /** Shows the snapshot (then refreshes it) or starts loading; idempotent. */
  start(): Promise<void> {
    return (this.starting ??= this.begin());
  }

  /** Loads everything again; the rows shown stay until the new listing is complete. */
  refresh(): Promise<void> {
    if (this._state === 'idle') return this.start();
    if (this._state === 'loading') return this.starting ?? Promise.resolve();
    if (this._state === 'failed') {
      this._state = 'idle';
      this.starting = undefined;
      this.shown = new MemberIndex();
      this.changed('all');
      return this.start();
    }
    return (this.refreshing ??= this.refreshInto());
  }

  /** The membership of a person once known: at once, after the pages still loading, or undefined. */
  whenMember(userGid: string): Promise<Membership | undefined> {
    const known = this.shown.byUserGid(userGid);
    if (known || (this._state !== 'loading' && !this.refreshing)) return Promise.resolve(known);
    return new Promise((resolve) => this.waiters.push({ userGid, resolve }));
  }

  /** Applies what Asana answered to a change made here (add, remove, re-read). */
  apply(membership: Membership, email?: string): void {
    const before = this.shown.byUserGid(membership.user.gid);
    // A refresh under way gets it too, or its swap would undo the change until the next refresh.
    for (const index of this.next ? [this.next] : []) {
      index.upsertMany([membership]);
      if (email) index.setEmails([[membership.user.gid, email]]);
    }
    if (email) this.shown.setEmails([[membership.user.gid, email]]);
    this.changed(this.shown.upsertMany([membership]));
    if (membership.is_active) this.history.sawJoin(membership.user.gid);
    else if (before?.is_active && before.gid === membership.gid) {
      const person = rosterOf([before], (gid) => this.shown.emailOf(gid)).get(before.user.gid);
      if (person) this.history.sawLeave(person, Date.now());
    }
    this.settleWaiters(false);
    this.saveSoon();
  }

  /** The roster shown becomes the last look: its changes are seen. False while no complete roster is shown. */
  async markSeen(): Promise<boolean> {
    const look = this.look();
    if (!look) return false;
    await this.history.markSeen(look);
    return true;
  }

  dispose(): void {
    this.history.dispose();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.controller.abort();
    this.settleWaiters(true);
  }

  /** Resolves once the snapshot was read (or found missing): what is shown is then as good as it gets without Asana. */
  whenSnapshotTried(): Promise<void> {
    return this.snapshotTried ?? this.start();
  }

  private async begin(): Promise<void> {
    this._state = 'loading';
    const reading = this.snapshots?.readMembers(this.workspace).catch(() => undefined);
    this.snapshotTried = reading?.then(() => undefined) ?? Promise.resolve();
    const snapshot = await reading;
    if (this.controller.signal.aborted) return;
    if (snapshot) {
      const index = new MemberIndex();
      index.upsertMany(snapshot.memberships);
      index.setEmails(snapshot.emails);
      this.shown = index;
      this._state = 'done';
      this._asOf = snapshot.savedAt;
      this._fromSnapshot = true;
      this.logger.info(`Showing ${index.activeCount} members of ${this.workspace.name} from the snapshot of ${new Date(snapshot.savedAt).toISOString()}; refreshing.`);
      this.changed('all');
      void this.history.observe(this.look()!, undefined);
      this.refreshing = this.refreshAfterDelay();
      return;
    }
    this.changed('all');
    const outcome = await this.stream(this.shown, true);
    if (this.controller.signal.aborted) return;
    this._error = outcome.error;
    this._emailError = outcome.emailError;
    this._state = outcome.error ? 'failed' : 'done';
    if (!outcome.error) {
      this._asOf = Date.now();
      this._fromSnapshot = false;
      void this.save();
      void this.history.observe(this.look()!, undefined);
    }
    this.changed('all');
    this.settleWaiters(true);
  }

  private async refreshAfterDelay(): Promise<void> {
    await new Promise((r) => setTimeout(r, SNAPSHOT_REFRESH_DELAY_MS).unref?.());
    if (this.controller.signal.aborted) {
      this.refreshing = undefined;
      return;
    }
    return this.refreshInto();
  }

  private async refreshInto(): Promise<void> {
    const next = new MemberIndex();
    this.next = next;
    try {
      const outcome = await this.stream(next, false);
      if (this.controller.signal.aborted) return;
      if (outcome.error) {
        this._refreshError = outcome.error;
        this.logger.warn(`Refreshing the members of ${this.workspace.name} failed, showing the earlier ones: ${outcome.error.message}`);
      } else {
        const previous = this.look();
        this.shown = next;
        this._refreshError = undefined;
        this._error = undefined;
        this._emailError = outcome.emailError;
        this._asOf = Date.now();
        this._fromSnapshot = false;
        void this.save();
        void this.history.observe(this.look()!, previous);
      }
    } finally {
      this.next = undefined;
      this.refreshing = undefined;
      if (!this.controller.signal.aborted) {
        this.changed('all');
        this.settleWaiters(true);
      }
    }
  }

  /** The roster shown, when it is complete. */
  private look(): RosterLook | undefined {
    if (this._state !== 'done' || this._asOf === undefined) return undefined;
    const index = this.shown;
    return { roster: rosterOf(index.all(), (gid) => index.emailOf(gid)), asOf: this._asOf };
  }

  /** Memberships and users (for emails, which memberships lack) side by side, page by page, into `index`. */
  private async stream(index: MemberIndex, live: boolean): Promise<{ error?: AsanaError; emailError?: AsanaError }> {
    const signal = this.controller.signal;
    const gid = this.workspace.gid;
    const memberships = (async (): Promise<AsanaError | undefined> => {
      try {
        for await (const page of this.client.workspaceMembershipPages(gid, { signal })) {
          const groups = index.upsertMany(page);
          if (live) {
            this.changed(groups);
            this.settleWaiters(false);
          }
        }
        return undefined;
      } catch (e) {
        return this.failure(e);
      }
    })();
    const emails = (async (): Promise<AsanaError | undefined> => {
      try {
        for await (const page of this.client.workspaceUserPages(gid, { signal })) {
          index.setEmails(page.flatMap((u) => (u.email ? [[u.gid, u.email] as const] : [])));
        }
        return undefined;
      } catch (e) {
        return this.failure(e);
      }
    })();
    const [error, emailError] = await Promise.all([memberships, emails]);
    return { ...(error ? { error } : {}), ...(emailError ? { emailError } : {}) };
  }

  private failure(e: unknown): AsanaError | undefined {
    if (e instanceof CancelledError || this.controller.signal.aborted) return undefined;
    // A bug of ours, not Asana's: keep it visible rather than pretending it is a network error.
    if (!isAsanaError(e)) throw e;
    if (e.kind === 'unauthorized') this.unauthorized(e);
    return e;
  }

  private settleWaiters(final: boolean): void {
    if (this.waiters.length === 0) return;
    const waiting: Waiter[] = [];
    for (const waiter of this.waiters) {
      const found = this.shown.byUserGid(waiter.userGid);
      if (found || final) waiter.resolve(found);
      else waiting.push(waiter);
    }
    this.waiters = waiting;
  }

  private saveTimer: NodeJS.Timeout | undefined;

  /** Many changes in a row (a bulk add) write the snapshot once. */
  private saveSoon(): void {
    if (this.saveTimer || this.refreshing) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
    this.saveTimer.unref?.();
  }

  /** Keeps the roster shown, once complete: a listing still under way is never kept. */
  private async save(): Promise<void> {
    const index = this.shown;
    if (!this.snapshots || this._state !== 'done' || this.controller.signal.aborted) return;
    const memberships = index.all();
    const emails = new Map<string, string>();
    for (const m of memberships) {
      const email = index.emailOf(m.user.gid);
      if (email) emails.set(m.user.gid, email);
    }
    try {
      await this.snapshots.writeMembers(this.workspace, { savedAt: this._asOf ?? Date.now(), memberships, emails });
    } catch (e) {
      this.logger.warn(`Could not keep a snapshot of ${this.workspace.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
