/**
 * `opt_fields`: parsing, validation against the object model, and projection of a resource.
 *
 * Semantics (as the real API behaves): `gid` is always returned; with opt_fields the record holds
 * gid plus exactly the requested fields (`resource_type` only if asked for). A bare reference such
 * as `user` yields the compact user; a path through it such as `user.email` yields
 * `user: {gid, email}`; both together yield their union. `this.` prefixes and the `(a|b)` group
 * operator from the docs are accepted. An unknown field is a 400 that names it.
 */
import { badRequest } from './errors';
import { MODELS } from './model';
import type { FieldSpec, Node, ResourceModel, ResourceType } from './model';

/** A finalized selection: exactly the fields to output at this level. */
export interface Selection {
  readonly children: ReadonlyMap<string, Selection>;
}

interface RawSelection {
  bare: boolean;
  children: Map<string, RawSelection>;
}

const LEAF: Selection = { children: new Map() };
/** Listed in the spec's opt_fields enums for paginated routes; they describe next_page, not records. */
const PAGINATION_FIELDS = new Set(['offset', 'path', 'uri']);
const MAX_EXPANSIONS = 1000;

/** Parses `opt_fields`; undefined when absent or empty, so the route's default record applies. */
export function parseOptFields(raw: string | null | undefined, type: ResourceType): Selection | undefined {
  if (raw === null || raw === undefined || raw.trim() === '') return undefined;
  const root: RawSelection = { bare: false, children: new Map() };
  for (const entry of splitTopLevel(raw)) {
    for (const path of expandGroups(entry)) addPath(root, path, type);
  }
  return finalize(root, MODELS[type]);
}

/** Builds a selection from a trusted field list (the routes' default records). */
export function selectionOf(fields: string, type: ResourceType): Selection {
  const sel = parseOptFields(fields, type);
  if (!sel) throw new Error('empty default selection');
  return sel;
}

/** The compact record of a type, as returned in listings. */
export function compactSelection(type: ResourceType): Selection {
  return selectionOf(MODELS[type].compact.join(','), type);
}

export function project(node: Node, sel: Selection): Record<string, unknown> {
  const out: Record<string, unknown> = { gid: node.gid };
  const fields = MODELS[node.type].fields;
  for (const [name, child] of sel.children) {
    const spec = fields.get(name);
    if (spec) out[name] = projectValue(spec, node.get(name), child);
  }
  return out;
}

function projectValue(spec: FieldSpec, value: unknown, sel: Selection): unknown {
  switch (spec.kind) {
    case 'scalar':
      return value;
    case 'struct': {
      if (value === null || value === undefined) return null;
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of sel.children.keys()) out[key] = source[key] ?? null;
      return out;
    }
    case 'ref':
      return value ? project(value as Node, sel) : null;
    case 'refList':
      return (value as Node[]).map((n) => project(n, sel));
    case 'openList':
      return [];
  }
}

function splitTopLevel(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** `a.(b|c).d` → `a.b.d`, `a.c.d`. */
function expandGroups(path: string): string[] {
  const open = path.indexOf('(');
  if (open < 0) return [path];
  let depth = 0;
  let close = -1;
  const splits: number[] = [];
  for (let i = open; i < path.length; i++) {
    const c = path[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      close = i;
      break;
    } else if (c === '|' && depth === 1) splits.push(i);
  }
  if (close < 0) throw badRequest(`opt_fields: Unbalanced parenthesis in "${path}"`);
  const bounds = [open, ...splits, close];
  const head = path.slice(0, open);
  const tails = expandGroups(path.slice(close + 1));
  const out: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    for (const option of expandGroups(path.slice((bounds[i] as number) + 1, bounds[i + 1]))) {
      for (const tail of tails) out.push(head + option + tail);
    }
  }
  if (out.length > MAX_EXPANSIONS) throw badRequest('opt_fields: Too many field paths');
  return out;
}

function addPath(root: RawSelection, path: string, rootType: ResourceType): void {
  const segments = path.replace(/^this\./, '').split('.');
  if (segments.length === 1 && PAGINATION_FIELDS.has(segments[0] as string)) return;
  let node = root;
  let spec: FieldSpec = { kind: 'ref', type: rootType };
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const last = i === segments.length - 1;
    switch (spec.kind) {
      case 'openList':
        return;
      case 'scalar':
        throw unknownField(path, segment, 'a value without fields');
      case 'struct':
        if (!spec.fields.includes(segment)) throw unknownField(path, segment, 'this object');
        break;
      case 'ref':
      case 'refList': {
        if (segment === 'gid') {
          if (!last) throw unknownField(path, segments[i + 1] ?? '', 'a gid');
          return;
        }
        const next = MODELS[spec.type].fields.get(segment);
        if (!next) throw unknownField(path, segment, spec.type);
        spec = next;
        break;
      }
    }
    let child = node.children.get(segment);
    if (!child) node.children.set(segment, (child = { bare: false, children: new Map() }));
    if (last) child.bare = true;
    node = child;
  }
}

function unknownField(path: string, segment: string, on: string): Error {
  return badRequest(`opt_fields: Unknown field "${path}" ("${segment}" is not a field of ${on})`);
}

function finalize(raw: RawSelection, m: ResourceModel): Selection {
  const wanted = new Map(raw.children);
  if (raw.bare) {
    for (const f of m.compact) {
      const existing = wanted.get(f);
      wanted.set(f, existing ? { ...existing, bare: true } : { bare: true, children: new Map() });
    }
  }
  const children = new Map<string, Selection>();
  // Model order, so output key order does not depend on how opt_fields was written.
  for (const [name, spec] of m.fields) {
    const child = wanted.get(name);
    if (!child) continue;
    switch (spec.kind) {
      case 'scalar':
      case 'openList':
        children.set(name, LEAF);
        break;
      case 'struct': {
        const keys = child.bare ? spec.fields : spec.fields.filter((f) => child.children.has(f));
        children.set(name, { children: new Map(keys.map((k) => [k, LEAF])) });
        break;
      }
      case 'ref':
      case 'refList':
        children.set(name, finalize(child, MODELS[spec.type]));
        break;
    }
  }
  return { children };
}
