/**
 * Memory and CPU measurement of the current process. Peaks are sampled on a timer: Node reports
 * no peak heap per phase, and RSS only ever grows within a process (V8 keeps the pages it got), so
 * callers measure each listing in a fresh process (see scenarios/listingProbe.ts) and subtract a
 * baseline taken after a full GC.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

export interface MemoryPeak {
  /** Highest RSS seen minus the baseline, bytes. */
  readonly rssDelta: number;
  /** Highest V8 heapUsed seen minus the baseline, bytes. */
  readonly heapDelta: number;
}

let gcFn: (() => void) | undefined;

/** A full, synchronous GC: `--expose-gc` when the process was started with it, else turned on here. */
export function collectGarbage(): void {
  if (!gcFn) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) gcFn = exposed;
    else {
      // Turning the flag on at run time exposes gc to contexts created afterwards.
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as () => void;
    }
  }
  gcFn();
  gcFn();
}

export class MemorySampler {
  private readonly baseRss: number;
  private readonly baseHeap: number;
  private peakRss: number;
  private peakHeap: number;
  private readonly timer: ReturnType<typeof setInterval>;

  /** Takes the baseline (after a GC) and samples every `intervalMs` until stop(). */
  constructor(intervalMs = 5) {
    collectGarbage();
    const base = process.memoryUsage();
    this.baseRss = this.peakRss = base.rss;
    this.baseHeap = this.peakHeap = base.heapUsed;
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.peakRss) this.peakRss = m.rss;
    if (m.heapUsed > this.peakHeap) this.peakHeap = m.heapUsed;
  }

  stop(): MemoryPeak {
    this.sample();
    clearInterval(this.timer);
    return { rssDelta: this.peakRss - this.baseRss, heapDelta: this.peakHeap - this.baseHeap };
  }

  /** Heap still in use after a full GC, minus the baseline: what the caller keeps alive. */
  retainedHeap(): number {
    collectGarbage();
    return process.memoryUsage().heapUsed - this.baseHeap;
  }
}

/** CPU time (user + system) this process spends between start and the returned function's call, ms. */
export function cpuTimer(): () => number {
  const start = process.cpuUsage();
  return () => {
    const d = process.cpuUsage(start);
    return (d.user + d.system) / 1000;
  };
}
