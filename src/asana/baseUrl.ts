import { InvalidInputError } from './errors';
import { l10n } from '../util/l10n';

export const DEFAULT_BASE_URL = 'https://app.asana.com/api/1.0';

/** 127.0.0.1 is not listed: the pattern below takes all of 127.0.0.0/8. */
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Parses the API base URL. The token travels in every request, so plain http is refused
 * except to this machine (the emulator), and credentials or queries in the URL are refused.
 */
export function parseBaseUrl(raw: string | undefined): URL {
  const text = (raw ?? '').trim() || DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidInputError(l10n.t('The Asana API URL "{0}" is not a valid URL.', text), 'baseUrl');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new InvalidInputError(
      l10n.t('The Asana API URL must use https (plain http is allowed only for localhost); got "{0}".', `${url.protocol}//${url.host}`),
      'baseUrl',
    );
  }
  if (url.username || url.password) {
    throw new InvalidInputError(l10n.t('The Asana API URL must not contain a user name or password.'), 'baseUrl');
  }
  if (url.search || url.hash) {
    throw new InvalidInputError(l10n.t('The Asana API URL must not contain a query or a fragment.'), 'baseUrl');
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}
