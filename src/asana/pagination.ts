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
  let offset: string | undefined;
  let restarted = false;
  let pages = 0;
  let spentMs = 0;
  for (;;) {
    if (pages >= limits.maxPages) {
      throw new InvalidResponseError(
        `Asana kept sending more pages (${pages} so far, of ${limit} records each), more than any workspace has, so the listing stopped.`,
        'next_page',
        { request },
      );
    }
    const remainingMs = limits.deadlineMs - spentMs;
    if (remainingMs <= 0) throw outOfTime(limits, request);
    // A timer per page, cleared when the page is in: the budget does not run while the caller holds the generator.
    const expiry = new AbortController();
    const timer = setTimeout(() => expiry.abort(), remainingMs);
    const started = performance.now();
    let page;
    try {
      page = await requester.send({
        method: 'GET',
        path: listing.path,
        query: { ...listing.query, limit, offset },
        schema,
        signal: anySignal([opts.signal, expiry.signal]),
      });
    } catch (e) {
      if (e instanceof CancelledError && !opts.signal?.aborted && expiry.signal.aborted) throw outOfTime(limits, request);
      if (offset !== undefined && e instanceof BadRequestError && !restarted) {
        logger.warn(`${pathForLog(listing.path, isTracing(logger))}: pagination offset refused (${e.message}); restarting the listing once.`);
        restarted = true;
        offset = undefined;
        offsetsFollowed.clear();
        continue;
      }
      throw e;
    } finally {
      clearTimeout(timer);
      spentMs += performance.now() - started;
      pages++;
    }
    // A record already yielded is not yielded again: after a restart, or from a server repeating itself.
    const fresh = page.data.filter((item) => !seen.has(item.gid));
    for (const item of fresh) seen.add(item.gid);
    yield fresh;
    if (page.nextOffset === undefined) return;
    if (offsetsFollowed.has(page.nextOffset)) {
      throw new InvalidResponseError(
        'Asana sent a "next_page" offset it had already sent in this listing, which would repeat pages forever, so the listing stopped.',
        'next_page',
        { request },
      );
    }
    offsetsFollowed.add(page.nextOffset);
    offset = page.nextOffset;
  }
}

function outOfTime(limits: ListingLimits, request: RequestInfo): TimeoutError {
  return new TimeoutError(
    `The listing did not finish within ${formatWait(limits.deadlineMs)} of waiting for Asana, so it stopped. Try again later.`,
    { request },
  );
}

export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
