/**
 * How the client reaches a server on a company network: straight or through which proxy, with
 * which proxy credentials, and how strictly certificates are checked. Pure: the settings arrive as
 * data (the VS Code side reads `http.*` and the environment), the answer is a route that
 * transport.ts turns into an undici dispatcher. The rules follow VS Code's: `http.proxy` wins over
 * HTTPS_PROXY/HTTP_PROXY, `http.noProxy` over NO_PROXY.
 */
import { l10n } from '../util/l10n';
import { InvalidInputError } from './errors';

export interface NetworkSettings {
  /** `http.proxy`. Empty or absent: the environment's proxy, if any. */
  readonly proxy?: string;
  /** `http.proxyAuthorization`: sent as the Proxy-Authorization header, e.g. `Basic dXNlcjpwYXNz`. */
  readonly proxyAuthorization?: string;
  /** `http.proxyStrictSSL`. false accepts certificates that do not verify, as VS Code then does. Default true. */
  readonly strictSSL?: boolean;
  /** `http.noProxy`: hosts reached directly. Non-empty, it replaces NO_PROXY. */
  readonly noProxy?: readonly string[];
  /** `http.proxySupport`: 'off' reaches every server directly, whatever the settings and environment say. */
  readonly proxySupport?: string;
  /** The process environment: HTTPS_PROXY, HTTP_PROXY and NO_PROXY, the lower-case spelling first as curl does. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * PEM certificates trusted besides Node's own roots (NODE_EXTRA_CA_CERTS, the system store): see
   * certificates.ts. A function is called at the first connection, not before: reading the
   * system's store can take a fifth of a second, which no activation should wait for.
   */
  readonly extraCaCerts?: readonly string[] | (() => readonly string[]);
}

export interface ProxyRoute {
  /** The proxy without credentials (`http://proxy.corp:3128`): what logs and messages show. */
  readonly url: string;
  /** The Proxy-Authorization header's value; absent when the proxy asks for none. */
  readonly authorization?: string;
  /** Where the proxy came from, for the log. */
  readonly source: 'http.proxy' | 'HTTPS_PROXY' | 'HTTP_PROXY';
}

export interface Route {
  /** Absent: straight to the server. */
  readonly proxy?: ProxyRoute;
  readonly rejectUnauthorized: boolean;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/** The route to `target` under `settings`. Throws InvalidInputError for a proxy URL that cannot be used. */
export function routeFor(target: URL, settings: NetworkSettings): Route {
  const rejectUnauthorized = settings.strictSSL !== false;
  const chosen = settings.proxySupport === 'off' ? undefined : chooseProxy(target, settings);
  if (!chosen || bypassesProxy(target, noProxyEntries(settings))) return { rejectUnauthorized };
  return { proxy: parseProxy(chosen.text, chosen.source, settings.proxyAuthorization), rejectUnauthorized };
}

function chooseProxy(target: URL, settings: NetworkSettings): { text: string; source: ProxyRoute['source'] } | undefined {
  const setting = settings.proxy?.trim();
  if (setting) return { text: setting, source: 'http.proxy' };
  const env = settings.env ?? {};
  if (target.protocol === 'https:') {
    const https = envValue(env, 'https_proxy');
    if (https) return { text: https, source: 'HTTPS_PROXY' };
  }
  const http = envValue(env, 'http_proxy');
  return http ? { text: http, source: 'HTTP_PROXY' } : undefined;
}

function envValue(env: Readonly<Record<string, string | undefined>>, lowerName: string): string | undefined {
  return (env[lowerName] ?? env[lowerName.toUpperCase()])?.trim() || undefined;
}

/** The bypass list: `http.noProxy` when set, else NO_PROXY (commas or spaces between entries). */
export function noProxyEntries(settings: NetworkSettings): string[] {
  const fromSetting = (settings.noProxy ?? []).map((entry) => entry.trim()).filter(Boolean);
  if (fromSetting.length > 0) return fromSetting;
  return (envValue(settings.env ?? {}, 'no_proxy') ?? '').split(/[\s,]+/).filter(Boolean);
}

/**
 * True when `target` is reached directly. An entry is `*` (everything), a host (itself and its
 * subdomains: `corp.example` covers `git.corp.example`), a suffix (`.corp`, `*.corp`), an IP
 * address (`127.0.0.1`, `::1` or `[::1]`), each optionally with `:port`. Loopback is not bypassed
 * unless listed, as in curl: a proxy may be the only way to a local test server too.
 */
export function bypassesProxy(target: URL, entries: readonly string[]): boolean {
  // URL has lower-cased the host already.
  const host = bare(target.hostname);
  const port = target.port || DEFAULT_PORTS[target.protocol];
  return entries.some((raw) => {
    const entry = parseNoProxyEntry(raw.toLowerCase());
    if (entry.host === '*') return true;
    if (entry.port !== undefined && entry.port !== port) return false;
    return host === entry.host || host.endsWith(`.${entry.host}`);
  });
}

function parseNoProxyEntry(entry: string): { host: string; port?: string } {
  // `[::1]:8080`, `[::1]`, `host:8080`; a bare IPv6 address (`::1`) has colons but no port.
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return withPort(bracketed[1]!, bracketed[2]);
  const hostPort = /^([^:]+):(\d+)$/.exec(entry);
  if (hostPort) return withPort(hostPort[1]!.replace(/^\*?\./, ''), hostPort[2]);
  return { host: entry.replace(/^\*?\./, '') };
}

function withPort(host: string, port: string | undefined): { host: string; port?: string } {
  return port === undefined ? { host } : { host, port };
}

/** `[::1]` → `::1`: URL keeps the brackets of an IPv6 hostname, lists are written both ways. */
function bare(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}

/** One line for the log: how requests to `target` go under `settings`, without credentials. */
export function describeRoute(target: URL, settings: NetworkSettings): string {
  let route: Route;
  try {
    route = routeFor(target, settings);
  } catch (e) {
    return `Requests to ${target.host} cannot go out: ${(e as Error).message}`;
  }
  const proxy = route.proxy;
  const way = proxy ? `through the proxy ${proxy.url} (from ${proxy.source}${proxy.authorization ? ', with credentials' : ''})` : 'straight, without a proxy';
  const strict = route.rejectUnauthorized ? '' : ', accepting certificates that do not verify (http.proxyStrictSSL is off)';
  return `Requests to ${target.host} go ${way}${strict}.`;
}

/**
 * The proxy to use, its credentials taken out of the URL: `http://user:pa%40ss@proxy:3128` becomes
 * `http://proxy:3128` with a Basic Proxy-Authorization. `http.proxyAuthorization`, when set, wins
 * over credentials in the URL, as in VS Code. A URL without a scheme (`proxy:3128`, common in
 * HTTPS_PROXY) is taken as http.
 */
export function parseProxy(text: string, source: ProxyRoute['source'], authorizationSetting?: string): ProxyRoute {
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new InvalidInputError(l10n.t('The proxy "{0}" (from {1}) is not a valid URL.', withoutCredentials(text), source), 'proxy');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError(
      l10n.t('The proxy "{0}" (from {1}) is not usable: it must be an http:// or https:// URL.', withoutCredentials(text), source),
      'proxy',
    );
  }
  const authorization = authorizationSetting?.trim() || basicAuthorization(url);
  const route: ProxyRoute = { url: url.origin, source };
  return authorization ? { ...route, authorization } : route;
}

function basicAuthorization(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** A URL as it may be shown: `scheme://user:password@` loses the `user:password@`. */
export function withoutCredentials(text: string): string {
  return text.replace(/^([a-z][a-z\d+.-]*:\/\/)?[^/@\s]*@/i, '$1');
}

/** The secrets a proxy setting carries, for the log's redaction: the password and the header value. */
export function proxySecrets(settings: NetworkSettings): string[] {
  const secrets: string[] = [];
  const authorization = settings.proxyAuthorization?.trim();
  if (authorization) secrets.push(authorization, authorization.replace(/^\S+\s+/, ''));
  for (const text of [settings.proxy, envValue(settings.env ?? {}, 'https_proxy'), envValue(settings.env ?? {}, 'http_proxy')]) {
    const userinfo = /^(?:[a-z][a-z\d+.-]*:\/\/)?([^/@\s]*)@/i.exec(text ?? '')?.[1];
    const password = userinfo?.split(':').slice(1).join(':');
    if (password) secrets.push(password, safeDecode(password));
  }
  return [...new Set(secrets)];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
