/**
 * The typeahead controller under any interleaving of keystrokes, pauses and response delays:
 * it shows the results of the latest query only, every answer it shows is the answer to the
 * query it is shown for, a failure is reported only for the latest query, it is never left
 * busy, and every request() settles.
 *
 * Time is virtual: setTimeout/clearTimeout are replaced by a clock the test advances, so a run
 * with seconds of simulated typing and latency takes microseconds and is exactly reproducible
 * from fast-check's seed. The search function answers after a per-call delay drawn by fast-check,
 * fails some calls, and either honours the abort signal (as the client does) or ignores it (as a
 * server that answers anyway would).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CancelledError, ServerError, type AsanaError } from '../../src/asana/errors';
import type { TypeaheadUser } from '../../src/asana/schemas';
import { TypeaheadController, type TypeaheadResult } from '../../src/search/typeaheadController';
import { checkAsync, count } from './runs';

class VirtualClock {
  now = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; seq: number; fn: () => void }>();
  private readonly originals = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };

  install(): void {
    (globalThis as { setTimeout: unknown }).setTimeout = (fn: () => void, ms?: number) => {
      const id = this.nextId++;
      this.timers.set(id, { at: this.now + Math.max(0, ms ?? 0), seq: id, fn });
      return id;
    };
    (globalThis as { clearTimeout: unknown }).clearTimeout = (id: unknown) => {
      this.timers.delete(id as number);
    };
  }

  uninstall(): void {
    globalThis.setTimeout = this.originals.setTimeout;
    globalThis.clearTimeout = this.originals.clearTimeout;
  }

  /** Lets every pending promise callback run (setImmediate is real and not faked). */
  static async settle(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Runs every timer due up to `until`, in time order, settling promises after each. */
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      let next: { id: number; at: number; seq: number; fn: () => void } | undefined;
      for (const [id, t] of this.timers) if (t.at <= until && (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq))) next = { id, ...t };
      if (!next) break;
      this.timers.delete(next.id);
      this.now = next.at;
      next.fn();
      await VirtualClock.settle();
    }
    this.now = until;
    await VirtualClock.settle();
  }

  get pending(): number {
    return this.timers.size;
  }
}

type Step = { kind: 'type'; text: string } | { kind: 'request'; text: string } | { kind: 'wait'; ms: number };

const queryText = fc.string({ unit: fc.constantFrom('a', 'b', 'A', ' ', 'é'), maxLength: 4 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: queryText.map((text) => ({ kind: 'type' as const, text })) },
  { weight: 1, arbitrary: queryText.map((text) => ({ kind: 'request' as const, text })) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 400 }).map((ms) => ({ kind: 'wait' as const, ms })) },
);

interface Scenario {
  readonly steps: Step[];
  readonly debounceMs: number;
  readonly cacheTtlMs: number;
  /** Per search call, in order (cycled): how long it takes and whether it fails. */
  readonly answers: Array<{ delayMs: number; fails: boolean }>;
  readonly honoursAbort: boolean;
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  steps: fc.array(step, { minLength: 1, maxLength: 30 }),
  debounceMs: fc.integer({ min: 0, max: 150 }),
  cacheTtlMs: fc.integer({ min: 0, max: 2_000 }),
  answers: fc.array(fc.record({ delayMs: fc.integer({ min: 0, max: 600 }), fails: fc.integer({ min: 0, max: 9 }).map((n) => n < 3) }), { minLength: 1, maxLength: 10 }),
  honoursAbort: fc.boolean(),
});

/** The answer for a query: it names the query (case-folded like the controller's cache), so a stale answer is recognisable. */
function usersFor(query: string): TypeaheadUser[] {
  return [{ gid: '1', name: `answer for ${query.toLowerCase()}` }];
}

async function runScenario(s: Scenario): Promise<void> {
  const clock = new VirtualClock();
  clock.install();
  const violations: string[] = [];
  const requests: Array<{ query: string; promise: Promise<TypeaheadResult | undefined>; settled?: TypeaheadResult | undefined | 'pending' }> = [];
  let controller: TypeaheadController | undefined;
  try {
    let call = 0;
    const search = (query: string, signal: AbortSignal): Promise<TypeaheadUser[]> =>
      new Promise((resolve, reject) => {
        const answer = s.answers[call++ % s.answers.length]!;
        const timer = setTimeout(() => {
          if (answer.fails) reject(new ServerError(`failed for ${query}`, undefined, { status: 503 }));
          else resolve(usersFor(query));
        }, answer.delayMs);
        if (s.honoursAbort) {
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(new CancelledError());
          });
        }
      });
    const ctl = new TypeaheadController(search, { debounceMs: s.debounceMs, cacheTtlMs: s.cacheTtlMs, now: () => clock.now });
    controller = ctl;
    const shown: TypeaheadResult[] = [];
    const errors: Array<{ error: AsanaError; query: string }> = [];
    let busy = false;
    ctl.listen({
      results: (r) => {
        shown.push(r);
        if (r.query !== ctl.latestQuery) violations.push(`showed "${r.query}" while the latest query was "${ctl.latestQuery}"`);
        const expected = r.query === '' ? [] : usersFor(r.query);
        if (JSON.stringify(r.users) !== JSON.stringify(expected)) violations.push(`showed ${JSON.stringify(r.users)} for "${r.query}"`);
      },
      error: (error, query) => {
        errors.push({ error, query });
        if (query !== ctl.latestQuery) violations.push(`reported an error for "${query}" while the latest query was "${ctl.latestQuery}"`);
      },
      busy: (b) => {
        busy = b;
      },
    });

    for (const st of s.steps) {
      if (st.kind === 'type') ctl.setQuery(st.text);
      else if (st.kind === 'request') {
        const entry: (typeof requests)[number] = { query: st.text.trim(), promise: ctl.request(st.text), settled: 'pending' };
        void entry.promise.then((r) => {
          entry.settled = r;
        });
        requests.push(entry);
      } else await clock.advance(st.ms);
      await VirtualClock.settle();
    }
    // Then the person stops typing and waits as long as it takes.
    while (clock.pending > 0) await clock.advance(10_000);

    const latest = ctl.latestQuery;
    const last = [...shown.map((r) => ({ at: 'result', query: r.query })), ...errors.map((e) => ({ at: 'error', query: e.query }))];
    const typedAnything = s.steps.some((st) => st.kind !== 'wait');
    if (typedAnything) {
      // The person ends up seeing the latest query's answer (or its failure): never an older one, never nothing.
      const final = shown.at(-1);
      const finalError = errors.at(-1);
      const endsWithLatest = (final && final.query === latest) || (finalError && finalError.query === latest);
      if (!endsWithLatest) violations.push(`ended without the latest query's answer ("${latest}"); saw ${JSON.stringify(last)}`);
      if (final && final.query !== latest && !(finalError && finalError.query === latest)) violations.push(`last shown answer is for "${final.query}", latest is "${latest}"`);
    }
    if (busy) violations.push('left busy');
    for (const r of requests) {
      if (r.settled === 'pending') violations.push(`request("${r.query}") never settled`);
      else if (r.settled && r.settled.query !== r.query) violations.push(`request("${r.query}") resolved with the answer for "${r.settled.query}"`);
    }
    const keystrokes = s.steps.filter((st) => st.kind !== 'wait').length;
    if (ctl.requestsSent > keystrokes) violations.push(`${ctl.requestsSent} requests for ${keystrokes} keystrokes`);
    count('typeahead keystrokes simulated', keystrokes);
    count('typeahead searches sent', ctl.requestsSent);
  } finally {
    controller?.dispose();
    clock.uninstall();
  }
  assert.deepEqual(violations, []);
}

describe('Property: typeahead shows the latest query only', function () {
  this.timeout(120_000);

  it('any interleaving of keystrokes, pauses, response delays and failures', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      await checkAsync('TypeaheadController(keystrokes × delays × failures) → latest query only', fc.asyncProperty(scenario, runScenario), 1_000);
      await VirtualClock.settle();
      assert.deepEqual(unhandled, [], 'no unhandled rejections');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('the virtual clock itself runs timers in time order (a check of the test harness)', async () => {
    await checkAsync(
      'VirtualClock runs timers in time order',
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 1_000 }), { maxLength: 20 }), async (delays) => {
        const clock = new VirtualClock();
        clock.install();
        const fired: number[] = [];
        try {
          delays.forEach((d) => setTimeout(() => fired.push(d), d));
          await clock.advance(2_000);
        } finally {
          clock.uninstall();
        }
        assert.deepEqual(fired, [...delays].sort((a, b) => a - b));
      }),
      200,
    );
  });
});
