/**
 * Small statistics and timing helpers. Benchmarks report medians: on a 2-core machine shared with
 * an emulator (and, for activation, code-server and Chromium) the mean is dragged by the odd
 * scheduling hiccup, the median is not.
 */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Nearest-rank percentile, p in 0..100. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export function max(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.max(...values);
}

/** Monotonic milliseconds: wall-clock adjustments must not leak into durations. */
export function now(): number {
  return performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sleeps until a monotonic deadline, so a sequence of waits does not accumulate timer drift. */
export async function sleepUntil(deadline: number): Promise<void> {
  const wait = deadline - now();
  if (wait > 0) await sleep(wait);
}

/** Polls `done` every few milliseconds; throws after `timeoutMs` so a broken scenario cannot hang the run. */
export async function waitFor(done: () => boolean, timeoutMs: number, what: string, stepMs = 2): Promise<void> {
  const deadline = now() + timeoutMs;
  while (!done()) {
    if (now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(stepMs);
  }
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = now();
  const value = await fn();
  return { value, ms: now() - started };
}
