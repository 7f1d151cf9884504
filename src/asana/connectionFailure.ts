/**
 * What to tell a person whose request never got an answer: a proxy that refused or could not be
 * reached, a certificate this machine does not trust, or a plain network failure. Behind a
 * company proxy "unreachable" alone sends people looking in the wrong place.
 */
import { STATUS_CODES } from 'node:http';
import { l10n } from '../util/l10n';
import { redact } from './redact';
import { CERTIFICATE_CODES, errorCode, ProxyError } from './transport';

export interface ConnectionFailure {
  /** Completes "Could not reach Asana…": ` through the proxy http://proxy:3128: 407 Proxy Authentication Required`. */
  readonly what: string;
  /** What to do about it, a sentence. */
  readonly advice: string;
  /** Trying again as it is cannot help (a refused proxy, an untrusted certificate): not retried. */
  readonly lasting: boolean;
}

const CERTIFICATE_ADVICE = () =>
  l10n.t("If your network inspects TLS traffic, its root certificate must be trusted: add it to the system's certificates or to the file NODE_EXTRA_CA_CERTS names.");

/** `secrets` are taken out of any text that comes from the error (the token, proxy passwords). */
export function describeConnectionFailure(e: unknown, secrets: readonly string[]): ConnectionFailure {
  const via = e instanceof ProxyError ? l10n.t({ message: ' through the proxy {0}', args: [e.proxy], comment: 'Completes "Could not reach Asana…"; starts with a space.' }) : '';
  const code = errorCode(e);
  if (code !== undefined && CERTIFICATE_CODES.has(code)) {
    // Node 24 adds "; if the root CA is installed locally, try running Node.js with --use-system-ca": not for VS Code users.
    const reason = detail(e, secrets).split(';')[0]!;
    // Through an https proxy, the refused certificate may be the proxy's own: undici's error does not say which.
    const whose = e instanceof ProxyError && e.proxy.startsWith('https:') ? l10n.t("the proxy's or the server's certificate") : l10n.t("the server's certificate");
    return { what: `${via}: ${l10n.t('{0} is not trusted ({1})', whose, reason)}`, advice: CERTIFICATE_ADVICE(), lasting: true };
  }
  if (e instanceof ProxyError && e.status !== undefined) {
    const reason = `${e.status} ${STATUS_CODES[e.status] ?? 'Unknown Status'}`;
    if (e.status === 407) return { what: `${via}: ${reason}`, advice: l10n.t("Check the proxy's user name and password."), lasting: true };
    // A 5xx is the proxy failing to reach Asana, which may pass; a 4xx is its policy, which will not.
    return { what: `${via}: ${reason}`, advice: l10n.t('Check the proxy settings and try again.'), lasting: e.status < 500 };
  }
  if (e instanceof ProxyError) {
    return { what: `${via}: ${detail(e, secrets)}`, advice: l10n.t('Check the proxy settings and your connection, then try again.'), lasting: false };
  }
  return { what: ` (${detail(e, secrets)})`, advice: l10n.t('Check your connection and try again.'), lasting: false };
}

/** The innermost message that says something (undici's wrappers say "fetch failed"-like things), redacted. */
function detail(e: unknown, secrets: readonly string[]): string {
  const inner = e instanceof ProxyError ? e.cause : e;
  const text = inner instanceof Error ? inner.message : String(inner);
  return redact(text, secrets);
}
