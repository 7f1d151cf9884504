/**
 * Typed errors for everything that can go wrong talking to Asana. Callers branch on `kind`
 * (a string union) rather than on classes, so the UI can pick an action ("Sign in", "Retry")
 * without importing every subclass.
 */
import { l10n } from '../util/l10n';
export type AsanaErrorKind =
  | 'invalid-input'
  | 'bad-request'
  | 'unauthorized'
  | 'payment-required'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'invalid-response'
  | 'cancelled';

export interface RequestInfo {
  readonly method: string;
  /** Path without the query string: queries can carry emails, never the token, but stay out anyway. */
  readonly path: string;
}

export abstract class AsanaError extends Error {
  abstract readonly kind: AsanaErrorKind;
  /** HTTP status when Asana answered; undefined for local, network and timeout failures. */
  readonly status: number | undefined;
  readonly request: RequestInfo | undefined;

  constructor(message: string, opts: { status?: number; request?: RequestInfo; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.status = opts.status;
    this.request = opts.request;
  }

  /** True when repeating the same call later may succeed. */
  get transient(): boolean {
    return false;
  }
}

/** Input refused before any request was sent (bad email, empty name, count out of range). */
export class InvalidInputError extends AsanaError {
  readonly kind = 'invalid-input';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export class BadRequestError extends AsanaError {
  readonly kind = 'bad-request';
}

export class UnauthorizedError extends AsanaError {
  readonly kind = 'unauthorized';
}

export class PaymentRequiredError extends AsanaError {
  readonly kind = 'payment-required';
}

export class ForbiddenError extends AsanaError {
  readonly kind = 'forbidden';
}

export class NotFoundError extends AsanaError {
  readonly kind = 'not-found';
}

export class RateLimitedError extends AsanaError {
  readonly kind = 'rate-limited';
  constructor(
    message: string,
    /** How long Asana asked us to wait, in milliseconds; undefined when it did not say. */
    readonly retryAfterMs: number | undefined,
    opts: { status?: number; request?: RequestInfo } = {},
  ) {
    super(message, opts);
  }
  override get transient(): boolean {
    return true;
  }
}

export class ServerError extends AsanaError {
  readonly kind = 'server';
  constructor(
    message: string,
    /** Asana's error phrase ("6 sad squid snuggle softly"): quote it to Asana support. */
    readonly phrase: string | undefined,
    opts: { status?: number; request?: RequestInfo } = {},
  ) {
    super(message, opts);
  }
  override get transient(): boolean {
    return true;
  }
}

export class NetworkError extends AsanaError {
  readonly kind = 'network';
  /** Trying again as it is cannot help: a proxy that refused, a certificate not trusted here. */
  readonly lasting: boolean;
  constructor(message: string, opts: { status?: number; request?: RequestInfo; cause?: unknown; lasting?: boolean } = {}) {
    super(message, opts);
    this.lasting = opts.lasting === true;
  }
  override get transient(): boolean {
    return !this.lasting;
  }
}

export class TimeoutError extends AsanaError {
  readonly kind = 'timeout';
  override get transient(): boolean {
    return true;
  }
}

export class InvalidResponseError extends AsanaError {
  readonly kind = 'invalid-response';
  constructor(
    message: string,
    /** Dotted path of the offending field, e.g. `data[3].user.gid`; empty when the body is not JSON. */
    readonly field: string,
    opts: { status?: number; request?: RequestInfo; cause?: unknown } = {},
  ) {
    super(message, opts);
  }
}

/**
 * A response too large to be one of Asana's answers to this client: reading stopped at the limit.
 * Its kind stays 'invalid-response', so code that branches on kinds treats it as any unreadable answer.
 */
export class ResponseTooLargeError extends InvalidResponseError {
  constructor(
    message: string,
    /** The limit that was passed, in bytes. */
    readonly limitBytes: number,
    opts: { status?: number; request?: RequestInfo } = {},
  ) {
    super(message, '', opts);
  }
}

export class CancelledError extends AsanaError {
  readonly kind = 'cancelled';
  constructor(request?: RequestInfo) {
    super(l10n.t('The request was cancelled.'), request ? { request } : {});
  }
}

export function isAsanaError(e: unknown): e is AsanaError {
  return e instanceof AsanaError;
}
