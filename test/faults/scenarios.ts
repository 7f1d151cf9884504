/**
 * The fault matrix as data: one row per scenario, what each operation should give under it.
 * Adding a scenario is adding one `row(...)`. Columns are the operations in operations.ts;
 * a row says what to expect for `reads`, `writes`, `all`, or a single operation by id
 * (most specific wins).
 *
 * Faults land on the operation's own route (`Operation.route`); for the listings they land on the
 * *second* request, i.e. mid-listing, after the first page has been shown.
 */
import type { AsanaClientOptions } from '../../src/asana/client';
import type { AsanaErrorKind } from '../../src/asana/errors';
import type { FaultRule } from '../emulator/index';
import type { OpId, Operation } from './operations';

export interface Expected {
  readonly outcome: 'ok' | AsanaErrorKind | 'n/a';
  /** For n/a: why the scenario does not apply. */
  readonly why?: string;
  /** The error message must match: it names the cause. */
  readonly message?: RegExp;
  /** How many times the injected fault fired on the operation's route (1 = the faulted request was not sent into it again). */
  readonly fired?: number;
  /** Requests that reached the operation's route: for writes, the no-repeat check. */
  readonly requests?: number;
  /** For writes: whether the change is on the server afterwards. */
  readonly landed?: boolean;
  /** The 429 waits announced to the UI, in ms. */
  readonly waitMs?: readonly number[];
}

export type PageHook = 'expire-once' | 'expire-every-page';

export interface Scenario {
  readonly name: string;
  readonly faults: (op: Operation) => FaultRule[];
  readonly pages?: PageHook;
  readonly expect: Partial<Record<OpId | 'reads' | 'writes' | 'all', Expected>>;
  /** Client options for this row only, over the matrix's (e.g. a listing budget a trickle can outlast). */
  readonly client?: Partial<AsanaClientOptions>;
}

export function expectationFor(s: Scenario, op: Operation): Expected {
  const e = s.expect[op.id] ?? s.expect[op.writes ? 'writes' : 'reads'] ?? s.expect.all;
  if (!e) throw new Error(`scenario "${s.name}" has no expectation for ${op.id}`);
  return e;
}

// --- Vocabulary

const ok = (more: Omit<Expected, 'outcome'> = {}): Expected => ({ outcome: 'ok', ...more });
const fail = (kind: AsanaErrorKind, message: RegExp, more: Omit<Expected, 'outcome' | 'message'> = {}): Expected => ({ outcome: kind, message, ...more });
const na = (why: string): Expected => ({ outcome: 'n/a', why });

/** The fault on the operation's route; mid-listing for the listings. */
const on = (rule: Omit<FaultRule, 'route' | 'after'>) => (op: Operation): FaultRule[] => [{ ...rule, route: op.route, after: op.paged ? 1 : 0 }];
const once = (rule: Omit<FaultRule, 'route' | 'after' | 'times'>) => on({ ...rule, times: 1 });
const always = on;
const none = (): FaultRule[] => [];

const status = (code: number, more: Partial<FaultRule> = {}) => ({ kind: 'status' as const, status: code, ...more });
const rateLimited = (retryAfter: string | null) => status(429, { retryAfter });

/**
 * The emulator cannot delete a workspace, so a deletion is emulated with a 404 status fault (the
 * emulator's own "Unknown object" wording) on every route that names the workspace; nothing is
 * added to the emulator.
 */
const workspaceDeleted = (op: Operation): FaultRule[] =>
  op.workspaceRoutes.map((route) => ({
    route,
    kind: 'status',
    status: 404,
    message: 'workspace: Unknown object: the workspace was deleted',
    after: op.paged ? 1 : 0,
  }));

const row = (name: string, faults: Scenario['faults'], expect: Scenario['expect'], pages?: PageHook): Scenario =>
  pages ? { name, faults, expect, pages } : { name, faults, expect };
const withClient = (scenario: Scenario, client: Partial<AsanaClientOptions>): Scenario => ({ ...scenario, client });

// Expectations shared by many rows.
/** A transient failure: reads retry and succeed; a write is not repeated and did not land (Asana refused it before acting). */
const transientRefused = (kind: AsanaErrorKind, message: RegExp): Scenario['expect'] => ({
  reads: ok({ fired: 1 }),
  writes: fail(kind, message, { fired: 1, requests: 1, landed: false }),
});
/** The server acted, then the answer was lost: reads retry; a write is reported failed, not repeated, and landed. */
const answerLost = (kind: AsanaErrorKind, message: RegExp): Scenario['expect'] => ({
  reads: ok({ fired: 1 }),
  writes: fail(kind, new RegExp(`${message.source}.*${MAY_HAVE_LANDED.source}`), { fired: 1, requests: 1, landed: true }),
});
/** A refusal: nobody retries it, writes do not land. */
const refused = (kind: AsanaErrorKind, message: RegExp): Scenario['expect'] => ({
  reads: fail(kind, message, { fired: 1 }),
  writes: fail(kind, message, { fired: 1, requests: 1, landed: false }),
});
/** 429 once: wait as told, then succeed; a refused write is safe to send again (requests: 2, one effect). */
const waitThenOk = (waitMs: number): Scenario['expect'] => ({
  reads: ok({ fired: 1, waitMs: [waitMs] }),
  writes: ok({ fired: 1, requests: 2, landed: true, waitMs: [waitMs] }),
});
/** What a person is told when a write's answer was lost: it may have landed, check before repeating it. */
const MAY_HAVE_LANDED = /may have made the change.*refresh to check before trying again/;
/** ... and when Asana answered 2xx but the answer could not be read. */
const ACCEPTED_UNREADABLE = /Asana accepted the change, but its answer could not be read/;
const NO_PAGES = 'single request, no pagination offset';
/** Our own backoff when Retry-After is missing or unreadable: full jitter over 500–1000 ms, 750 ms with random() = 0.5. */
const OWN_BACKOFF_MS = 750;
/** A response past the client's size limit (8 MB by default). */
const TOO_LARGE = /Asana sent a response larger than 8 MB/;
/** An answer too large or endless, to a write: it landed, and the person is told so. */
const tooLargeAnswer = (): Scenario['expect'] => ({
  reads: fail('invalid-response', TOO_LARGE, { fired: 1 }),
  writes: fail('invalid-response', new RegExp(`${TOO_LARGE.source}.*${ACCEPTED_UNREADABLE.source}`), { fired: 1, requests: 1, landed: true }),
});
/** A trickle of about a second a response (10 slices, 100 ms apart). */
const trickle = { kind: 'trickle' as const, intervalMs: 100 };

export const SCENARIOS: readonly Scenario[] = [
  row('no fault (control)', none, { reads: ok({ fired: 0 }), writes: ok({ requests: 1, landed: true }) }),

  row('429, Retry-After: 1 (seconds), once', once(rateLimited('1')), waitThenOk(1_000)),
  row('429, Retry-After: 0.25 (decimal: not delta-seconds), once', once(rateLimited('0.25')), waitThenOk(OWN_BACKOFF_MS)),
  row('429, Retry-After: "1, 1" (merged by a proxy), once', once(rateLimited('1, 1')), waitThenOk(1_000)),
  row('429, Retry-After: +5 (not a date in 2001), once', once(rateLimited('+5')), waitThenOk(OWN_BACKOFF_MS)),
  row('429, no Retry-After, once', once(rateLimited(null)), waitThenOk(OWN_BACKOFF_MS)),
  row('429, Retry-After: -5 (negative), once', once(rateLimited('-5')), waitThenOk(OWN_BACKOFF_MS)),
  row('429, Retry-After: "soon" (garbage), once', once(rateLimited('soon')), waitThenOk(OWN_BACKOFF_MS)),
  row('429, Retry-After: 1 followed by 400 zeros, once', once(rateLimited(`1${'0'.repeat(400)}`)), waitThenOk(OWN_BACKOFF_MS)),
  row('429, Retry-After: 86400 (a day), once', once(rateLimited('86400')), refused('rate-limited', /rate limiting.*wait 1440 min/)),
  row('429 every time, Retry-After: 0', always(rateLimited('0')), {
    reads: fail('rate-limited', /rate limiting/, { fired: 6 }),
    writes: fail('rate-limited', /rate limiting/, { fired: 6, requests: 6, landed: false }),
  }),

  row('500 with phrase, once', once(status(500, { phrase: '6 sad squid snuggle softly' })), transientRefused('server', /HTTP 500.*6 sad squid snuggle softly/)),
  row('502 with phrase, once', once(status(502, { phrase: '2 bad gateways grumble' })), transientRefused('server', /HTTP 502.*2 bad gateways grumble/)),
  row('503 with phrase, once', once(status(503, { phrase: '3 busy bees buzz' })), transientRefused('server', /HTTP 503.*3 busy bees buzz/)),
  row('504 with phrase, once', once(status(504, { phrase: '4 slow sloths sleep' })), transientRefused('server', /HTTP 504.*4 slow sloths sleep/)),
  row('503 every time', always(status(503, { phrase: 'down for good' })), {
    reads: fail('server', /HTTP 503.*down for good/, { fired: 4 }),
    writes: fail('server', /HTTP 503/, { fired: 1, requests: 1, landed: false }),
  }),

  row('connection reset mid-body, once', once({ kind: 'reset-mid-body' }), answerLost('network', /Could not reach Asana/)),
  row('connection dropped before the answer, once', once({ kind: 'drop' }), answerLost('network', /Could not reach Asana/)),
  row('hung server, once (timeout 400 ms)', once({ kind: 'hang' }), answerLost('timeout', /did not answer within/)),
  row('hung server, every time', always({ kind: 'hang' }), {
    reads: fail('timeout', /did not answer within/, { fired: 4 }),
    writes: fail('timeout', new RegExp(`did not answer within.*${MAY_HAVE_LANDED.source}`), { fired: 1, requests: 1, landed: true }),
  }),

  row('malformed JSON (cut off), once', once({ kind: 'malformed-json' }), {
    reads: fail('invalid-response', /not valid JSON/, { fired: 1 }),
    writes: fail('invalid-response', new RegExp(`not valid JSON.*${ACCEPTED_UNREADABLE.source}`), { fired: 1, requests: 1, landed: true }),
  }),
  row('response missing required field "gid"', always({ kind: 'missing-field', field: 'gid' }), {
    reads: fail('invalid-response', /field "data\[0\]\.gid" is missing/, { fired: 1 }),
    writes: fail('invalid-response', new RegExp(`field "data\\.gid" is missing.*${ACCEPTED_UNREADABLE.source}`), { fired: 1, requests: 1, landed: true }),
    // removeUser answers {"data": {}}: there is no field to miss.
    remove: ok({ fired: 1, requests: 1, landed: true }),
  }),
  row('extra unknown field', always({ kind: 'extra-field' }), { reads: ok(), writes: ok({ fired: 1, requests: 1, landed: true }) }),

  // Hostile servers: answers too big to hold, answers that never end, listings that never end.
  row('huge body (64 MB, chunked), every time', always({ kind: 'huge-body' }), tooLargeAnswer()),
  row('endless body, every time', always({ kind: 'endless-body' }), tooLargeAnswer()),
  row('endless trickle (never finishes), every time', always({ kind: 'endless-body', chunkBytes: 100, intervalMs: 20 }), {
    reads: fail('timeout', /did not answer within/, { fired: 4 }),
    writes: fail('timeout', new RegExp(`did not answer within.*${MAY_HAVE_LANDED.source}`), { fired: 1, requests: 1, landed: true }),
  }),
  row('pagination offsets cycle a, b, a, b…', always({ kind: 'cycle-offsets' }), {
    listWorkspaces: fail('invalid-response', /"next_page" offset it had already sent/, { fired: 2 }),
    listMembers: fail('invalid-response', /"next_page" offset it had already sent/, { fired: 2 }),
    reads: na(NO_PAGES),
    writes: na(NO_PAGES),
  }),
  withClient(
    row('slow trickle across pages (~1 s a page; listing budget 1.5 s)', always(trickle), {
      listWorkspaces: fail('timeout', /listing did not finish within 2 s/),
      listMembers: fail('timeout', /listing did not finish within 2 s/),
      reads: ok({ fired: 1 }),
      writes: ok({ fired: 1, requests: 1, landed: true }),
    }),
    // No single response is slow enough to time out: only the listing's own budget can stop it.
    { timeoutMs: 5_000, listingDeadlineMs: 1_500 },
  ),

  row(
    'pagination offset expired, once',
    none,
    { listWorkspaces: ok(), listMembers: ok(), reads: na(NO_PAGES), writes: na(NO_PAGES) },
    'expire-once',
  ),
  row(
    'pagination offset expired, every page',
    none,
    {
      listWorkspaces: fail('bad-request', /offset: Invalid or expired offset/),
      listMembers: fail('bad-request', /offset: Invalid or expired offset/),
      reads: na(NO_PAGES),
      writes: na(NO_PAGES),
    },
    'expire-every-page',
  ),

  row('401 mid-session (token revoked)', always(status(401)), refused('unauthorized', /did not accept the access token.*Sign in again/)),
  row('403 no access', always(status(403, { message: 'You do not have access to this workspace.' })), refused('forbidden', /permission.*You do not have access/)),
  row('404 workspace deleted meanwhile', workspaceDeleted, {
    listWorkspaces: na('a deleted workspace just drops out of GET /workspaces'),
    ...refused('not-found', /could not find it: it may have been deleted/),
  }),
];
