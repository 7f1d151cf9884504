/**
 * One keep-alive connection pool per client, over undici. Knows sockets and bytes only:
 * no retries, no JSON, no Asana.
 */
import type { Agent, Dispatcher } from 'undici';
import { createAgent, request } from './undiciParts';

/**
 * Large enough for any page Asana sends this client (100 records with our opt_fields are well
 * under 1 MB), small enough that a hostile or broken server cannot fill the extension host's memory.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** The body went past the limit: the transport stopped reading it and closed the connection. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limitBytes: number,
    /** The status line had arrived: a 2xx to a write means the write landed. */
    readonly status: number,
  ) {
    super(`the response is larger than ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export interface HttpRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly signal: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** Socket-level failures that prove the request never reached the server, so even a write may be sent again. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export function errorCode(e: unknown): string | undefined {
  let current: unknown = e;
  // undici wraps the socket error; walk the cause chain for the first code.
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

export function provablyNotSent(e: unknown): boolean {
  const code = errorCode(e);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

export class Transport {
  /** Made at the first request: a client that never sends (signed in, view closed) never loads undici. */
  private agent: Agent | undefined;

  private closed = false;

  private readonly maxResponseBytes: number;

  constructor(private readonly opts: { connections: number; keepAliveTimeoutMs?: number; maxResponseBytes?: number }) {
    this.maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  private pool(): Agent {
    // As a closed undici Agent would: a closed transport does not open a new pool.
    if (this.closed) throw new Error('the transport is closed');
    this.agent ??= createAgent({
      connections: this.opts.connections,
      keepAliveTimeout: this.opts.keepAliveTimeoutMs ?? 30_000,
      // Timeouts are enforced by the caller's abort signal, which also covers the body.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    return this.agent;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const res = await request(this.pool(), {
      origin: req.url.origin,
      path: `${req.url.pathname}${req.url.search}`,
      method: req.method as 'GET',
      headers: req.headers,
      body: req.body ?? null,
      signal: req.signal,
    });
    const body = await this.readBody(res);
    return { status: res.statusCode, headers: res.headers, body };
  }

  /**
   * Reads the body while counting bytes, and stops at the limit instead of buffering whatever
   * arrives. An endless or trickling body is ended by the caller's signal, which undici applies to
   * the body too.
   */
  private async readBody(res: Dispatcher.ResponseData): Promise<string> {
    const limit = this.maxResponseBytes;
    const tooLarge = (): BodyTooLargeError => {
      // Destroying an unfinished body makes undici emit an "aborted" error: expected here, not a crash.
      res.body.on('error', () => {});
      res.body.destroy();
      return new BodyTooLargeError(limit, res.statusCode);
    };
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > limit) throw tooLarge();
      chunks.push(buf);
    }
    // TextDecoder, as undici's own text() does: invalid UTF-8 becomes U+FFFD and a BOM is dropped.
    return new TextDecoder().decode(Buffer.concat(chunks, size));
  }

  close(): Promise<void> {
    this.closed = true;
    return this.agent?.close() ?? Promise.resolve();
  }
}
