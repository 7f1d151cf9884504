/**
 * Keep-alive connection pools per client, over undici: one straight to the server and one per
 * proxy that network.ts routes through. Knows sockets and bytes only: no retries, no JSON, no Asana.
 */
import * as tls from 'node:tls';
import type { Dispatcher } from 'undici';
import { trustedCertificates } from './certificates';
import { routeFor, type NetworkSettings, type ProxyRoute, type Route } from './network';
import { createAgent, createProxyAgent, request } from './undiciParts';

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
  /** The proxy it went through (without credentials); absent when it went straight. */
  readonly via?: string;
}

/** Set on a ProxyError whose proxy answered the tunnel request with a status other than 200. */
export const PROXY_REFUSED = 'ASANA_PROXY_REFUSED';

/**
 * A request through a proxy failed: at the proxy (refused, unreachable) or beyond it. Carries the
 * proxy's address without credentials, so that messages can say which proxy.
 */
export class ProxyError extends Error {
  /** PROXY_REFUSED when the proxy answered the CONNECT with `status`; else the code is the cause's. */
  readonly code: string | undefined;

  constructor(
    readonly proxy: string,
    /** What the proxy answered to CONNECT (407: it wants credentials); absent when it did not answer. */
    readonly status: number | undefined,
    cause: unknown,
  ) {
    super(`request through the proxy ${proxy} failed`, { cause });
    this.name = 'ProxyError';
    this.code = status === undefined ? undefined : PROXY_REFUSED;
  }
}

/** undici says "Proxy response (407) !== 200 when HTTP Tunneling": the status is only in the text. */
function tunnelStatus(e: unknown): number | undefined {
  const match = e instanceof Error ? /^Proxy response \((\d{3})\)/.exec(e.message) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * Connection failures that prove the request never reached the server, so even a write may be
 * sent again: no socket, a proxy that refused the tunnel, a TLS handshake that failed on the
 * certificate (the request is sent only after it).
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  PROXY_REFUSED,
]);

/** TLS failures that say the server's certificate is not trusted here (not a broken connection). */
export const CERTIFICATE_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
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
  return code !== undefined && (NOT_SENT_CODES.has(code) || CERTIFICATE_CODES.has(code));
}

export interface TransportOptions {
  readonly connections: number;
  readonly keepAliveTimeoutMs?: number;
  readonly maxResponseBytes?: number;
  /** Proxy and certificates; absent: straight to the server, Node's certificates. */
  readonly network?: NetworkSettings;
}

export class Transport {
  /**
   * Made at the first request that needs them, keyed by proxy ('' for straight): a client that
   * never sends (signed in, view closed) never loads undici.
   */
  private readonly dispatchers = new Map<string, Dispatcher>();

  private closed = false;

  private readonly maxResponseBytes: number;

  private network: NetworkSettings;

  /**
   * The certificates to trust, made once per network settings: a context of a few hundred roots
   * is parsed once, not at every connection. undefined: Node's own; null: not worked out yet.
   */
  private trust: tls.SecureContext | undefined | null = null;

  constructor(private readonly opts: TransportOptions) {
    this.maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.network = opts.network ?? {};
  }

  /**
   * New proxy or certificate settings: the next request uses them. The old pools are closed, which
   * lets the requests already in flight on them finish.
   */
  useNetwork(network: NetworkSettings): Promise<void> {
    this.network = network;
    this.trust = null;
    const old = [...this.dispatchers.values()];
    this.dispatchers.clear();
    return Promise.all(old.map((d) => d.close())).then(() => undefined);
  }

  private dispatcher(route: Route): Dispatcher {
    // As a closed undici Agent would: a closed transport does not open a new pool.
    if (this.closed) throw new Error('the transport is closed');
    const key = route.proxy?.url ?? '';
    let dispatcher = this.dispatchers.get(key);
    if (!dispatcher) {
      dispatcher = this.createDispatcher(route);
      this.dispatchers.set(key, dispatcher);
    }
    return dispatcher;
  }

  private createDispatcher(route: Route): Dispatcher {
    // No context (undefined): Node's default one.
    const tlsOptions = { rejectUnauthorized: route.rejectUnauthorized, secureContext: this.secureContext() };
    const pool = {
      connections: this.opts.connections,
      keepAliveTimeout: this.opts.keepAliveTimeoutMs ?? 30_000,
      // Timeouts are enforced by the caller's abort signal, which also covers the body.
      headersTimeout: 0,
      bodyTimeout: 0,
    };
    if (!route.proxy) return createAgent({ ...pool, connect: tlsOptions });
    return createProxyAgent({
      ...pool,
      // The URL without credentials, which go in the header only: undici's messages quote the URL.
      uri: route.proxy.url,
      token: route.proxy.authorization,
      // Through the tunnel to the server, and to the proxy itself when it speaks https.
      requestTls: tlsOptions,
      proxyTls: tlsOptions,
    });
  }

  private secureContext(): tls.SecureContext | undefined {
    if (this.trust === null) {
      const given = this.network.extraCaCerts ?? [];
      const ca = trustedCertificates(typeof given === 'function' ? given() : given);
      this.trust = ca ? tls.createSecureContext({ ca }) : undefined;
    }
    return this.trust;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const route = routeFor(req.url, this.network);
    const dispatcher = this.dispatcher(route);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(dispatcher, {
        origin: req.url.origin,
        path: `${req.url.pathname}${req.url.search}`,
        method: req.method as 'GET',
        headers: req.headers,
        body: req.body ?? null,
        signal: req.signal,
      });
    } catch (e) {
      throw route.proxy ? proxyError(route.proxy, e) : e;
    }
    const body = await this.readBody(res);
    const via = route.proxy?.url;
    return via ? { status: res.statusCode, headers: res.headers, body, via } : { status: res.statusCode, headers: res.headers, body };
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
    const open = [...this.dispatchers.values()];
    // A second close (a client disposed twice) finds nothing left: undici rejects closing an Agent twice.
    this.dispatchers.clear();
    return Promise.all(open.map((d) => d.close())).then(() => undefined);
  }
}

function proxyError(proxy: ProxyRoute, e: unknown): ProxyError {
  return new ProxyError(proxy.url, tunnelStatus(e), e);
}
