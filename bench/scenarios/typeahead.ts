/**
 * 3. Typeahead as a person types. A scripted typist enters names of the seed, one character at a
 * time at 120 ms and at 40 ms per character, into TypeaheadController (the extension's default
 * 250 ms debounce; search = client.typeaheadUsers(count 20)) and into a naive controller that
 * queries on every keystroke and shows every answer. The emulator jitters latency 10–80 ms, so
 * answers overtake each other as they do on a real network.
 * Physical limit: after the last keystroke one round trip is unavoidable (45 ms on average here);
 * one request per name; no stale result.
 */
import { AsanaClient } from '../../src/asana/client';
import type { TypeaheadResult } from '../../src/search/typeaheadController';
import { TypeaheadController } from '../../src/search/typeaheadController';
import type { ScenarioContext } from '../lib/context';
import { NaiveTypeahead } from '../lib/naiveTypeahead';
import type { Row, ScenarioResult } from '../lib/report';
import { median, now, percentile, sleep, sleepUntil, sum, waitFor } from '../lib/stats';

const DEBOUNCE_MS = 250;
const LATENCY: [number, number] = [10, 80];
const MEAN_LATENCY_MS = (LATENCY[0] + LATENCY[1]) / 2;
const SPEEDS_MS = [120, 40] as const;
/** After the final answer, how long to keep watching for late (stale) answers: past the slowest reply. */
const GRACE_MS = LATENCY[1] + 40;

type Impl = 'ours' | 'peer';

interface Typed {
  readonly impl: Impl;
  readonly name: string;
  readonly speedMs: number;
  readonly requests: number;
  /** Last keystroke → the answer for the whole name shown. */
  readonly finalMs: number;
  /** Answers shown whose query was not the text in the box at that moment. */
  readonly stale: number;
  /** The box ends showing the answer to an older query. */
  readonly wrongAtEnd: boolean;
  readonly shown: number;
}

/** What both controllers offer the typist. */
interface Box {
  setQuery(text: string): void;
  listen(listener: { results?(result: TypeaheadResult): void }): () => void;
  readonly requestsSent: number;
  /** True while an answer may still arrive. */
  pending(): boolean;
  dispose(): void;
}

function oursBox(client: AsanaClient, workspace: string): Box {
  let busy = false;
  const ctl = new TypeaheadController((q, signal) => client.typeaheadUsers(workspace, q, { signal, count: 20 }), { debounceMs: DEBOUNCE_MS });
  ctl.listen({ busy: (b) => (busy = b) });
  return {
    setQuery: (text) => ctl.setQuery(text),
    listen: (l) => ctl.listen(l),
    get requestsSent() {
      return ctl.requestsSent;
    },
    pending: () => busy,
    dispose: () => ctl.dispose(),
  };
}

function naiveBox(client: AsanaClient, workspace: string): Box {
  const naive = new NaiveTypeahead((q, signal) => client.typeaheadUsers(workspace, q, { signal, count: 20 }));
  return {
    setQuery: (text) => naive.setQuery(text),
    listen: (l) => naive.listen(l),
    get requestsSent() {
      return naive.requestsSent;
    },
    pending: () => naive.inFlight > 0,
    dispose: () => undefined,
  };
}

/** Types `name` into a fresh box, as a person opening the picker would, and watches what it shows. */
async function typeName(box: Box, impl: Impl, name: string, speedMs: number): Promise<Typed> {
  let inTheBox = '';
  let stale = 0;
  let shown = 0;
  let lastShown: string | undefined;
  let finalAt: number | undefined;
  const full = name.trim();
  box.listen({
    results: (r) => {
      shown++;
      lastShown = r.query;
      if (r.query !== inTheBox.trim()) stale++;
      if (r.query === full && finalAt === undefined) finalAt = now();
    },
  });
  const start = now();
  let lastKey = start;
  for (let i = 1; i <= name.length; i++) {
    // Keystrokes on a fixed schedule, so a slow listener cannot slow the typist down.
    await sleepUntil(start + (i - 1) * speedMs);
    inTheBox = name.slice(0, i);
    lastKey = now();
    box.setQuery(inTheBox);
  }
  await waitFor(() => finalAt !== undefined && !box.pending(), 10_000, `the answer to "${full}"`);
  await sleep(GRACE_MS);
  box.dispose();
  return {
    impl,
    name,
    speedMs,
    requests: box.requestsSent,
    finalMs: (finalAt as number) - lastKey,
    stale,
    wrongAtEnd: lastShown !== full,
    shown,
  };
}

export async function typeaheadScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const started = now();
  const emu = ctx.emulator;
  const workspace = emu.seedInfo.workspaces.acme;
  await emu.reset();
  await emu.configure({ latencyMs: LATENCY, rateLimitPerMinute: null });
  const names = await emu.sampleNames(workspace, ctx.quick ? 4 : 10);
  // One client per side, warmed by one request, as in a window where the view already loaded.
  const clients: Record<Impl, AsanaClient> = {
    ours: new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl }),
    peer: new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl }),
  };
  await Promise.all(Object.values(clients).map((c) => c.typeaheadUsers(workspace, 'warm', { count: 1 })));
  const runs: Typed[] = [];
  const serverRequests: Record<string, number> = {};
  try {
    for (const speedMs of SPEEDS_MS) {
      for (const [i, name] of names.entries()) {
        const order: Impl[] = i % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
        for (const impl of order) {
          await emu.resetCounters();
          const box = impl === 'ours' ? oursBox(clients.ours, workspace) : naiveBox(clients.peer, workspace);
          const typed = await typeName(box, impl, name, speedMs);
          const counters = await emu.counters();
          serverRequests[`${impl}:${speedMs}:${name}`] = counters.total;
          runs.push(typed);
        }
      }
      const of = (impl: Impl): Typed[] => runs.filter((r) => r.impl === impl && r.speedMs === speedMs);
      ctx.log(
        `  typeahead ${speedMs} ms/char: ours ${sum(of('ours').map((r) => r.requests))} requests, ${sum(of('ours').map((r) => r.stale))} stale; ` +
          `naive ${sum(of('peer').map((r) => r.requests))} requests, ${sum(of('peer').map((r) => r.stale))} stale`,
      );
    }
  } finally {
    await Promise.all(Object.values(clients).map((c) => c.dispose()));
    await emu.reset();
  }

  const rows: Row[] = [];
  for (const speedMs of SPEEDS_MS) {
    const of = (impl: Impl): Typed[] => runs.filter((r) => r.impl === impl && r.speedMs === speedMs);
    const scenario = `3 typeahead ${speedMs} ms/char`;
    const chars = median(names.map((n) => n.length));
    rows.push(
      {
        scenario,
        metric: 'requests per name',
        unit: 'req',
        ours: median(of('ours').map((r) => r.requests)),
        peer: median(of('peer').map((r) => r.requests)),
        limit: 1,
        note: speedMs === SPEEDS_MS[0] ? `medians over ${names.length} seed names (median ${chars} characters), each typed into a fresh box; debounce ${DEBOUNCE_MS} ms; latency ${LATENCY[0]}–${LATENCY[1]} ms` : undefined,
      },
      {
        scenario,
        metric: 'last keystroke → final results',
        unit: 'ms',
        ours: median(of('ours').map((r) => r.finalMs)),
        peer: median(of('peer').map((r) => r.finalMs)),
        limit: MEAN_LATENCY_MS,
        note:
          speedMs === SPEEDS_MS[0]
            ? `limit = one round trip (mean injected latency); ours includes the ${DEBOUNCE_MS} ms debounce by design. p90 ours ${percentile(of('ours').map((r) => r.finalMs), 90).toFixed(0)} ms, naive ${percentile(of('peer').map((r) => r.finalMs), 90).toFixed(0)} ms`
            : undefined,
      },
      {
        scenario,
        metric: 'stale results shown (all names)',
        unit: 'count',
        ours: sum(of('ours').map((r) => r.stale)),
        peer: sum(of('peer').map((r) => r.stale)),
        limit: 0,
      },
      {
        scenario,
        metric: 'names left showing an older query',
        unit: 'count',
        ours: of('ours').filter((r) => r.wrongAtEnd).length,
        peer: of('peer').filter((r) => r.wrongAtEnd).length,
        limit: 0,
        note: speedMs === SPEEDS_MS[0] ? 'the box settles on the answer to a prefix: an answer that arrived after the right one replaced it' : undefined,
      },
    );
  }
  return {
    id: 'typeahead',
    title: 'Typeahead as a person types',
    rows,
    details: { names, debounceMs: DEBOUNCE_MS, latencyMs: LATENCY, speedsMs: SPEEDS_MS, graceMs: GRACE_MS, runs, serverRequests },
    seconds: (now() - started) / 1000,
  };
}
