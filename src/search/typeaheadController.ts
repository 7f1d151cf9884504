/**
 * Search-as-you-type against Asana's typeahead, shared by the quick-pick and the completion
 * provider, and free of VS Code so it can be driven by tests and benchmarks:
 * - debounced: a request goes out only once typing pauses;
 * - cancellable: a newer query aborts the request of an older one;
 * - never stale: an answer is shown only if it belongs to the latest query;
 * - cached per query for a short time, so backspacing costs nothing.
 */
import { CancelledError, isAsanaError, type AsanaError } from '../asana/errors';
import type { TypeaheadUser } from '../asana/schemas';

export type SearchFn = (query: string, signal: AbortSignal) => Promise<TypeaheadUser[]>;

export interface TypeaheadResult {
  readonly query: string;
  readonly users: readonly TypeaheadUser[];
  readonly fromCache: boolean;
}

export interface TypeaheadOptions {
  readonly debounceMs: number;
  /** How long an answer stays good for the same query. */
  readonly cacheTtlMs?: number;
  readonly maxCacheEntries?: number;
  readonly now?: () => number;
}

export interface TypeaheadListener {
  results?(result: TypeaheadResult): void;
  busy?(busy: boolean): void;
  error?(error: AsanaError, query: string): void;
}

export class TypeaheadController {
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The latest request's: aborting it once it has finished does nothing, so it is never cleared. */
  private inFlight: AbortController | undefined;
  private readonly cache = new Map<string, { at: number; users: readonly TypeaheadUser[] }>();
  private readonly listeners = new Set<TypeaheadListener>();
  private disposed = false;
  /** Requests actually sent, for benchmarks and tests. */
  requestsSent = 0;
  private _latestQuery = '';
  /** Callers of request(), by the sequence number of their query. */
  private readonly waiting = new Map<number, (result: TypeaheadResult | undefined) => void>();

  constructor(
    private readonly search: SearchFn,
    private readonly opts: TypeaheadOptions,
  ) {}

  get latestQuery(): string {
    return this._latestQuery;
  }

  listen(listener: TypeaheadListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Like setQuery, for callers that want an answer (the completion provider): resolves with the
   * result of this query, or undefined when a newer query superseded it or it failed.
   */
  request(raw: string): Promise<TypeaheadResult | undefined> {
    return new Promise((resolve) => {
      this.waiting.set(this.seq + 1, resolve);
      this.setQuery(raw);
    });
  }

  /** Called on every keystroke. */
  setQuery(raw: string): void {
    if (this.disposed) return;
    const query = raw.trim();
    this._latestQuery = query;
    const seq = ++this.seq;
    this.settleOlderThan(seq);
    clearTimeout(this.timer);
    this.inFlight?.abort();

    if (query === '') {
      this.setBusy(false);
      this.emit({ query, users: [], fromCache: true });
      return;
    }
    const cached = this.fromCache(query);
    if (cached) {
      this.setBusy(false);
      this.emit({ query, users: cached, fromCache: true });
      return;
    }
    this.setBusy(true);
    this.timer = setTimeout(() => void this.run(query, seq), this.opts.debounceMs);
  }

  dispose(): void {
    this.settleOlderThan(Number.POSITIVE_INFINITY);
    this.disposed = true;
    clearTimeout(this.timer);
    this.inFlight?.abort();
    this.listeners.clear();
  }

  private async run(query: string, seq: number): Promise<void> {
    const controller = new AbortController();
    this.inFlight = controller;
    this.requestsSent++;
    try {
      const users = await this.search(query, controller.signal);
      this.remember(query, users);
      if (seq !== this.seq || this.disposed) return;
      this.emit({ query, users, fromCache: false });
    } catch (e) {
      // A newer query and dispose() both abort this request; a search that gave up by itself (its own
      // deadline) is no failure to show either.
      if (controller.signal.aborted || e instanceof CancelledError) return;
      this.settleOlderThan(seq + 1);
      if (!isAsanaError(e)) throw e;
      for (const l of this.listeners) l.error?.(e, query);
    } finally {
      if (seq === this.seq) this.setBusy(false);
    }
  }

  private fromCache(query: string): readonly TypeaheadUser[] | undefined {
    const key = query.toLowerCase();
    const hit = this.cache.get(key);
    if (!hit) return undefined;
    if (this.now() - hit.at > (this.opts.cacheTtlMs ?? 30_000)) {
      this.cache.delete(key);
      return undefined;
    }
    return hit.users;
  }

  private remember(query: string, users: readonly TypeaheadUser[]): void {
    const key = query.toLowerCase();
    this.cache.delete(key);
    this.cache.set(key, { at: this.now(), users });
    const max = this.opts.maxCacheEntries ?? 200;
    // Maps iterate in insertion order, so the first key is the least recently stored.
    while (this.cache.size > max) this.cache.delete(this.cache.keys().next().value as string);
  }

  private emit(result: TypeaheadResult): void {
    for (const l of this.listeners) l.results?.(result);
    const resolve = this.waiting.get(this.seq);
    this.waiting.delete(this.seq);
    resolve?.(result);
  }

  private settleOlderThan(seq: number): void {
    for (const [s, resolve] of this.waiting) {
      if (s < seq) {
        this.waiting.delete(s);
        resolve(undefined);
      }
    }
  }

  private busyState = false;
  private setBusy(busy: boolean): void {
    if (busy === this.busyState) return;
    this.busyState = busy;
    for (const l of this.listeners) l.busy?.(busy);
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }
}
