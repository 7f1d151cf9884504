/**
 * Walks a paginated listing page by page, so a caller can show the first page while the rest
 * arrives. Asana's offsets expire (about 15 minutes); when one is refused the listing restarts
 * once from the top and skips what it already yielded, so the caller sees every record once.
 */
import * as z from 'zod/mini';
import { BadRequestError, InvalidResponseError } from './errors';
import type { Logger } from './logger';
import type { CallOptions, Query, Requester } from './requester';

export const MAX_PAGE_SIZE = 100;

export interface PageOptions extends CallOptions {
  /** Records per page, 1..100; default 100. */
  readonly pageSize?: number;
}

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
): AsyncGenerator<T[], void, undefined> {
  const limit = opts.pageSize ?? MAX_PAGE_SIZE;
  const schema = z.array(listing.item);
  const seen = new Set<string>();
  let offset: string | undefined;
  let restarted = false;
  for (;;) {
    let page;
    try {
      page = await requester.send({
        method: 'GET',
        path: listing.path,
        query: { ...listing.query, limit, offset },
        schema,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (e) {
      if (offset !== undefined && e instanceof BadRequestError && !restarted) {
        logger.warn(`${listing.path}: pagination offset refused (${e.message}); restarting the listing once.`);
        restarted = true;
        offset = undefined;
        continue;
      }
      throw e;
    }
    const fresh = restarted ? page.data.filter((item) => !seen.has(item.gid)) : page.data;
    for (const item of fresh) seen.add(item.gid);
    yield fresh;
    if (page.nextOffset === undefined) return;
    // A server (or proxy) handing back the offset it was just given would keep this loop going forever.
    if (page.nextOffset === offset) {
      throw new InvalidResponseError('Asana sent the same page again (its "next_page" offset did not move), so the listing stopped.', 'next_page', {
        request: { method: 'GET', path: listing.path },
      });
    }
    offset = page.nextOffset;
  }
}

export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
