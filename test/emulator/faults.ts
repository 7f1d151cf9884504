/**
 * Fault injection. Rules are checked in the order they were added; every matching rule counts the
 * request (for `after`), latency rules add up, and the first applicable rule of any other kind
 * decides what happens to the response. Faults apply only to requests admitted for processing
 * (authenticated, within the rate limits).
 */
import type { ServerResponse } from 'node:http';
import type { FaultController, FaultKind, FaultRule, FaultRuleInfo } from './types';

const KINDS: readonly FaultKind[] = [
  'latency',
  'status',
  'drop',
  'reset-mid-body',
  'malformed-json',
  'missing-field',
  'extra-field',
  'empty-list',
  'hang',
  'huge-body',
  'endless-body',
  'trickle',
  'cycle-offsets',
];

interface StoredRule {
  id: string;
  rule: FaultRule;
  /** Compiled when `route` is not a template, null when it is. */
  pattern: RegExp | null;
  matched: number;
  applied: number;
}

export interface RequestTarget {
  /** Whose token the request carried. */
  userGid: string;
  method: string;
  /** 'GET /workspaces/{workspace_gid}' */
  routeKey: string;
  /** '/workspaces/{workspace_gid}' */
  template: string;
  /** Path below the API base and the full URL path; a RegExp rule may be written for either. */
  apiPath: string;
  fullPath: string;
}

export interface FaultDecision {
  extraLatencyMs: number;
  fault: FaultRule | undefined;
}

export class FaultRegistry implements FaultController {
  private rules: StoredRule[] = [];
  private nextId = 1;

  add(rule: FaultRule): string {
    const clean = validateRule(rule);
    const id = `fault-${this.nextId++}`;
    this.rules.push({ id, rule: clean, pattern: null, matched: 0, applied: 0 });
    return id;
  }

  remove(id: string): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRuleInfo[] {
    return this.rules.map((r) => ({ ...r.rule, id: r.id, matched: r.matched, applied: r.applied }));
  }

  decide(target: RequestTarget): FaultDecision {
    let extraLatencyMs = 0;
    let fault: FaultRule | undefined;
    for (const r of this.rules) {
      if (!matches(r, target)) continue;
      r.matched++;
      const { times = Infinity, after = 0 } = r.rule;
      if (r.matched <= after || r.applied >= times) continue;
      if (r.rule.kind === 'latency') {
        r.applied++;
        extraLatencyMs += r.rule.latencyMs ?? 0;
      } else if (!fault) {
        r.applied++;
        fault = r.rule;
      }
    }
    return { extraLatencyMs, fault };
  }
}

function matches(r: StoredRule, t: RequestTarget): boolean {
  const { user, method, route } = r.rule;
  if (user !== undefined && user !== t.userGid) return false;
  if (method !== undefined && method.toUpperCase() !== t.method) return false;
  if (route === undefined) return true;
  if (route === t.routeKey || route === t.template) return true;
  if (!r.pattern) r.pattern = compilePattern(route);
  return r.pattern.test(t.apiPath) || r.pattern.test(t.fullPath);
}

function compilePattern(route: string): RegExp {
  try {
    return new RegExp(route);
  } catch {
    // A template for another route ('GET /nope/{x}') is not a valid pattern either; it just never matches.
    return /(?!)/;
  }
}

/** Normalizes a rule from code or JSON (where Infinity cannot be written, null or absent means "always"). */
export function validateRule(input: FaultRule): FaultRule {
  if (typeof input !== 'object' || input === null) throw new TypeError('a fault rule must be an object');
  const rule: FaultRule = { ...input };
  if (!KINDS.includes(rule.kind)) throw new TypeError(`fault kind must be one of ${KINDS.join(', ')}`);
  if ((rule.times as unknown) === null) delete rule.times;
  if (rule.times !== undefined && !(typeof rule.times === 'number' && rule.times >= 0)) throw new TypeError('times must be a number >= 0');
  if (rule.after !== undefined && !(Number.isInteger(rule.after) && rule.after >= 0)) throw new TypeError('after must be an integer >= 0');
  if (rule.user !== undefined && typeof rule.user !== 'string') throw new TypeError('user must be a string (a user gid)');
  if (rule.method !== undefined && typeof rule.method !== 'string') throw new TypeError('method must be a string');
  if (rule.route !== undefined && typeof rule.route !== 'string') throw new TypeError('route must be a string');
  if (rule.kind === 'latency' && !(typeof rule.latencyMs === 'number' && rule.latencyMs >= 0)) {
    throw new TypeError("a 'latency' fault needs latencyMs >= 0");
  }
  if (rule.kind === 'status') {
    rule.status ??= 500;
    if (!(Number.isInteger(rule.status) && rule.status >= 100 && rule.status <= 599)) throw new TypeError('status must be an HTTP status code');
    if (rule.retryAfter !== undefined && rule.retryAfter !== null && typeof rule.retryAfter !== 'string') {
      throw new TypeError('retryAfter must be a string or null');
    }
  }
  if ((rule.kind === 'missing-field' || rule.kind === 'extra-field') && rule.field !== undefined && typeof rule.field !== 'string') {
    throw new TypeError('field must be a string');
  }
  for (const key of ['bytes', 'chunkBytes', 'intervalMs'] as const) {
    const value = rule[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) throw new TypeError(`${key} must be an integer >= 0`);
  }
  if (rule.chunkBytes === 0) throw new TypeError('chunkBytes must be at least 1');
  if (rule.cycleLength !== undefined && !(Number.isInteger(rule.cycleLength) && rule.cycleLength >= 2)) {
    throw new TypeError('cycleLength must be an integer >= 2');
  }
  if (rule.declareLength !== undefined && typeof rule.declareLength !== 'boolean') throw new TypeError('declareLength must be a boolean');
  return rule;
}

export const DEFAULT_MISSING_FIELD = 'gid';
export const DEFAULT_EXTRA_FIELD = 'x_emulator_unexpected';

/** Removes a dotted path from `data` (from every element when data is a list). */
export function withoutField(data: unknown, path: string): unknown {
  const apply = (item: unknown): unknown => removePath(item, path.split('.'));
  return Array.isArray(data) ? data.map(apply) : apply(data);
}

function removePath(value: unknown, segments: string[]): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => removePath(v, segments));
  const [head, ...rest] = segments;
  if (head === undefined) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (rest.length === 0) delete copy[head];
  else if (head in copy) copy[head] = removePath(copy[head], rest);
  return copy;
}

/** Adds an unknown field to each record, as a newer API version might. */
export function withExtraField(data: unknown, name: string): unknown {
  const apply = (item: unknown): unknown =>
    typeof item === 'object' && item !== null && !Array.isArray(item) ? { ...item, [name]: { note: 'a field this client has never seen' } } : item;
  return Array.isArray(data) ? data.map(apply) : apply(data);
}

/** The first half of a JSON text, which never parses: a body cut off by a broken proxy. */
export function truncatedJson(text: string): string {
  const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  try {
    JSON.parse(cut);
    return `${cut},`;
  } catch {
    return cut;
  }
}

// --- Hostile servers: what a broken proxy or a server pretending to be Asana may send.

export const DEFAULT_HUGE_BODY_BYTES = 64 * 1024 * 1024;
const ENDLESS_CHUNK_BYTES = 64 * 1024;

/**
 * Writes `chunks()` one after the other, waiting for the socket to drain (so a client that stops
 * reading stops the server too) and `intervalMs` between writes; stops when the client goes away.
 */
async function pump(res: ServerResponse, chunks: Iterable<Buffer>, intervalMs: number): Promise<void> {
  let gone = res.destroyed;
  res.once('close', () => {
    gone = true;
  });
  for (const chunk of chunks) {
    if (gone) return;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
    if (intervalMs > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  if (!gone) res.end();
}

function* filler(total: number, chunkBytes: number): Generator<Buffer> {
  const chunk = Buffer.alloc(Math.min(chunkBytes, Math.max(total, 1)), 'x');
  let left = total;
  while (left > 0) {
    const n = Math.min(left, chunk.length);
    yield n === chunk.length ? chunk : chunk.subarray(0, n);
    left -= n;
  }
}

function* slices(payload: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < payload.length; i += size) yield payload.subarray(i, i + size);
}

/** A record of the kind every listing returns, for an endless "data" array. */
const ENDLESS_RECORD = Buffer.from('{"gid":"1","name":"Again and again"},');

function* endless(chunkBytes: number): Generator<Buffer> {
  yield Buffer.from('{"data":[');
  const chunk = Buffer.concat(Array.from({ length: Math.max(1, Math.floor(chunkBytes / ENDLESS_RECORD.length)) }, () => ENDLESS_RECORD));
  for (;;) yield chunk;
}

/**
 * The response of a hostile-body fault, after the handler ran (so a write has landed):
 * - huge-body: the real envelope with an unknown field of `bytes` padding in front of "data",
 *   chunked unless `declareLength`, so only a client that counts while reading stops early;
 * - endless-body: `{"data":[` and records forever, as fast as the socket takes them, or one chunk
 *   every `intervalMs` (a trickle that never ends);
 * - trickle: the real body, `chunkBytes` at a time (default: a tenth of it) every `intervalMs`
 *   (default 100 ms), so one response takes about a second however small it is.
 */
export function sendHostileBody(res: ServerResponse, status: number, payload: Buffer, fault: FaultRule, baseHeaders: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...baseHeaders, 'Content-Type': 'application/json; charset=UTF-8' };
  let chunks: Iterable<Buffer>;
  let intervalMs = fault.intervalMs ?? 0;
  switch (fault.kind) {
    case 'huge-body': {
      const bytes = fault.bytes ?? DEFAULT_HUGE_BODY_BYTES;
      // {"x_padding":"xxx…","data":…}: still the envelope, with a field this client has never asked for.
      const head = Buffer.from('{"x_padding":"');
      const tail = Buffer.concat([Buffer.from('",'), payload.subarray(1)]);
      if (fault.declareLength) headers['Content-Length'] = String(head.length + bytes + tail.length);
      chunks = (function* () {
        yield head;
        yield* filler(bytes, fault.chunkBytes ?? ENDLESS_CHUNK_BYTES);
        yield tail;
      })();
      break;
    }
    case 'endless-body':
      chunks = endless(fault.chunkBytes ?? ENDLESS_CHUNK_BYTES);
      break;
    default: {
      intervalMs = fault.intervalMs ?? 100;
      headers['Content-Length'] = String(payload.length);
      chunks = slices(payload, fault.chunkBytes ?? Math.max(1, Math.ceil(payload.length / 10)));
      break;
    }
  }
  res.writeHead(status, headers);
  pump(res, chunks, intervalMs).catch(() => res.destroy());
}

/** Per cycle-offsets rule: the offsets the cycle goes round, and where it is. */
const cycles = new WeakMap<FaultRule, { offsets: string[]; next: number }>();

/**
 * A listing page whose next_page goes round in circles: the offsets this rule has seen (asked for
 * or handed out) are collected until there are `cycleLength` of them, then next_page names them in
 * turn, forever, even on what was the last page. The path and uri are rewritten to match.
 */
export function cycledOffsets(body: unknown, fault: FaultRule, requestedOffset: string | null): unknown {
  if (typeof body !== 'object' || body === null || !('data' in body)) return body;
  const length = fault.cycleLength ?? 2;
  const cycle = cycles.get(fault) ?? { offsets: [], next: 0 };
  cycles.set(fault, cycle);
  const page = body as { data: unknown; next_page?: { offset: string; path: string; uri: string } | null };
  const remember = (offset: string | null | undefined): void => {
    if (offset && cycle.offsets.length < length && !cycle.offsets.includes(offset)) cycle.offsets.push(offset);
  };
  remember(requestedOffset);
  const real = page.next_page ?? undefined;
  if (cycle.offsets.length < length) {
    remember(real?.offset);
    if (cycle.offsets.length < length || real) return body;
  }
  const offset = cycle.offsets[cycle.next++ % length]!;
  if (!real) return { ...page, next_page: { offset, path: `?offset=${encodeURIComponent(offset)}`, uri: `?offset=${encodeURIComponent(offset)}` } };
  const swap = (text: string) => text.split(encodeURIComponent(real.offset)).join(encodeURIComponent(offset));
  return { ...page, next_page: { offset, path: swap(real.path), uri: swap(real.uri) } };
}
