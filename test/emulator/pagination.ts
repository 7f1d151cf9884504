/**
 * Offset pagination as Asana does it: `limit` 1..100, opaque offsets that are bound to one listing
 * and one user and expire, `next_page` only when `limit` was sent, and a 400 for unpaginated
 * requests over ~1,000 items.
 *
 * Offsets are HS256 JWTs (the real ones are JWTs too) carrying the gid of the last item served:
 * lists are kept in gid order, so the next page starts with a binary search, and items added or
 * removed between pages neither shift nor repeat the rest.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from './context';
import { badRequest, TOO_LARGE_MESSAGE } from './errors';
import { indexAfterGid } from './gid';

export const MAX_LIMIT = 100;
export const MAX_UNPAGINATED = 1000;

export interface NextPage {
  offset: string;
  path: string;
  uri: string;
}

interface OffsetClaims {
  /** Hash of the listing (route, path params, filters). */
  l: string;
  /** User the offset was issued to. */
  u: string;
  /** Gid of the last item already served. */
  c: string;
  /** Generation; expireAll() bumps the current one. */
  g: number;
  iat_ms: number;
  exp_ms: number;
}

const HEADER = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));

export class OffsetCodec {
  /** Per emulator instance: an offset from another instance is foreign, as it would be. */
  private readonly secret = randomBytes(32);
  private generation = 0;

  issue(listing: string, userGid: string, cursor: string, ttlMs: number): string {
    const now = Date.now();
    const claims: OffsetClaims = { l: listingHash(listing), u: userGid, c: cursor, g: this.generation, iat_ms: now, exp_ms: now + ttlMs };
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return `${body}.${this.sign(body)}`;
  }

  /** Returns the cursor, or throws a 400 saying why the offset cannot be used. */
  verify(token: string, listing: string, userGid: string): string {
    const parts = token.split('.');
    if (parts.length !== 3) throw invalidOffset('malformed');
    const body = `${parts[0]}.${parts[1]}`;
    const given = Buffer.from(parts[2] as string);
    const expected = Buffer.from(this.sign(body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidOffset('signature mismatch');
    let claims: OffsetClaims;
    try {
      claims = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as OffsetClaims;
    } catch {
      throw invalidOffset('malformed');
    }
    if (claims.l !== listingHash(listing)) throw invalidOffset('it was issued for a different request');
    if (claims.u !== userGid) throw invalidOffset('it was issued to a different user');
    if (claims.g !== this.generation || Date.now() > claims.exp_ms) throw invalidOffset('it has expired');
    return claims.c;
  }

  expireAll(): void {
    this.generation++;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

function invalidOffset(reason: string): Error {
  return badRequest(`offset: Invalid or expired offset (${reason}). Restart the listing without an offset.`);
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function listingHash(listing: string): string {
  return createHash('sha256').update(listing).digest('base64url').slice(0, 22);
}

/** Validates `limit`: absent, or an integer 1..100. */
export function parseLimit(raw: string | null): number | undefined {
  if (raw === null) return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw badRequest(`limit: Not a valid integer: "${raw}". Use a value between 1 and ${MAX_LIMIT}.`);
  const n = Number(raw);
  if (n < 1 || n > MAX_LIMIT) throw badRequest(`limit: Must be between 1 and ${MAX_LIMIT}, got ${n}.`);
  return n;
}

export interface Page<T> {
  items: T[];
  /** undefined: no `limit` was sent, so the body has no next_page key at all. */
  nextPage: NextPage | null | undefined;
}

/**
 * One page of a gid-ordered list. `filterKeys` name the query parameters that define the listing;
 * an offset only works for the same route, path, filters and user.
 */
export function paginate<T extends { gid: string }>(ctx: RequestContext, items: readonly T[], filterKeys: readonly string[] = []): Page<T> {
  const limit = parseLimit(ctx.query.get('limit'));
  const listing = listingKey(ctx, filterKeys);
  const offset = ctx.query.get('offset');
  const start = offset === null || offset === '' ? 0 : indexAfterGid(items, ctx.offsets.verify(offset, listing, ctx.caller.gid), (i) => i.gid);
  if (limit === undefined) {
    if (items.length - start > MAX_UNPAGINATED) throw badRequest(TOO_LARGE_MESSAGE);
    return { items: items.slice(start), nextPage: undefined };
  }
  const pageItems = items.slice(start, start + limit);
  const last = pageItems[pageItems.length - 1];
  if (start + limit >= items.length || last === undefined) return { items: pageItems, nextPage: null };
  const token = ctx.offsets.issue(listing, ctx.caller.gid, last.gid, ctx.offsetTtlMs);
  return { items: pageItems, nextPage: nextPageOf(ctx, token) };
}

/** For listings that take an offset but never issue one (GET /workspaces/{gid}/users). */
export function rejectUnissuedOffset(ctx: RequestContext): void {
  const offset = ctx.query.get('offset');
  if (offset !== null && offset !== '') ctx.offsets.verify(offset, listingKey(ctx, []), ctx.caller.gid);
}

function listingKey(ctx: RequestContext, filterKeys: readonly string[]): string {
  const filters = filterKeys.map((k) => [k, ctx.query.get(k)]);
  return JSON.stringify([ctx.routeKey, ctx.params, filters]);
}

function nextPageOf(ctx: RequestContext, token: string): NextPage {
  const q = new URLSearchParams();
  for (const [k, v] of ctx.query) if (k !== 'offset') q.append(k, v);
  q.append('offset', token);
  const path = `${ctx.apiPath}?${q.toString()}`;
  return { offset: token, path, uri: `${ctx.baseUrl}${path}` };
}

export function listBody(data: unknown[], nextPage: NextPage | null | undefined): { data: unknown[]; next_page?: NextPage | null } {
  return nextPage === undefined ? { data } : { data, next_page: nextPage };
}
