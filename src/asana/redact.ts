/**
 * Removes secrets from text that may reach a log, a notification or an error message.
 * Applied at every boundary where text leaves the client, as a second line of defence:
 * the client never puts the token into messages in the first place.
 */
const BEARER = /(bearer\s+)[^\s"',;]+/gi;
const AUTH_HEADER = /("?authorization"?\s*[:=]\s*"?)[^"\r\n,}]+/gi;
/** `http://user:password@proxy:3128`: a proxy URL quoted in an error keeps its host, not its password. */
const URL_CREDENTIALS = /(\b[a-z][a-z\d+.-]*:\/\/)[^/@\s:]+:[^/@\s]+@/gi;

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  // Known secrets first: the patterns below stop at a comma or a quote, and running them first
  // would cut such a token in two, leaving its tail behind where the whole could no longer be found.
  for (const secret of secrets) {
    // Short strings would redact ordinary words; real tokens are long.
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  return out.replace(BEARER, '$1[redacted]').replace(AUTH_HEADER, '$1[redacted]').replace(URL_CREDENTIALS, '$1[redacted]@');
}

/** Header names whose values are never written anywhere. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set(['authorization', 'cookie', 'set-cookie']);

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
