/** Waiting: cancellable sleeps, jittered backoff and the Retry-After header. */

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** "Full jitter" exponential backoff: spreads retries of many clients instead of synchronising them. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The leading delta-seconds of a header value: "120", or "2" of "2, 2" (a proxy merged two headers). */
const DELTA_SECONDS = /^(\d+)[ \t]*(?:,|$)/;

/** IMF-fixdate, the one HTTP-date form senders may produce: "Sun, 06 Nov 1994 08:49:37 GMT". */
const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT[ \t]*(?:,|$)/;

/** Milliseconds since the epoch of an IMF-fixdate, or undefined when it names no real moment (31 Feb, 25:00). */
function imfFixdate(text: string): number | undefined {
  const m = IMF_FIXDATE.exec(text);
  if (!m) return undefined;
  const [day, month, year, hour, minute, second] = [Number(m[1]), MONTHS.indexOf(m[2]!), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])];
  const ms = Date.UTC(year, month, day, hour, minute, second);
  const back = new Date(ms);
  // Date.UTC rolls 31 Feb over into March; a date that does not come back unchanged was not a date.
  const real = back.getUTCDate() === day && back.getUTCHours() === hour && back.getUTCMinutes() === minute && back.getUTCSeconds() === second;
  return real ? ms : undefined;
}

/**
 * Retry-After as milliseconds: delta-seconds (a non-negative whole number, Asana's form) or an
 * IMF-fixdate. When a proxy merged several headers into "2, 2", the first value counts. Anything
 * else ("+5", "1.5", "-5", "soon", an obsolete date form) is unreadable: undefined, so the caller
 * falls back to its own backoff instead of guessing (JavaScript's lenient Date.parse reads "2, 2"
 * as a day in 2001, which would mean "do not wait at all").
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const seconds = DELTA_SECONDS.exec(text);
  if (seconds) {
    const ms = Number(seconds[1]) * 1000;
    // "1" and 400 zeros is a number too big to be a wait: unreadable, not "wait Infinity min".
    return Number.isFinite(ms) ? ms : undefined;
  }
  const date = imfFixdate(text);
  return date === undefined ? undefined : Math.max(0, date - now);
}

/**
 * A time budget that several steps share (the attempts, backoffs and waits of one call; the pages
 * of one listing), on the monotonic clock so a change of the system time cannot stretch it.
 */
export class Deadline {
  private readonly endsAt: number;

  constructor(
    readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.endsAt = now() + budgetMs;
  }

  /** Whole milliseconds (timers take no fractions), rounded up so that only a spent budget reads 0. */
  remainingMs(): number {
    return Math.max(0, Math.ceil(this.endsAt - this.now()));
  }

  /** Whether waiting `ms` would still leave time to do something afterwards. */
  allows(ms: number): boolean {
    return this.now() + ms < this.endsAt;
  }

  private expiry: AbortSignal | undefined;

  /** Aborts when the budget is spent; made on first use, so a step that never waits costs no timer. */
  get signal(): AbortSignal {
    this.expiry ??= AbortSignal.timeout(this.remainingMs());
    return this.expiry;
  }
}

/** Combines abort signals: the result aborts when any of them does. */
export function anySignal(signals: Array<AbortSignal | undefined>): AbortSignal {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length === 1) return present[0]!;
  return AbortSignal.any(present);
}
