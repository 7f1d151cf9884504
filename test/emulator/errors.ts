/**
 * Asana's error envelope and the status codes the emulator uses. Handlers throw ApiError; the
 * server turns it into `{"errors":[{message, help}]}` (plus `phrase` on 500s, as the real API does).
 */
import { PHRASE_WORDS } from './names';

export const ERROR_HELP =
  'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors';

export const RATE_LIMIT_MESSAGE =
  "You've made too many requests and hit a rate limit. Please retry after the given amount of time.";

export const TOO_LARGE_MESSAGE = 'The result is too large. You should use pagination (may require specifying a workspace)!';

export interface ErrorBody {
  errors: { message: string; help: string; phrase?: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly phrase?: string,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    const entry: ErrorBody['errors'][number] = { message: this.message, help: ERROR_HELP };
    if (this.phrase !== undefined) entry.phrase = this.phrase;
    return { errors: [entry] };
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, message);
export const unauthorized = (): ApiError => new ApiError(401, 'Not Authorized');
export const forbidden = (message: string): ApiError => new ApiError(403, message);
export const notFound = (message: string): ApiError => new ApiError(404, message);
export const noRoute = (): ApiError => new ApiError(404, 'No matching route for request');
export const tooManyRequests = (retryAfterSeconds: number | null, message = RATE_LIMIT_MESSAGE): ApiError =>
  new ApiError(429, message, retryAfterSeconds === null ? {} : { 'Retry-After': String(retryAfterSeconds) });

/** "Unknown object" for a gid or reference the caller cannot see; existence is not revealed. */
export const unknownObject = (param: string, value: string): ApiError => notFound(`${param}: Unknown object: ${value}`);

let phraseCounter = 0;
/** A phrase like "6 sad squid snuggle softly" so a 500 can be told apart in logs. */
export function nextPhrase(): string {
  const n = phraseCounter++;
  const w = PHRASE_WORDS;
  const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
  return `${(n % 9) + 2} ${at(w.adjectives, n)} ${at(w.nouns, n * 3 + 1)} ${at(w.verbs, n * 7 + 2)} ${at(w.adverbs, n * 11 + 3)}`;
}
