/**
 * Turns an HTTP answer into data or a typed error: the error envelope into human messages,
 * and a body that does not match its schema into an InvalidResponseError naming the field.
 */
import type * as z from 'zod/mini';
import {
  BadRequestError,
  ForbiddenError,
  InvalidResponseError,
  NotFoundError,
  PaymentRequiredError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  type AsanaError,
  type RequestInfo,
} from './errors';
import { redact } from './redact';
import { ErrorEnvelopeSchema, NextPageSchema } from './schemas';
import { l10n } from '../util/l10n';

export interface Envelope<T> {
  readonly data: T;
  readonly nextOffset: string | undefined;
}

const MAX_SERVER_TEXT = 300;
const MAX_PHRASE = 100;

/** Cuts text to `max` characters without splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Server text as it may be shown and logged: no control characters (a line break in a message
 * would forge log lines), no secrets (a proxy may echo the Authorization header), no broken UTF-16.
 */
function plain(text: string, secrets: readonly string[]): string {
  return redact(text.replace(/[\p{Cc}\p{Cs}]+/gu, ' '), secrets).trim();
}

/** The server's own words, trimmed to something a notification can show. */
function serverText(body: string, secrets: readonly string[]): { message: string | undefined; phrase: string | undefined } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { message: undefined, phrase: undefined };
  }
  const parsed = ErrorEnvelopeSchema.safeParse(json);
  if (!parsed.success) return { message: undefined, phrase: undefined };
  const messages = parsed.data.errors.map((e) => plain(e.message ?? '', secrets)).filter((m) => !!m);
  const rawPhrase = parsed.data.errors.find((e) => e.phrase)?.phrase;
  const phrase = rawPhrase === undefined ? undefined : clip(plain(rawPhrase, secrets), MAX_PHRASE) || undefined;
  const message = clip(messages.join('; '), MAX_SERVER_TEXT);
  return { message: message || undefined, phrase };
}

function sentence(text: string | undefined): string {
  if (!text) return '';
  return /[.!?]$/.test(text) ? ` ${text}` : ` ${text}.`;
}

export function errorFromStatus(
  status: number,
  body: string,
  request: RequestInfo,
  retryAfterMs?: number,
  /** Values never to repeat (the token), should the server echo them. */
  secrets: readonly string[] = [],
): AsanaError {
  const { message, phrase } = serverText(body, secrets);
  const opts = { status, request };
  switch (status) {
    case 400:
      return new BadRequestError(l10n.t('Asana rejected the request.') + sentence(message), opts);
    case 401:
      return new UnauthorizedError(
        l10n.t('Asana did not accept the access token: it may be mistyped, expired or revoked. Sign in again with a valid personal access token.'),
        opts,
      );
    case 402:
      return new PaymentRequiredError(l10n.t('This needs a paid Asana plan.') + sentence(message), opts);
    case 403:
      return new ForbiddenError(l10n.t('You do not have permission to do this in Asana.') + sentence(message), opts);
    case 404:
      return new NotFoundError(l10n.t('Asana could not find it: it may have been deleted, or you no longer have access.') + sentence(message), opts);
    case 429: {
      return new RateLimitedError(
        retryAfterMs === undefined
          ? l10n.t('Asana is rate limiting requests from this token. Try again later.')
          : l10n.t('Asana is rate limiting requests from this token. Asana asked to wait {0}. Try again later.', formatWait(retryAfterMs)),
        retryAfterMs,
        opts,
      );
    }
    default:
      if (status >= 500) {
        const text = phrase
          ? l10n.t('Asana had a problem on its side (HTTP {0}) (Asana\'s error phrase: "{1}"). Try again in a moment.', status, phrase)
          : l10n.t('Asana had a problem on its side (HTTP {0}). Try again in a moment.', status);
        return new ServerError(text, phrase, opts);
      }
      return new BadRequestError(l10n.t('Asana answered HTTP {0}.', status) + sentence(message), opts);
  }
}

const YEAR_MS = 365 * 24 * 3_600_000;

export function formatWait(ms: number): string {
  // A Retry-After of 10^30 s would otherwise read "2.0576131502057616e+32 min".
  if (!(ms <= YEAR_MS)) return l10n.t('more than a year');
  const s = Math.ceil(ms / 1000);
  if (s < 120) return l10n.t('{0} s', s);
  return l10n.t('{0} min', Math.ceil(s / 60));
}

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function parseEnvelope<T>(
  body: string,
  schema: z.ZodMiniType<T>,
  request: RequestInfo,
  status: number,
): Envelope<T> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    throw new InvalidResponseError(l10n.t('Asana sent a response that is not valid JSON (it may have been cut off).'), '', {
      status,
      request,
      cause,
    });
  }
  if (typeof json !== 'object' || json === null || !('data' in json)) {
    throw new InvalidResponseError(l10n.t('Asana sent a response without its "data" field.'), 'data', { status, request });
  }
  const envelope = json as { data: unknown; next_page?: unknown };
  const data = schema.safeParse(envelope.data);
  if (!data.success) {
    const issue = data.error.issues[0];
    const field = fieldPath(['data', ...(issue?.path ?? [])]);
    throw new InvalidResponseError(
      l10n.t({ message: 'Asana sent a response in an unexpected shape: field "{0}" {1}.', args: [field, describeIssue(issue, envelope.data)], comment: '{1} says what is wrong: "is missing", "should be string"' }),
      field,
      { status, request },
    );
  }
  let nextOffset: string | undefined;
  if (envelope.next_page !== undefined) {
    const next = NextPageSchema.safeParse(envelope.next_page);
    if (!next.success) {
      throw new InvalidResponseError(l10n.t('Asana sent a malformed "next_page".'), 'next_page', { status, request });
    }
    nextOffset = next.data?.offset;
  }
  return { data: data.data, nextOffset };
}

function describeIssue(issue: z.core.$ZodIssue | undefined, data: unknown): string {
  if (!issue) return l10n.t('is invalid');
  if (issue.code === 'invalid_type') {
    // zod leaves `input` out of issues unless asked, so look the field up instead.
    return valueAt(data, issue.path) === undefined ? l10n.t('is missing') : l10n.t({ message: 'should be {0}', args: [issue.expected], comment: 'a JSON type: string, number, object' });
  }
  if (issue.code === 'invalid_format') {
    // Our own words, never the value: the body may be huge or carry what should not be repeated.
    if (issue.format === 'datetime') return l10n.t('should be an ISO 8601 date and time');
    if (issue.format === 'date') return l10n.t('should be an ISO 8601 date');
    return issue.format === 'regex' ? l10n.t('should be {0}', issue.message) : l10n.t('should be in another format');
  }
  if (issue.code === 'too_big') return l10n.t('is too long');
  return l10n.t('is invalid');
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
