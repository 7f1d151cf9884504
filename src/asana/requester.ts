/**
 * Sends one API call the way Asana wants to be called: within the per-token caps on requests in
 * flight, waiting out 429s as told by Retry-After, retrying reads (never writes that may have
 * landed) on server and network failures, with a timeout and the caller's cancellation.
 */
import type * as z from 'zod/mini';
import { describeConnectionFailure } from './connectionFailure';
import type { AsanaError } from './errors';
import {
  CancelledError,
  InvalidInputError,
  InvalidResponseError,
  NetworkError,
  ResponseTooLargeError,
  TimeoutError,
  type RequestInfo,
} from './errors';
import { isTracing, type Logger } from './logger';
import { pathForLog, urlForLog } from './logUrl';
import type { NetworkSettings } from './network';
import { errorFromStatus, formatWait, parseEnvelope, type Envelope } from './responses';
import { Semaphore } from './semaphore';
import { anySignal, backoffMs, Deadline, parseRetryAfter, sleep } from './timing';
import { BodyTooLargeError, provablyNotSent, Transport, type HttpResponse } from './transport';
import { l10n } from '../util/l10n';

export type Method = 'GET' | 'POST' | 'PUT';
export type Query = Record<string, string | number | undefined>;

/** A write whose answer was lost may have landed: say so, so nobody repeats it blindly. */
// Functions: the display language is known only once the extension runs.
const WRITE_MAY_HAVE_LANDED = () => l10n.t('Asana may have made the change before the connection was lost: refresh to check before trying again.');
const WRITE_ANSWER_UNREADABLE = () => l10n.t('Asana accepted the change, but its answer could not be read: refresh to see the result.');
const CHECK_CONNECTION = () => l10n.t('Check your connection and try again.');

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface Call<T> extends CallOptions {
  readonly method: Method;
  readonly path: string;
  readonly query?: Query;
  readonly body?: unknown;
  readonly schema: z.ZodMiniType<T>;
}

export interface RateLimitWait {
  readonly request: RequestInfo;
  readonly waitMs: number;
  /** 1 for the first wait of this call. */
  readonly attempt: number;
}

export interface RequesterOptions {
  readonly baseUrl: URL;
  readonly token: string;
  readonly logger: Logger;
  /** One attempt: headers and body. */
  readonly timeoutMs: number;
  /** One call: every attempt, backoff and 429 wait together. */
  readonly callDeadlineMs: number;
  readonly maxResponseBytes: number;
  readonly maxReadRetries: number;
  readonly maxRateLimitWaits: number;
  readonly maxRetryAfterMs: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly maxReadsInFlight: number;
  readonly maxWritesInFlight: number;
  readonly userAgent: string;
  readonly random: () => number;
  readonly network?: NetworkSettings;
}

export class Requester {
  private readonly transport: Transport;
  private readonly reads: Semaphore;
  private readonly writes: Semaphore;
  private readonly waitListeners = new Set<(wait: RateLimitWait) => void>();

  constructor(private readonly opts: RequesterOptions) {
    this.reads = new Semaphore(opts.maxReadsInFlight);
    this.writes = new Semaphore(opts.maxWritesInFlight);
    this.transport = new Transport({
      connections: opts.maxReadsInFlight + opts.maxWritesInFlight,
      maxResponseBytes: opts.maxResponseBytes,
      ...(opts.network ? { network: opts.network } : {}),
    });
  }

  /** New proxy or certificate settings, used from the next request on. */
  useNetwork(network: NetworkSettings): Promise<void> {
    return this.transport.useNetwork(network);
  }

  /** Told each time a call waits out a 429, so the UI can say "Asana asked us to wait 12 s". */
  onRateLimitWait(listener: (wait: RateLimitWait) => void): () => void {
    this.waitListeners.add(listener);
    return () => this.waitListeners.delete(listener);
  }

  async send<T>(call: Call<T>): Promise<Envelope<T>> {
    const info: RequestInfo = { method: call.method, path: call.path };
    const isRead = call.method === 'GET';
    const url = this.url(call.path, call.query);
    const body = call.body === undefined ? undefined : JSON.stringify({ data: call.body });
    // Retries and waits spend the call's one budget: a read never outlives it, however it fails.
    const deadline = new Deadline(this.opts.callDeadlineMs);
    let serverRetries = 0;
    let rateLimitWaits = 0;
    for (;;) {
      if (call.signal?.aborted) throw new CancelledError(info);
      if (deadline.remainingMs() <= 0) throw this.outOfTime(info, isRead);
      let res: HttpResponse;
      try {
        res = await this.attempt(url, call.method, body, isRead, info, call.signal, deadline);
      } catch (e) {
        // Only a failed connection may be repeated as such; a timed-out read has its own rule here.
        if (!(e instanceof NetworkError)) {
          if (e instanceof TimeoutError && isRead && serverRetries < this.opts.maxReadRetries) {
            await this.backoff(serverRetries++, info, e, call.signal, deadline);
            continue;
          }
          throw e;
        }
        // A write is repeated only when the socket never connected: then it cannot have landed.
        const mayRetry = e.transient && (isRead || provablyNotSent(e.cause)) && serverRetries < this.opts.maxReadRetries;
        if (!mayRetry) throw e;
        await this.backoff(serverRetries++, info, e, call.signal, deadline);
        continue;
      }

      if (res.status >= 200 && res.status < 300) {
        try {
          return parseEnvelope(res.body, call.schema, info, res.status);
        } catch (e) {
          // A 2xx to a write means Asana made the change: saying only "unexpected response" would invite a repeat.
          if (isRead || !(e instanceof InvalidResponseError)) throw e;
          throw new InvalidResponseError(`${e.message} ${WRITE_ANSWER_UNREADABLE()}`, e.field, { status: res.status, request: info, cause: e.cause });
        }
      }
      if (res.status === 429) {
        // Asana rejected the request without acting on it, so even a write is safe to send again.
        const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
        const waitMs = retryAfterMs ?? backoffMs(rateLimitWaits, 1000, 30_000, this.opts.random);
        if (rateLimitWaits >= this.opts.maxRateLimitWaits || waitMs > this.opts.maxRetryAfterMs || !deadline.allows(waitMs)) {
          throw errorFromStatus(429, res.body, info, retryAfterMs, [this.opts.token]);
        }
        rateLimitWaits++;
        this.opts.logger.warn(`${info.method} ${this.pathForLog(info)}: rate limited, waiting ${formatWait(waitMs)} (wait ${rateLimitWaits}).`);
        for (const listener of this.waitListeners) listener({ request: info, waitMs, attempt: rateLimitWaits });
        await this.wait(waitMs, info, call.signal);
        continue;
      }
      const error = errorFromStatus(res.status, res.body, info, undefined, [this.opts.token]);
      if (res.status >= 500 && isRead && serverRetries < this.opts.maxReadRetries) {
        await this.backoff(serverRetries++, info, error, call.signal, deadline);
        continue;
      }
      throw error;
    }
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private url(path: string, query: Query | undefined): URL {
    const url = new URL(this.opts.baseUrl.href);
    url.pathname = `${url.pathname}${path}`;
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  /** One HTTP exchange inside a concurrency slot, with the timeout covering headers and body. */
  private async attempt(
    url: URL,
    method: Method,
    body: string | undefined,
    isRead: boolean,
    info: RequestInfo,
    signal: AbortSignal | undefined,
    deadline: Deadline,
  ): Promise<HttpResponse> {
    let release: () => void;
    try {
      // Waiting for a slot spends the call's budget too (the deadline's timer only when there is a wait).
      const slots = isRead ? this.reads : this.writes;
      release = await slots.acquire(slots.inUse < slots.capacity ? signal : anySignal([signal, deadline.signal]));
    } catch {
      if (signal?.aborted) throw new CancelledError(info);
      throw this.outOfTime(info, isRead);
    }
    const timeoutMs = Math.min(this.opts.timeoutMs, deadline.remainingMs());
    const timeout = AbortSignal.timeout(timeoutMs);
    const started = Date.now();
    const shown = urlForLog(url, isTracing(this.opts.logger));
    try {
      const res = await this.transport.send({
        url,
        method,
        headers: this.headers(body !== undefined),
        ...(body === undefined ? {} : { body }),
        signal: anySignal([signal, timeout]),
      });
      this.opts.logger.debug(`${method} ${shown} → ${res.status} in ${Date.now() - started} ms${res.via ? ` via ${res.via}` : ''}`);
      return res;
    } catch (e) {
      if (signal?.aborted) throw new CancelledError(info);
      if (e instanceof BodyTooLargeError) {
        this.opts.logger.debug(`${method} ${shown} → ${e.status}, body over ${e.limitBytes} bytes: stopped reading`);
        const landed = !isRead && e.status >= 200 && e.status < 300 ? ` ${WRITE_ANSWER_UNREADABLE()}` : '';
        throw new ResponseTooLargeError(
          l10n.t('Asana sent a response larger than {0} (HTTP {1}), more than any answer it sends to this client, so it was not read.', formatBytes(e.limitBytes), e.status) + landed,
          e.limitBytes,
          { status: e.status, request: info },
        );
      }
      if (timeout.aborted) {
        throw new TimeoutError(
          `${l10n.t('Asana did not answer within {0} ({1}).', formatWait(timeoutMs), `${method} ${info.path}`)} ${isRead ? CHECK_CONNECTION() : WRITE_MAY_HAVE_LANDED()}`,
          { request: info },
        );
      }
      // A proxy setting that is not a usable URL: a settings problem, not a network one.
      if (e instanceof InvalidInputError) throw e;
      // Proxy credentials never reach undici's messages: the proxy's URL is handed over without them.
      const failure = describeConnectionFailure(e, [this.opts.token]);
      this.opts.logger.debug(`${method} ${shown} failed after ${Date.now() - started} ms: could not reach Asana${failure.what}`);
      const advice = isRead || provablyNotSent(e) ? failure.advice : WRITE_MAY_HAVE_LANDED();
      throw new NetworkError(l10n.t('Could not reach Asana{0}. {1}', failure.what, advice), {
        request: info,
        cause: e,
        lasting: failure.lasting,
      });
    } finally {
      release();
    }
  }

  private headers(hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.opts.token}`,
      accept: 'application/json',
      'user-agent': this.opts.userAgent,
    };
    if (hasBody) headers['content-type'] = 'application/json; charset=utf-8';
    return headers;
  }

  /** Waits before a retry, or gives up with `cause` when the wait would end past the call's deadline. */
  private async backoff(attempt: number, info: RequestInfo, cause: AsanaError, signal: AbortSignal | undefined, deadline: Deadline): Promise<void> {
    const ms = backoffMs(attempt, this.opts.retryBaseMs, this.opts.retryMaxMs, this.opts.random);
    if (!deadline.allows(ms)) throw cause;
    this.opts.logger.warn(`${info.method} ${this.pathForLog(info)}: ${cause.kind} error, retrying in ${ms} ms (retry ${attempt + 1}).`);
    await this.wait(ms, info, signal);
  }

  private pathForLog(info: RequestInfo): string {
    return pathForLog(info.path, isTracing(this.opts.logger));
  }

  private outOfTime(info: RequestInfo, isRead: boolean): TimeoutError {
    return new TimeoutError(
      `${l10n.t('Asana did not answer within {0}, retries included ({1}).', formatWait(this.opts.callDeadlineMs), `${info.method} ${info.path}`)} ${isRead ? CHECK_CONNECTION() : WRITE_MAY_HAVE_LANDED()}`,
      { request: info },
    );
  }

  private async wait(ms: number, info: RequestInfo, signal: AbortSignal | undefined): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch {
      throw new CancelledError(info);
    }
  }
}


function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
