/**
 * The request pipeline for the API under /api/1.0:
 *   count → route (404) → authenticate (401) → rate window (429) → concurrency cap (429)
 *   → admitted: in flight → faults decided → latency → status fault (before any write)
 *   → handler (writes land here) → response, possibly broken by a fault.
 * Drop, reset-mid-body, hang and the hostile-body faults act after the handler, so a write they hit has landed.
 */
import { STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate } from './auth';
import type { Principal } from './auth';
import type { RuntimeConfig } from './config';
import type { HandlerResult, RequestContext } from './context';
import { UNAUTHENTICATED } from './counters';
import type { CounterSet, RequestKind } from './counters';
import { ApiError, nextPhrase, noRoute, RATE_LIMIT_MESSAGE, tooManyRequests } from './errors';
import {
  cycledOffsets,
  DEFAULT_EXTRA_FIELD,
  DEFAULT_MISSING_FIELD,
  sendHostileBody,
  truncatedJson,
  withExtraField,
  withoutField,
} from './faults';
import type { FaultRegistry } from './faults';
import { CORS_HEADERS, isTruthy, JSON_CONTENT_TYPE, parseBody, readBody, sendBuffer, sendJson, serializeJson } from './http';
import type { OffsetCodec } from './pagination';
import type { ConcurrencyLimiter, SlidingWindowLimiter } from './rateLimit';
import type { RouteMatch, Router } from './router';
import type { Store } from './state';
import type { FaultRule } from './types';

export const API_BASE_PATH = '/api/1.0';

export interface ApiDeps {
  store: Store;
  router: Router;
  counters: CounterSet;
  faults: FaultRegistry;
  config: RuntimeConfig;
  offsets: OffsetCodec;
  window: SlidingWindowLimiter;
  concurrency: ConcurrencyLimiter;
  baseUrl: () => string;
}

interface Admitted {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  apiPath: string;
  match: RouteMatch;
  rawBody: Buffer;
  token: string;
}

export class ApiHandler {
  constructor(private readonly deps: ApiDeps) {}

  async handle(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const { counters, router, store, config } = this.deps;
    const apiPath = belowBase(url.pathname);
    const match = apiPath === undefined ? undefined : router.match(method, apiPath);
    counters.countRequest(match?.key);
    try {
      const rawBody = await readBody(req);
      if (!match || apiPath === undefined) throw noRoute();
      let principal: Principal;
      try {
        principal = authenticate(req, store);
      } catch (e) {
        counters.countUser(UNAUTHENTICATED, match.key);
        throw e;
      }
      const { token, user } = principal;
      counters.countUser(user.gid, match.key);
      const retryAfter = this.deps.window.check(token, config.settings.rateLimitPerMinute, performance.now());
      if (retryAfter !== null) {
        counters.rejected429++;
        throw tooManyRequests(retryAfter);
      }
      const kind: RequestKind = method === 'GET' ? 'reads' : 'writes';
      if (!this.deps.concurrency.tryAcquire(token, kind, config.settings.concurrency)) {
        counters.rejected429++;
        // Long enough for the requests in flight to finish, as the real concurrent limiter promises.
        throw tooManyRequests(Math.max(1, Math.ceil(config.maxLatencyMs() / 1000)));
      }
      this.admit({ req, res, url, method, apiPath, match, rawBody, token }, kind, user.gid);
    } catch (e) {
      sendError(res, e, url);
    }
  }

  private admit(a: Admitted, kind: RequestKind, userGid: string): void {
    const { counters, concurrency } = this.deps;
    counters.enter(kind);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      counters.leave(kind);
      concurrency.release(a.token, kind);
    };
    // 'close' fires when the response is done or the socket dies (client abort, drop, close()).
    a.res.once('close', release);
    this.process(a, userGid).catch((e: unknown) => {
      sendError(a.res, e, a.url);
    });
  }

  private async process(a: Admitted, userGid: string): Promise<void> {
    const { faults, config, store } = this.deps;
    const decision = faults.decide({
      userGid,
      method: a.method,
      routeKey: a.match.key,
      template: a.match.route.template,
      apiPath: a.apiPath,
      fullPath: a.url.pathname,
    });
    const delay = config.sampleLatencyMs() + decision.extraLatencyMs;
    if (delay > 0) await sleep(delay);
    const fault = decision.fault;
    if (fault?.kind === 'status') {
      sendStatusFault(a.res, fault);
      return;
    }
    const caller = store.user(userGid);
    let result: HandlerResult & { headers?: Record<string, string> };
    try {
      if (!caller) throw new ApiError(401, 'Not Authorized');
      const body = parseBody(a.rawBody, a.req.headers['content-type']);
      applyBodyOptions(a.url.searchParams, body);
      const ctx: RequestContext = {
        store,
        caller,
        method: a.method,
        routeKey: a.match.key,
        params: a.match.params,
        query: a.url.searchParams,
        body,
        apiPath: a.apiPath,
        baseUrl: this.deps.baseUrl(),
        offsets: this.deps.offsets,
        offsetTtlMs: config.settings.offsetTtlMs,
      };
      result = a.match.route.handler(ctx);
    } catch (e) {
      const err = toApiError(e);
      result = { status: err.status, body: err.toBody(), headers: err.headers };
    }
    deliver(a, result, fault, isTruthy(a.url.searchParams.get('opt_pretty')));
  }
}

function belowBase(pathname: string): string | undefined {
  if (pathname === API_BASE_PATH) return '/';
  return pathname.startsWith(`${API_BASE_PATH}/`) ? pathname.slice(API_BASE_PATH.length) : undefined;
}

/** Body-level options (`{"options": {"fields": [...], "pretty": true}}`) as the docs describe them. */
function applyBodyOptions(query: URLSearchParams, body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const options = (body as Record<string, unknown>).options;
  if (typeof options !== 'object' || options === null) return;
  const { fields, pretty } = options as Record<string, unknown>;
  if (!query.has('opt_fields') && (Array.isArray(fields) || typeof fields === 'string')) {
    query.set('opt_fields', Array.isArray(fields) ? fields.map(String).join(',') : fields);
  }
  if (pretty === true && !query.has('opt_pretty')) query.set('opt_pretty', 'true');
}

function deliver(a: Admitted, result: HandlerResult & { headers?: Record<string, string> }, fault: FaultRule | undefined, pretty: boolean): void {
  const { res, req } = a;
  let body = result.body;
  switch (fault?.kind) {
    case 'drop':
      req.socket.destroy();
      return;
    case 'hang':
      return;
    case 'reset-mid-body': {
      const payload = serializeJson(body, pretty);
      res.writeHead(result.status, { ...CORS_HEADERS, 'Content-Type': JSON_CONTENT_TYPE, 'Content-Length': String(payload.length) });
      res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => req.socket.destroy());
      return;
    }
    case 'malformed-json':
      sendBuffer(res, 200, Buffer.from(truncatedJson(serializeJson(body, pretty).toString('utf8')), 'utf8'));
      return;
    case 'missing-field':
      body = mapData(body, result.status, (d) => withoutField(d, fault.field ?? DEFAULT_MISSING_FIELD));
      break;
    case 'extra-field':
      body = mapData(body, result.status, (d) => withExtraField(d, fault.field ?? DEFAULT_EXTRA_FIELD));
      break;
    case 'empty-list':
      if (result.status < 300 && Array.isArray((body as { data?: unknown } | null)?.data)) body = { ...(body as object), data: [], next_page: null };
      break;
    case 'huge-body':
    case 'endless-body':
    case 'trickle':
      sendHostileBody(res, result.status, serializeJson(body, pretty), fault, CORS_HEADERS);
      return;
    case 'cycle-offsets':
      body = cycledOffsets(body, fault, a.url.searchParams.get('offset'));
      break;
    default:
      break;
  }
  sendJson(res, result.status, body, result.headers ?? {}, pretty);
}

/** Data faults corrupt successful payloads only; error envelopes pass unchanged. */
function mapData(body: unknown, status: number, fn: (data: unknown) => unknown): unknown {
  if (status >= 300 || typeof body !== 'object' || body === null || !('data' in body)) return body;
  return { ...body, data: fn((body as { data: unknown }).data) };
}

function sendStatusFault(res: ServerResponse, fault: FaultRule): void {
  const status = fault.status ?? 500;
  const headers: Record<string, string> = {};
  const retryAfter = fault.retryAfter === undefined ? (status === 429 ? '1' : null) : fault.retryAfter;
  if (retryAfter !== null) headers['Retry-After'] = retryAfter;
  const message = fault.message ?? (status === 429 ? RATE_LIMIT_MESSAGE : status === 500 ? 'Server Error' : (STATUS_CODES[status] ?? 'Error'));
  const phrase = fault.phrase ?? (status === 500 ? nextPhrase() : undefined);
  sendJson(res, status, new ApiError(status, message, headers, phrase).toBody(), headers);
}

function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  // A bug in the emulator: answer like Asana's 500 and keep the cause visible to whoever runs it.
  console.error('[asana-emulator] unexpected error:', e);
  return new ApiError(500, 'Server Error', {}, nextPhrase());
}

function sendError(res: ServerResponse, e: unknown, url: URL): void {
  const err = toApiError(e);
  sendJson(res, err.status, err.toBody(), err.headers, isTruthy(url.searchParams.get('opt_pretty')));
}
