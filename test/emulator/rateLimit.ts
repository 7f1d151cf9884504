/**
 * Asana's two limiters, per token: requests per minute over a sliding window, and requests in
 * flight (reads = GET, writes = everything else, counted independently).
 */
import type { RequestKind } from './counters';
import type { ConcurrencyLimits } from './types';

const WINDOW_MS = 60_000;

export class SlidingWindowLimiter {
  private readonly windows = new Map<string, number[]>();

  /**
   * Records the request and returns null when it is allowed, or the seconds until a slot frees.
   * Rejected requests are recorded too: the real API counts them against the quota, so a client
   * that ignores Retry-After only digs itself deeper.
   */
  check(token: string, limitPerMinute: number | null, now: number): number | null {
    if (limitPerMinute === null) return null;
    let stamps = this.windows.get(token);
    if (!stamps) this.windows.set(token, (stamps = []));
    let expired = 0;
    while (expired < stamps.length && (stamps[expired] as number) <= now - WINDOW_MS) expired++;
    if (expired > 0) stamps.splice(0, expired);
    const allowed = stamps.length < limitPerMinute;
    stamps.push(now);
    if (allowed) return null;
    // A slot frees when all but (limit - 1) of the recorded requests have left the window.
    const pivot = stamps[stamps.length - limitPerMinute] as number;
    return Math.max(1, Math.ceil((pivot + WINDOW_MS - now) / 1000));
  }

  clear(): void {
    this.windows.clear();
  }
}

export class ConcurrencyLimiter {
  private readonly running = new Map<string, { reads: number; writes: number }>();

  tryAcquire(token: string, kind: RequestKind, limits: ConcurrencyLimits | null): boolean {
    let slot = this.running.get(token);
    if (!slot) this.running.set(token, (slot = { reads: 0, writes: 0 }));
    if (limits !== null && slot[kind] >= limits[kind]) return false;
    slot[kind]++;
    return true;
  }

  release(token: string, kind: RequestKind): void {
    const slot = this.running.get(token);
    if (!slot) return;
    slot[kind]--;
    if (slot.reads === 0 && slot.writes === 0) this.running.delete(token);
  }
}
