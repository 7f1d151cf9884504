/**
 * Loads the members of one workspace the way the tree shows them: the memberships listing and
 * the users listing (for emails, which memberships lack) run concurrently, page by page, and
 * every page is announced so the first hundred members show while the rest arrive.
 */
import type { AsanaClient } from '../asana/client';
import { CancelledError, isAsanaError, type AsanaError } from '../asana/errors';
import type { Membership } from '../asana/schemas';

export type ListingState = 'idle' | 'loading' | 'done' | 'failed' | 'cancelled';

export interface ListingProgress {
  readonly members: number;
  readonly emails: number;
  readonly state: ListingState;
}

export class MemberListing {
  private readonly byGid = new Map<string, Membership>();
  private readonly emails = new Map<string, string>();
  private controller: AbortController | undefined;
  private _state: ListingState = 'idle';
  private _error: AsanaError | undefined;
  private _emailError: AsanaError | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly client: AsanaClient,
    readonly workspaceGid: string,
    private readonly onChange: (progress: ListingProgress) => void = () => {},
  ) {}

  get state(): ListingState {
    return this._state;
  }

  /** Why the memberships listing stopped early, if it did; what was loaded stays. */
  get error(): AsanaError | undefined {
    return this._error;
  }

  /** Why emails are missing, if the users listing failed: members still show, without emails. */
  get emailError(): AsanaError | undefined {
    return this._emailError;
  }

  get memberships(): Membership[] {
    return [...this.byGid.values()];
  }

  get size(): number {
    return this.byGid.size;
  }

  /** Active members only: a removal in this session leaves an inactive row behind. */
  get activeCount(): number {
    let n = 0;
    for (const m of this.byGid.values()) if (m.is_active) n++;
    return n;
  }

  emailOf(userGid: string): string | undefined {
    return this.emails.get(userGid);
  }

  get(membershipGid: string): Membership | undefined {
    return this.byGid.get(membershipGid);
  }

  findByUser(userGid: string): Membership | undefined {
    for (const m of this.byGid.values()) if (m.user.gid === userGid) return m;
    return undefined;
  }

  /** Starts loading (or returns the run in progress). Safe to call repeatedly. */
  load(): Promise<void> {
    if (this.running && this._state === 'loading') return this.running;
    this.controller = new AbortController();
    this._state = 'loading';
    this._error = undefined;
    this._emailError = undefined;
    const signal = this.controller.signal;
    this.running = Promise.all([this.loadMemberships(signal), this.loadEmails(signal)]).then(() => {
      if (this._state === 'loading') this._state = this._error ? 'failed' : 'done';
      this.changed();
    });
    return this.running;
  }

  cancel(): void {
    if (this._state === 'loading') this._state = 'cancelled';
    this.controller?.abort();
  }

  /** Applies the server's answer to a mutation without reloading everything. */
  upsert(membership: Membership, email?: string): void {
    this.byGid.set(membership.gid, membership);
    if (email) this.emails.set(membership.user.gid, email);
    this.changed();
  }

  setEmail(userGid: string, email: string): void {
    this.emails.set(userGid, email);
  }

  delete(membershipGid: string): void {
    if (this.byGid.delete(membershipGid)) this.changed();
  }

  private async loadMemberships(signal: AbortSignal): Promise<void> {
    try {
      for await (const page of this.client.workspaceMembershipPages(this.workspaceGid, { signal })) {
        for (const m of page) this.byGid.set(m.gid, m);
        this.changed();
      }
    } catch (e) {
      if (e instanceof CancelledError) return;
      this._error = toAsanaError(e);
    }
  }

  private async loadEmails(signal: AbortSignal): Promise<void> {
    try {
      for await (const page of this.client.workspaceUserPages(this.workspaceGid, { signal })) {
        for (const u of page) if (u.email) this.emails.set(u.gid, u.email);
        this.changed();
      }
    } catch (e) {
      if (e instanceof CancelledError) return;
      this._emailError = toAsanaError(e);
    }
  }

  private changed(): void {
    this.onChange({ members: this.byGid.size, emails: this.emails.size, state: this._state });
  }
}

function toAsanaError(e: unknown): AsanaError {
  if (isAsanaError(e)) return e;
  // A bug of ours, not Asana's: keep it visible rather than pretending it is a network error.
  throw e;
}
