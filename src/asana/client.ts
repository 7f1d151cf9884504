/**
 * The Asana operations this extension needs, typed and validated. One client per token: the
 * caps on requests in flight are per token, and so is the connection pool.
 */
import * as z from 'zod/mini';
import { parseBaseUrl } from './baseUrl';
import { InvalidInputError } from './errors';
import {
  MEMBERSHIP_FIELDS,
  OOO_ENTRY_FIELDS,
  optFields,
  TYPEAHEAD_FIELDS,
  USER_FIELDS,
  USER_WITH_EMAIL_FIELDS,
  WORKSPACE_FIELDS,
} from './fields';
import { silentLogger, type Logger } from './logger';
import type { NetworkSettings } from './network';
import { collect, DEFAULT_LISTING_DEADLINE_MS, DEFAULT_MAX_LISTING_PAGES, paginate, type ListingLimits, type PageOptions } from './pagination';
import { Requester, type CallOptions, type RateLimitWait } from './requester';
import {
  EmptySchema,
  MembershipSchema,
  OooEntrySchema,
  TypeaheadUserSchema,
  UserSchema,
  UserWithEmailSchema,
  WorkspaceSchema,
  type Membership,
  type OooEntry,
  type TypeaheadUser,
  type User,
  type UserWithEmail,
  type Workspace,
} from './schemas';
import { DEFAULT_MAX_RESPONSE_BYTES } from './transport';
import { requireCount, requireGid, requireUserRef, requireWorkspaceName } from './validate';
import { l10n } from '../util/l10n';

export interface AsanaClientOptions {
  readonly token: string;
  /** Default https://app.asana.com/api/1.0; plain http only to loopback. */
  readonly baseUrl?: string;
  readonly logger?: Logger;
  /** Per attempt, covering headers and body. Default 30 s. */
  readonly timeoutMs?: number;
  /**
   * Per call, covering every attempt, backoff and 429 wait: retries never stretch a call beyond
   * it. Default 60 s (two attempts that time out, or one and several quick retries).
   */
  readonly callDeadlineMs?: number;
  /** A response body larger than this is not read: the call fails with ResponseTooLargeError. Default 8 MB. */
  readonly maxResponseBytes?: number;
  /** Pages one listing may take before it is stopped. Default 10,000 (a million records at 100 a page). */
  readonly maxListingPages?: number;
  /** Time one listing may spend waiting for Asana, every page together. Default 30 minutes. */
  readonly listingDeadlineMs?: number;
  /** Retries of a read after a 5xx, network error or timeout. Default 3. */
  readonly maxReadRetries?: number;
  /** 429s waited out per call before giving up. Default 5. */
  readonly maxRateLimitWaits?: number;
  /** A Retry-After longer than this fails the call at once instead of freezing it. Default 120 s. */
  readonly maxRetryAfterMs?: number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** Asana allows 50 reads and 15 writes in flight per token. */
  readonly maxReadsInFlight?: number;
  readonly maxWritesInFlight?: number;
  readonly userAgent?: string;
  /** For deterministic jitter in tests. */
  readonly random?: () => number;
  /** Proxy and certificates (VS Code's `http.*` settings and the environment); absent: straight, Node's certificates. */
  readonly network?: NetworkSettings;
}

export interface TypeaheadOptions extends CallOptions {
  /** 1..100, default 20. */
  readonly count?: number;
}

export class AsanaClient {
  readonly baseUrl: URL;
  private readonly requester: Requester;
  private readonly logger: Logger;
  private readonly limits: ListingLimits;

  constructor(opts: AsanaClientOptions) {
    if (!opts.token || !opts.token.trim()) throw new InvalidInputError(l10n.t('An Asana access token is required.'), 'token');
    if (/\s/.test(opts.token.trim())) {
      throw new InvalidInputError(l10n.t('An Asana access token cannot contain spaces or line breaks.'), 'token');
    }
    this.baseUrl = parseBaseUrl(opts.baseUrl);
    this.logger = opts.logger ?? silentLogger;
    this.requester = new Requester({
      baseUrl: this.baseUrl,
      token: opts.token.trim(),
      logger: this.logger,
      timeoutMs: opts.timeoutMs ?? 30_000,
      callDeadlineMs: opts.callDeadlineMs ?? 60_000,
      maxResponseBytes: opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      maxReadRetries: opts.maxReadRetries ?? 3,
      maxRateLimitWaits: opts.maxRateLimitWaits ?? 5,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 120_000,
      retryBaseMs: opts.retryBaseMs ?? 500,
      retryMaxMs: opts.retryMaxMs ?? 8_000,
      maxReadsInFlight: opts.maxReadsInFlight ?? 50,
      maxWritesInFlight: opts.maxWritesInFlight ?? 15,
      userAgent: opts.userAgent ?? 'asana-workspaces-vscode',
      random: opts.random ?? Math.random,
      ...(opts.network ? { network: opts.network } : {}),
    });
    this.limits = {
      maxPages: opts.maxListingPages ?? DEFAULT_MAX_LISTING_PAGES,
      deadlineMs: opts.listingDeadlineMs ?? DEFAULT_LISTING_DEADLINE_MS,
    };
  }

  onRateLimitWait(listener: (wait: RateLimitWait) => void): () => void {
    return this.requester.onRateLimitWait(listener);
  }

  /** New proxy or certificate settings, used from the next request on; the old connections close. */
  useNetwork(network: NetworkSettings): Promise<void> {
    return this.requester.useNetwork(network);
  }

  dispose(): Promise<void> {
    return this.requester.close();
  }

  // Users

  /** The signed-in user: validates a token. */
  getMe(opts: CallOptions = {}): Promise<User> {
    return this.getUser('me', opts);
  }

  async getUser(user: string, opts: CallOptions & { workspace?: string } = {}): Promise<User> {
    const ref = encodeURIComponent(requireUserRef(user));
    const workspace = opts.workspace === undefined ? undefined : requireGid(opts.workspace, 'workspace');
    const res = await this.requester.send({
      method: 'GET',
      path: `/users/${ref}`,
      query: { opt_fields: optFields(USER_FIELDS), workspace },
      schema: UserSchema,
      ...signal(opts),
    });
    return res.data;
  }

  /** Users of a workspace with their emails (`GET /users?workspace=`), page by page. */
  workspaceUserPages(workspaceGid: string, opts: PageOptions = {}): AsyncGenerator<UserWithEmail[]> {
    const workspace = requireGid(workspaceGid, 'workspace');
    return paginate(
      this.requester,
      this.logger,
      { path: '/users', query: { workspace, opt_fields: optFields(USER_WITH_EMAIL_FIELDS) }, item: UserWithEmailSchema },
      pageOpts(opts),
      this.limits,
    );
  }

  // Workspaces

  workspacePages(opts: PageOptions = {}): AsyncGenerator<Workspace[]> {
    return paginate(
      this.requester,
      this.logger,
      { path: '/workspaces', query: { opt_fields: optFields(WORKSPACE_FIELDS) }, item: WorkspaceSchema },
      pageOpts(opts),
      this.limits,
    );
  }

  // async, so that bad input rejects the promise instead of throwing at the call.
  async listWorkspaces(opts: PageOptions = {}): Promise<Workspace[]> {
    return collect(this.workspacePages(opts));
  }

  async getWorkspace(workspaceGid: string, opts: CallOptions = {}): Promise<Workspace> {
    const gid = requireGid(workspaceGid, 'workspace');
    const res = await this.requester.send({
      method: 'GET',
      path: `/workspaces/${gid}`,
      query: { opt_fields: optFields(WORKSPACE_FIELDS) },
      schema: WorkspaceSchema,
      ...signal(opts),
    });
    return res.data;
  }

  /** Renames a workspace; `current` lets an unchanged name be refused without a request. */
  async renameWorkspace(workspaceGid: string, name: string, opts: CallOptions & { current?: string } = {}): Promise<Workspace> {
    const gid = requireGid(workspaceGid, 'workspace');
    const newName = requireWorkspaceName(name, opts.current);
    const res = await this.requester.send({
      method: 'PUT',
      path: `/workspaces/${gid}`,
      query: { opt_fields: optFields(WORKSPACE_FIELDS) },
      body: { name: newName },
      schema: WorkspaceSchema,
      ...signal(opts),
    });
    return res.data;
  }

  /** Adds (invites) a user by email, gid or "me"; an unknown email invites a new person. */
  async addUser(workspaceGid: string, user: string, opts: CallOptions = {}): Promise<UserWithEmail> {
    const gid = requireGid(workspaceGid, 'workspace');
    const ref = requireUserRef(user);
    const res = await this.requester.send({
      method: 'POST',
      path: `/workspaces/${gid}/addUser`,
      query: { opt_fields: optFields(USER_WITH_EMAIL_FIELDS) },
      body: { user: ref },
      schema: UserWithEmailSchema,
      ...signal(opts),
    });
    return res.data;
  }

  /** Removes a user; Asana allows it to workspace admins only and keeps an inactive membership. */
  async removeUser(workspaceGid: string, user: string, opts: CallOptions = {}): Promise<void> {
    const gid = requireGid(workspaceGid, 'workspace');
    const ref = requireUserRef(user);
    await this.requester.send({
      method: 'POST',
      path: `/workspaces/${gid}/removeUser`,
      body: { user: ref },
      schema: EmptySchema,
      ...signal(opts),
    });
  }

  /** Users matching `query`, ranked by Asana; one page only, not exhaustive. */
  async typeaheadUsers(workspaceGid: string, query: string, opts: TypeaheadOptions = {}): Promise<TypeaheadUser[]> {
    const gid = requireGid(workspaceGid, 'workspace');
    const count = requireCount(opts.count ?? 20, 1, 100, 'count');
    const res = await this.requester.send({
      method: 'GET',
      path: `/workspaces/${gid}/typeahead`,
      query: { resource_type: 'user', query, count, opt_fields: optFields(TYPEAHEAD_FIELDS) },
      schema: z.array(TypeaheadUserSchema),
      ...signal(opts),
    });
    return res.data;
  }

  // Memberships

  async getWorkspaceMembership(membershipGid: string, opts: CallOptions = {}): Promise<Membership> {
    const gid = requireGid(membershipGid, 'membership');
    const res = await this.requester.send({
      method: 'GET',
      path: `/workspace_memberships/${gid}`,
      query: { opt_fields: optFields(MEMBERSHIP_FIELDS) },
      schema: MembershipSchema,
      ...signal(opts),
    });
    return res.data;
  }

  /** Active memberships of a workspace (Asana leaves inactive ones out here), optionally one user's. */
  workspaceMembershipPages(workspaceGid: string, opts: PageOptions & { user?: string } = {}): AsyncGenerator<Membership[]> {
    const workspace = requireGid(workspaceGid, 'workspace');
    const user = opts.user === undefined ? undefined : requireUserRef(opts.user);
    return paginate(
      this.requester,
      this.logger,
      {
        path: `/workspaces/${workspace}/workspace_memberships`,
        query: { user, opt_fields: optFields(MEMBERSHIP_FIELDS) },
        item: MembershipSchema,
      },
      pageOpts(opts),
      this.limits,
    );
  }

  /** Every membership of a user, inactive ones included: the only way to see removed members. */
  userMembershipPages(user: string, opts: PageOptions = {}): AsyncGenerator<Membership[]> {
    const ref = encodeURIComponent(requireUserRef(user));
    return paginate(
      this.requester,
      this.logger,
      { path: `/users/${ref}/workspace_memberships`, query: { opt_fields: optFields(MEMBERSHIP_FIELDS) }, item: MembershipSchema },
      pageOpts(opts),
      this.limits,
    );
  }

  async listUserMemberships(user: string, opts: PageOptions = {}): Promise<Membership[]> {
    return collect(this.userMembershipPages(user, opts));
  }

  // Out of office

  /** A person's out-of-office entries in a workspace, those ending on or after `from` (YYYY-MM-DD) when given. */
  oooEntryPages(userGid: string, workspaceGid: string, opts: PageOptions & { from?: string } = {}): AsyncGenerator<OooEntry[]> {
    const user = requireGid(userGid, 'user');
    const workspace = requireGid(workspaceGid, 'workspace');
    if (opts.from !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.from)) throw new InvalidInputError(l10n.t('Not a date (YYYY-MM-DD): {0}', opts.from), 'from');
    return paginate(
      this.requester,
      this.logger,
      { path: '/ooo_entries', query: { user, workspace, start_date: opts.from, opt_fields: optFields(OOO_ENTRY_FIELDS) }, item: OooEntrySchema },
      pageOpts(opts),
      this.limits,
    );
  }
}

function signal(opts: CallOptions): CallOptions {
  return opts.signal ? { signal: opts.signal } : {};
}

function pageOpts(opts: PageOptions): PageOptions {
  if (opts.pageSize !== undefined) requireCount(opts.pageSize, 1, 100, 'pageSize');
  return opts;
}
