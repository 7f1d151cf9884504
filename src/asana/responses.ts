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
import { ErrorEnvelopeSchema, NextPageSchema } from './schemas';

export interface Envelope<T> {
  readonly data: T;
  readonly nextOffset: string | undefined;
}

const MAX_SERVER_TEXT = 300;

/** The server's own words, trimmed to something a notification can show. */
function serverText(body: string): { message: string | undefined; phrase: string | undefined } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { message: undefined, phrase: undefined };
  }
  const parsed = ErrorEnvelopeSchema.safeParse(json);
  if (!parsed.success) return { message: undefined, phrase: undefined };
  const messages = parsed.data.errors.map((e) => e.message?.trim()).filter((m): m is string => !!m);
  const phrase = parsed.data.errors.find((e) => e.phrase)?.phrase;
  let message = messages.join('; ');
  if (message.length > MAX_SERVER_TEXT) message = `${message.slice(0, MAX_SERVER_TEXT - 1)}…`;
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
): AsanaError {
  const { message, phrase } = serverText(body);
  const opts = { status, request };
  switch (status) {
    case 400:
      return new BadRequestError(`Asana rejected the request.${sentence(message)}`, opts);
    case 401:
      return new UnauthorizedError(
        'Asana did not accept the access token: it may be mistyped, expired or revoked. Sign in again with a valid personal access token.',
        opts,
      );
    case 402:
      return new PaymentRequiredError(`This needs a paid Asana plan.${sentence(message)}`, opts);
    case 403:
      return new ForbiddenError(`You do not have permission to do this in Asana.${sentence(message)}`, opts);
    case 404:
      return new NotFoundError(`Asana could not find it: it may have been deleted, or you no longer have access.${sentence(message)}`, opts);
    case 429: {
      const wait = retryAfterMs === undefined ? '' : ` Asana asked to wait ${formatWait(retryAfterMs)}.`;
      return new RateLimitedError(`Asana is rate limiting requests from this token.${wait} Try again later.`, retryAfterMs, opts);
    }
    default:
      if (status >= 500) {
        const quoted = phrase ? ` (Asana's error phrase: "${phrase}")` : '';
        return new ServerError(`Asana had a problem on its side (HTTP ${status})${quoted}. Try again in a moment.`, phrase, opts);
      }
      return new BadRequestError(`Asana answered HTTP ${status}.${sentence(message)}`, opts);
  }
}

export function formatWait(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 120) return `${s} s`;
  return `${Math.ceil(s / 60)} min`;
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
    throw new InvalidResponseError('Asana sent a response that is not valid JSON (it may have been cut off).', '', {
      status,
      request,
      cause,
    });
  }
  if (typeof json !== 'object' || json === null || !('data' in json)) {
    throw new InvalidResponseError('Asana sent a response without its "data" field.', 'data', { status, request });
  }
  const envelope = json as { data: unknown; next_page?: unknown };
  const data = schema.safeParse(envelope.data);
  if (!data.success) {
    const issue = data.error.issues[0];
    const field = fieldPath(['data', ...(issue?.path ?? [])]);
    throw new InvalidResponseError(
      `Asana sent a response in an unexpected shape: field "${field}" ${describeIssue(issue)}.`,
      field,
      { status, request },
    );
  }
  let nextOffset: string | undefined;
  if (envelope.next_page !== undefined) {
    const next = NextPageSchema.safeParse(envelope.next_page);
    if (!next.success) {
      throw new InvalidResponseError('Asana sent a malformed "next_page".', 'next_page', { status, request });
    }
    nextOffset = next.data?.offset;
  }
  return { data: data.data, nextOffset };
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'is invalid';
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'is missing' : `should be ${issue.expected}`;
  }
  return 'is invalid';
}
