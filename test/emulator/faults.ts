/**
 * Fault injection. Rules are checked in the order they were added; every matching rule counts the
 * request (for `after`), latency rules add up, and the first applicable rule of any other kind
 * decides what happens to the response. Faults apply only to requests admitted for processing
 * (authenticated, within the rate limits).
 */
import type { FaultController, FaultKind, FaultRule, FaultRuleInfo } from './types';

const KINDS: readonly FaultKind[] = ['latency', 'status', 'drop', 'reset-mid-body', 'malformed-json', 'missing-field', 'extra-field', 'hang'];

interface StoredRule {
  id: string;
  rule: FaultRule;
  /** Compiled when `route` is not a template, null when it is. */
  pattern: RegExp | null;
  matched: number;
  applied: number;
}

export interface RequestTarget {
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
  const { method, route } = r.rule;
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
