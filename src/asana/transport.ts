/**
 * One keep-alive connection pool per client, over undici. Knows sockets and bytes only:
 * no retries, no JSON, no Asana.
 */
import { Agent, request } from './undiciParts';

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
  private readonly agent: InstanceType<typeof Agent>;

  constructor(opts: { connections: number; keepAliveTimeoutMs?: number }) {
    this.agent = new Agent({
      connections: opts.connections,
      keepAliveTimeout: opts.keepAliveTimeoutMs ?? 30_000,
      // Timeouts are enforced by the caller's abort signal, which also covers the body.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const res = await request(this.agent, {
      origin: req.url.origin,
      path: `${req.url.pathname}${req.url.search}`,
      method: req.method as 'GET',
      headers: req.headers,
      body: req.body ?? null,
      signal: req.signal,
    });
    const body = await res.body.text();
    return { status: res.statusCode, headers: res.headers, body };
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
