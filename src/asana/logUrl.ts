/**
 * A request URL as a log line shows it. Below trace level, what identifies people is left out:
 * addresses in the path (`/users/ada@acme.test`) or the query (`user=`), and the typeahead text
 * (`query=`), of which only the length is kept. Ids, limits, offsets and fields stay: they are
 * what one needs to follow a listing.
 */
import { REDACTED_EMAIL, redactedQuery } from './personalData';

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A URL path (`/users/ada%40acme.test/workspace_memberships`) with addresses left out below trace. */
export function pathForLog(path: string, tracing: boolean): string {
  if (tracing) return path;
  return path
    .split('/')
    .map((segment) => (decoded(segment).includes('@') ? REDACTED_EMAIL : segment))
    .join('/');
}

export function urlForLog(url: URL, tracing: boolean): string {
  if (tracing) return `${url.pathname}${url.search}`;
  const path = pathForLog(url.pathname, false);
  const params: string[] = [];
  for (const [key, value] of url.searchParams) {
    if (key === 'query') params.push(`query=${redactedQuery(value)}`);
    else if (value.includes('@')) params.push(`${key}=${REDACTED_EMAIL}`);
    else params.push(`${key}=${value}`);
  }
  return params.length ? `${path}?${params.join('&')}` : path;
}
