/** The settings that can change while the emulator runs, validated the same way from code and over HTTP. */
import { mulberry32 } from './prng';
import type { Rng } from './prng';
import type { ConcurrencyLimits, LatencySpec, RuntimeOptions } from './types';

export const DEFAULT_CONCURRENCY: ConcurrencyLimits = { reads: 50, writes: 15 };
export const DEFAULT_OFFSET_TTL_MS = 15 * 60_000;

export interface RuntimeSettings {
  latencyMs: LatencySpec;
  rateLimitPerMinute: number | null;
  concurrency: ConcurrencyLimits | null;
  offsetTtlMs: number;
}

export class RuntimeConfig {
  private current: RuntimeSettings;
  private readonly initial: RuntimeSettings;
  /** Jitter draws; seeded so a run's timing pattern repeats, and separate from the data's stream. */
  private readonly jitter: Rng;

  constructor(opts: RuntimeOptions, seed: number) {
    this.initial = merge(
      { latencyMs: 0, rateLimitPerMinute: null, concurrency: { ...DEFAULT_CONCURRENCY }, offsetTtlMs: DEFAULT_OFFSET_TTL_MS },
      opts,
    );
    this.current = { ...this.initial };
    this.jitter = mulberry32(seed ^ 0x5eed1a7e);
  }

  get settings(): Readonly<RuntimeSettings> {
    return this.current;
  }

  apply(opts: Partial<RuntimeOptions>): void {
    this.current = merge(this.current, opts);
  }

  /** Back to the options given at start. */
  restore(): void {
    this.current = { ...this.initial };
  }

  sampleLatencyMs(): number {
    const l = this.current.latencyMs;
    if (typeof l === 'number') return l;
    return l[0] + this.jitter() * (l[1] - l[0]);
  }

  /** The longest a request can currently take before handling; used for concurrency Retry-After. */
  maxLatencyMs(): number {
    const l = this.current.latencyMs;
    return typeof l === 'number' ? l : l[1];
  }
}

function merge(base: RuntimeSettings, opts: Partial<RuntimeOptions>): RuntimeSettings {
  const out = { ...base };
  if (opts.latencyMs !== undefined) out.latencyMs = validLatency(opts.latencyMs);
  if (opts.rateLimitPerMinute !== undefined) {
    const r = opts.rateLimitPerMinute;
    if (r !== null && !(Number.isInteger(r) && r > 0)) throw new TypeError('rateLimitPerMinute must be a positive integer or null');
    out.rateLimitPerMinute = r;
  }
  if (opts.concurrency !== undefined) {
    const c = opts.concurrency;
    if (c !== null && !(isPositiveInt(c?.reads) && isPositiveInt(c?.writes))) {
      throw new TypeError('concurrency must be {reads, writes} with positive integers, or null');
    }
    out.concurrency = c === null ? null : { reads: c.reads, writes: c.writes };
  }
  if (opts.offsetTtlMs !== undefined) {
    if (!(typeof opts.offsetTtlMs === 'number' && opts.offsetTtlMs >= 0)) throw new TypeError('offsetTtlMs must be a number >= 0');
    out.offsetTtlMs = opts.offsetTtlMs;
  }
  return out;
}

function validLatency(l: unknown): LatencySpec {
  if (typeof l === 'number' && l >= 0 && Number.isFinite(l)) return l;
  if (Array.isArray(l) && l.length === 2 && l.every((x) => typeof x === 'number' && x >= 0 && Number.isFinite(x)) && (l[0] as number) <= (l[1] as number)) {
    return [l[0] as number, l[1] as number];
  }
  throw new TypeError('latencyMs must be a number >= 0 or a [min, max] range');
}

function isPositiveInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x > 0;
}
