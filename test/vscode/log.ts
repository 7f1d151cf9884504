// Progress output of the harness: one prefix, elapsed times, and timed steps.

const prefix = '[vscode-test]';

/** Prints one progress line. */
export function log(message: string): void {
  console.log(`${prefix} ${message}`);
}

/** Prints one line to stderr, for problems. */
export function warn(message: string): void {
  console.error(`${prefix} ${message}`);
}

/** `1.2 s`, `2 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

export interface StepTiming {
  readonly name: string;
  readonly ms: number;
  readonly ok: boolean;
}

/** Timings of every step run in this process, for the closing summary. */
export const timings: StepTiming[] = [];

/** Runs `fn` as a named step: prints its start, its end and how long it took; `isOk` judges a result that is not a throw. */
export async function step<T>(name: string, fn: () => Promise<T>, isOk: (result: T) => boolean = () => true): Promise<T> {
  const started = Date.now();
  log(`▶ ${name}`);
  try {
    const result = await fn();
    const ms = Date.now() - started;
    const ok = isOk(result);
    timings.push({ name, ms, ok });
    log(`${ok ? '✔' : '✘'} ${name} (${formatDuration(ms)})`);
    return result;
  } catch (error) {
    const ms = Date.now() - started;
    timings.push({ name, ms, ok: false });
    warn(`✘ ${name} failed after ${formatDuration(ms)}`);
    throw error;
  }
}
