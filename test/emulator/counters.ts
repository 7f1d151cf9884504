/**
 * Request counters. `total` and `byRoute` count every API request that reached the emulator
 * (including 401s, 404s and 429s; control requests excluded); `byUser` splits the routed ones by
 * the account whose token they carried, so a test with several accounts can tell who asked.
 * `inFlight`/`maxInFlight` count only requests admitted for processing, i.e. past authentication
 * and both rate limiters, so they measure what a client actually had running, not what it tried.
 */
import type { Counters, InFlight } from './types';

export type RequestKind = keyof InFlight;

/** The byUser key for requests refused with 401: no account to put them under. */
export const UNAUTHENTICATED = 'unauthenticated';

export class CounterSet implements Counters {
  total = 0;
  readonly byRoute: Record<string, number> = {};
  readonly byUser: Record<string, Record<string, number>> = {};
  readonly inFlight: InFlight = { reads: 0, writes: 0 };
  readonly maxInFlight: InFlight = { reads: 0, writes: 0 };
  rejected429 = 0;

  /** Keeps in-flight requests (they are still running) and restarts the maxima from them. */
  reset(): void {
    this.total = 0;
    for (const key of Object.keys(this.byRoute)) delete this.byRoute[key];
    for (const key of Object.keys(this.byUser)) delete this.byUser[key];
    this.maxInFlight.reads = this.inFlight.reads;
    this.maxInFlight.writes = this.inFlight.writes;
    this.rejected429 = 0;
  }

  countRequest(routeKey: string | undefined): void {
    this.total++;
    if (routeKey !== undefined) this.byRoute[routeKey] = (this.byRoute[routeKey] ?? 0) + 1;
  }

  /** `userGid`: whose token the request carried, or UNAUTHENTICATED. */
  countUser(userGid: string, routeKey: string): void {
    const routes = (this.byUser[userGid] ??= {});
    routes[routeKey] = (routes[routeKey] ?? 0) + 1;
  }

  enter(kind: RequestKind): void {
    this.inFlight[kind]++;
    if (this.inFlight[kind] > this.maxInFlight[kind]) this.maxInFlight[kind] = this.inFlight[kind];
  }

  leave(kind: RequestKind): void {
    this.inFlight[kind]--;
  }

  snapshot(): Omit<Counters, 'reset'> {
    return {
      total: this.total,
      byRoute: { ...this.byRoute },
      byUser: Object.fromEntries(Object.entries(this.byUser).map(([user, routes]) => [user, { ...routes }])),
      inFlight: { ...this.inFlight },
      maxInFlight: { ...this.maxInFlight },
      rejected429: this.rejected429,
    };
  }
}
