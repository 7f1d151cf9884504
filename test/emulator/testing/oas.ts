/**
 * Asana's OpenAPI spec as a response validator. The spec is 3 MB, so it is parsed once per run.
 * Two checks: ajv against the operation's declared schema, and a stricter one the spec cannot
 * express (it never sets additionalProperties: false): every key the emulator sends must be
 * declared somewhere in that schema.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

interface Spec {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
}

const SPEC_ID = 'https://asana-emulator.test/asana_oas.json';

export function specPath(): string {
  const fromEnv = process.env.ASANA_OAS_PATH;
  if (fromEnv) return fromEnv;
  // out/test/emulator/testing → out/test/emulator; shared/ sits beside the repository folder.
  const emulatorOutDir = path.resolve(__dirname, '..');
  const shared = path.resolve(emulatorOutDir, '../../../../shared/asana/asana_oas.yaml');
  if (fs.existsSync(shared)) return shared;
  // The vendored copy: test/emulator/spec (source tree, not out/).
  return path.resolve(emulatorOutDir, '../../../test/emulator/spec/asana_oas.yaml');
}

let loaded: { spec: Spec; ajv: Ajv } | undefined;
const validators = new Map<string, ValidateFunction>();

function load(): { spec: Spec; ajv: Ajv } {
  if (loaded) return loaded;
  const file = specPath();
  if (!fs.existsSync(file)) throw new Error(`Asana OpenAPI spec not found at ${file}; set ASANA_OAS_PATH`);
  const spec = parse(fs.readFileSync(file, 'utf8'), { maxAliasCount: -1 }) as Spec;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  // ajv-formats is not installed; these are close enough. `uri` also accepts a bare domain
  // because email_domains is declared `format: uri` but holds "acme.test" (CONTRACT.md §4.8).
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(s) || /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(s));
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
  // The whole document under one $id, so '#/components/schemas/…' refs resolve inside it.
  ajv.addSchema({ $id: SPEC_ID, components: spec.components, paths: spec.paths });
  loaded = { spec, ajv };
  return loaded;
}

function pointer(...segments: string[]): string {
  return segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/** The schema of an operation's 200 body, e.g. responseSchema('get', '/workspaces'). */
export function responseSchema(method: string, specPathTemplate: string): Json {
  const { spec } = load();
  const op = spec.paths[specPathTemplate]?.[method.toLowerCase()] as Json | undefined;
  const schema = (((op?.responses as Json | undefined)?.['200'] as Json | undefined)?.content as Json | undefined)?.['application/json'] as Json | undefined;
  if (!schema?.schema) throw new Error(`no 200 schema for ${method} ${specPathTemplate}`);
  return schema.schema as Json;
}

/** The opt_fields enum an operation declares. */
export function optFieldsEnum(method: string, specPathTemplate: string): string[] {
  const { spec } = load();
  const op = spec.paths[specPathTemplate]?.[method.toLowerCase()] as { parameters?: Json[] } | undefined;
  const param = op?.parameters?.find((p) => p.name === 'opt_fields') as { schema?: { items?: { enum?: string[] } } } | undefined;
  return param?.schema?.items?.enum ?? [];
}

function validatorFor(ref: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v) {
    const { ajv } = load();
    v = ajv.getSchema(`${SPEC_ID}#/${ref}`);
    if (!v) throw new Error(`schema not found: ${ref}`);
    validators.set(ref, v);
  }
  return v;
}

/**
 * Validates a 200 body against the operation's schema; returns human-readable problems.
 * `strict: false` skips the undeclared-field check, for listings asked for more than their
 * compact records (check those items with checkComponent against the full record instead).
 */
export function checkResponse(method: string, specPathTemplate: string, body: unknown, opts: { strict?: boolean } = {}): string[] {
  const ref = pointer('paths', specPathTemplate, method.toLowerCase(), 'responses', '200', 'content', 'application/json', 'schema');
  return check(ref, responseSchema(method, specPathTemplate), body, opts.strict ?? true);
}

/** Validates an error body against components.schemas.ErrorResponse. */
export function checkError(body: unknown): string[] {
  const { spec } = load();
  return check(pointer('components', 'schemas', 'ErrorResponse'), spec.components.schemas.ErrorResponse as Json, body);
}

/** Validates against a named component schema, e.g. 'WorkspaceMembershipResponse'. */
export function checkComponent(name: string, value: unknown): string[] {
  const { spec } = load();
  return check(pointer('components', 'schemas', name), spec.components.schemas[name] as Json, value);
}

function check(ref: string, schema: Json, body: unknown, strict = true): string[] {
  const v = validatorFor(ref);
  const problems = v(body) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} (${e.schemaPath})`);
  if (strict) undeclaredKeys(schema, body, '', problems);
  return problems;
}

function resolve(schema: Json): Json {
  let s = schema;
  for (let guard = 0; typeof s.$ref === 'string' && guard < 20; guard++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    s = load().spec.components.schemas[name] as Json;
  }
  return s;
}

/** Every property name declared by a schema, through $ref and allOf. */
function declared(schema: Json): Map<string, Json> {
  const s = resolve(schema);
  const out = new Map<string, Json>();
  for (const part of (s.allOf as Json[] | undefined) ?? []) for (const [k, v] of declared(part)) out.set(k, v);
  for (const [k, v] of Object.entries((s.properties as Record<string, Json> | undefined) ?? {})) out.set(k, v);
  return out;
}

function isObjectSchema(schema: Json): boolean {
  const s = resolve(schema);
  return s.type === 'object' || s.properties !== undefined || s.allOf !== undefined;
}

function undeclaredKeys(schema: Json, value: unknown, at: string, problems: string[]): void {
  const s = resolve(schema);
  if (Array.isArray(value)) {
    if (s.items) value.forEach((v, i) => undeclaredKeys(s.items as Json, v, `${at}/${i}`, problems));
    return;
  }
  if (typeof value !== 'object' || value === null || !isObjectSchema(s) || s.additionalProperties !== undefined) return;
  const props = declared(s);
  for (const [k, v] of Object.entries(value)) {
    const sub = props.get(k);
    if (!sub) problems.push(`${at || '/'} has undeclared field "${k}"`);
    else undeclaredKeys(sub, v, `${at}/${k}`, problems);
  }
}
