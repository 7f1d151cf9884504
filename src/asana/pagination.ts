/**
 * Walks a paginated listing page by page, so a caller can show the first page while the rest
 * arrives. Asana's offsets expire (about 15 minutes); when one is refused the listing restarts
 * once from the top and skips what it already yielded, so the caller sees every record once.
 *
 * A listing always ends, whatever the server sends: an offset it has already been given (a, b, a…)
 * stops it, and so do a page limit and a time budget for the whole listing.
 */
import * as z from 'zod/mini';
import { BadRequestError, CancelledError, InvalidResponseError, TimeoutError, type RequestInfo } from './errors';
import { isTracing, type Logger } from './logger';
import { pathForLog } from './logUrl';
import type { CallOptions, Query, Requester } from './requester';
import { formatWait } from './responses';
import { anySignal } from './timing';
import { l10n } from '../util/l10n';

export const MAX_PAGE_SIZE = 100;

/**
 * Pages one listing may take. 10,000 pages of 100 are a million records, ten times the members
 * of the largest Asana organizations; a server that never stops handing out new offsets is
 * stopped here (or by the time budget, whichever comes first).
 */
export const DEFAULT_MAX_LISTING_PAGES = 10_000;

/**
 * Time one listing may spend waiting for Asana, retries included. 100,000 members are 1,000 pages,
 * about 8 minutes at Asana's usual half a second a page: 30 minutes leave room for rate limiting.
 * Time the caller spends between pages (the generator is paused) does not count.
 */
export const DEFAULT_LISTING_DEADLINE_MS = 30 * 60_000;

export interface PageOptions extends CallOptions {
  /** Records per page, 1..100; default 100. */
  readonly pageSize?: number;
}

export interface ListingLimits {
  readonly maxPages: number;
  readonly deadlineMs: number;
}

export const DEFAULT_LISTING_LIMITS: ListingLimits = {
  maxPages: DEFAULT_MAX_LISTING_PAGES,
  deadlineMs: DEFAULT_LISTING_DEADLINE_MS,
};

export interface Listing<T> {
  readonly path: string;
  readonly query: Query;
  readonly item: z.ZodMiniType<T>;
}

/** One page asked for: what came back, or why not. */
type PageOutcome<T> =
  | { readonly ok: true; readonly offset: string | undefined; readonly page: { data: T[]; nextOffset: string | undefined } }
  | { readonly ok: false; readonly offset: string | undefined; readonly error: unknown; readonly timedOut: boolean };

export async function* paginate<T extends { gid: string }>(
  requester: Requester,
  logger: Logger,
  listing: Listing<T>,
  opts: PageOptions = {},
  limits: ListingLimits = DEFAULT_LISTING_LIMITS,
): AsyncGenerator<T[], void, undefined> {
  const limit = opts.pageSize ?? MAX_PAGE_SIZE;
  const schema = z.array(listing.item);
  const request: RequestInfo = { method: 'GET', path: listing.path };
  const seen = new Set<string>();
  // Every offset followed, not only the last: a server cycling a, b, a, b… is caught at the first repeat.
  const offsetsFollowed = new Set<string>();
  // Ends the page asked for ahead when the caller stops early (break, return, an error of its own).
  const stopped = new AbortController();
  let restarted = false;
  let pages = 0;
  let spentMs = 0;

  /**
   * Asks for one page. Called as soon as the page's offset is known, before the caller has seen
   * the previous page: the chain of dependent requests is the listing's floor, so the caller's
   * work (indexing, events, drawing) runs while the next page is on its way. Never rejects.
   */
  const ask = (offset: string | undefined): Promise<PageOutcome<T>> => {
    if (pages >= limits.maxPages) {
      const error = new InvalidResponseError(
        l10n.t('Asana kept sending more pages ({0} so far, of {1} records each), more than any workspace has, so the listing stopped.', pages, limit),
        'next_page',
        { request },
      );
      return Promise.resolve({ ok: false, offset, error, timedOut: false });
    }
    pages++;
    const remainingMs = limits.deadlineMs - spentMs;
    if (remainingMs <= 0) return Promise.resolve({ ok: false, offset, error: outOfTime(limits, request), timedOut: true });
    // A timer per page, cleared when the page is in: only time spent waiting for Asana counts.
    const expiry = new AbortController();
    const timer = setTimeout(() => expiry.abort(), remainingMs);
    const started = performance.now();
    const settled = (): void => {
      clearTimeout(timer);
      spentMs += performance.now() - started;
    };
    return requester
      .send({
        method: 'GET',
        path: listing.path,
        query: { ...listing.query, limit, offset },
        schema,
        signal: anySignal([opts.signal, stopped.signal, expiry.signal]),
      })
      .then(
        (page): PageOutcome<T> => {
          settled();
          return { ok: true, offset, page };
        },
        (error: unknown): PageOutcome<T> => {
          settled();
          return { ok: false, offset, error, timedOut: expiry.signal.aborted };
        },
      );
  };

  let pending = ask(undefined);
  try {
    for (;;) {
      const outcome = await pending;
      if (!outcome.ok) {
        const e = outcome.error;
        if (e instanceof CancelledError && !opts.signal?.aborted && outcome.timedOut) throw outOfTime(limits, request);
        if (outcome.offset !== undefined && e instanceof BadRequestError && !restarted) {
          logger.warn(`${pathForLog(listing.path, isTracing(logger))}: pagination offset refused (${e.message}); restarting the listing once.`);
          restarted = true;
          offsetsFollowed.clear();
          pending = ask(undefined);
          continue;
        }
        throw e;
      }
      const { page } = outcome;
      // A record already yielded is not yielded again: after a restart, or from a server repeating itself.
      const fresh = page.data.filter((item) => !seen.has(item.gid));
      for (const item of fresh) seen.add(item.gid);
      const next = page.nextOffset;
      if (next === undefined) {
        yield fresh;
        return;
      }
      const repeated = offsetsFollowed.has(next);
      if (!repeated) {
        offsetsFollowed.add(next);
        pending = ask(next);
      }
      yield fresh;
      if (repeated) {
        throw new InvalidResponseError(
          l10n.t('Asana sent a "next_page" offset it had already sent in this listing, which would repeat pages forever, so the listing stopped.'),
          'next_page',
          { request },
        );
      }
    }
  } finally {
    stopped.abort();
  }
}

function outOfTime(limits: ListingLimits, request: RequestInfo): TimeoutError {
  return new TimeoutError(
    l10n.t('The listing did not finish within {0} of waiting for Asana, so it stopped. Try again later.', formatWait(limits.deadlineMs)),
    { request },
  );
}

export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
