/**
 * The response schemas and the error mapping under arbitrary input, through the real parsing
 * functions (responses.ts): whatever Asana or something pretending to be Asana sends, the client
 * returns a typed result or a typed error, nothing else, and its messages stay short, readable,
 * and free of what the body carried.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { AsanaError, InvalidResponseError, type AsanaErrorKind, type RequestInfo } from '../../src/asana/errors';
import { errorFromStatus, formatWait, parseEnvelope } from '../../src/asana/responses';
import {
  EmptySchema,
  MembershipSchema,
  TypeaheadUserSchema,
  UserSchema,
  UserWithEmailSchema,
  WorkspaceSchema,
} from '../../src/asana/schemas';
import { parseRetryAfter } from '../../src/asana/timing';
import { anyJson, gidText, hasLoneSurrogate, hostileGid, hostileText, membership, userCompact, userWithEmail, workspace, wrongValue } from './arbitraries';
import { check } from './runs';

const REQUEST: RequestInfo = { method: 'GET', path: '/workspaces' };
const MAX_MESSAGE = 600;

const SCHEMAS: ReadonlyArray<readonly [string, z.ZodMiniType<unknown>]> = [
  ['workspace', WorkspaceSchema],
  ['workspace[]', z.array(WorkspaceSchema)],
  ['membership[]', z.array(MembershipSchema)],
  ['user', UserSchema],
  ['userWithEmail[]', z.array(UserWithEmailSchema)],
  ['typeahead[]', z.array(TypeaheadUserSchema)],
  ['empty', EmptySchema],
];
/** An index, not the schema itself: counterexamples stay readable. */
const schemaArb = fc.nat({ max: SCHEMAS.length - 1 }).map((i) => SCHEMAS[i]!);

/** The contract of parseEnvelope: a value the schema accepts, or an InvalidResponseError; never anything else. */
function parseOrTypedError(body: string, schema: z.ZodMiniType<unknown>): { ok: true; data: unknown; next: string | undefined } | { ok: false; error: InvalidResponseError } {
  try {
    const env = parseEnvelope(body, schema, REQUEST, 200);
    assert.ok(schema.safeParse(env.data).success, 'returned data satisfies the schema');
    assert.ok(env.nextOffset === undefined || (typeof env.nextOffset === 'string' && env.nextOffset.length > 0), 'nextOffset is absent or a token');
    return { ok: true, data: env.data, next: env.nextOffset };
  } catch (e) {
    assert.ok(e instanceof InvalidResponseError, `a typed error, got ${String(e)}`);
    assert.equal(e.kind, 'invalid-response');
    assert.equal(typeof e.field, 'string');
    assert.equal(e.status, 200);
    assert.deepEqual(e.request, REQUEST);
    assertReadable(e.message);
    return { ok: false, error: e };
  }
}

function assertReadable(message: string): void {
  assert.ok(message.length > 0 && message.length <= MAX_MESSAGE, `message length ${message.length}`);
  assert.ok(!/\p{Cc}/u.test(message), `no control characters in ${JSON.stringify(message.slice(0, 200))}`);
  assert.ok(!hasLoneSurrogate(message), 'well-formed text');
}

type Kind = 'string' | 'boolean' | 'array';
interface Shape {
  readonly label: string;
  readonly schema: z.ZodMiniType<unknown>;
  readonly record: fc.Arbitrary<Record<string, unknown>>;
  /** Fields whose type is strict (no null, no absence allowed). */
  readonly strict: ReadonlyArray<readonly [string, Kind]>;
}

const SHAPES: readonly Shape[] = [
  {
    label: 'workspace',
    schema: WorkspaceSchema,
    record: workspace,
    strict: [['gid', 'string'], ['name', 'string'], ['is_organization', 'boolean'], ['email_domains', 'array']],
  },
  {
    label: 'membership',
    schema: MembershipSchema,
    record: membership,
    strict: [['gid', 'string'], ['is_active', 'boolean'], ['is_admin', 'boolean'], ['is_guest', 'boolean'], ['is_view_only', 'boolean'], ['user', 'array']],
  },
  { label: 'user with email', schema: UserWithEmailSchema, record: userWithEmail, strict: [['gid', 'string'], ['name', 'string']] },
  { label: 'typeahead user', schema: TypeaheadUserSchema, record: userCompact, strict: [['gid', 'string'], ['name', 'string']] },
];

function isOfKind(value: unknown, kind: Kind): boolean {
  if (kind === 'string') return typeof value === 'string';
  if (kind === 'boolean') return typeof value === 'boolean';
  // 'array' here means "an object or array the schema needs": any object shape could pass by accident.
  return typeof value === 'object' && value !== null;
}

describe('Property: response schemas and error mapping', function () {
  this.timeout(120_000);

  it('parseEnvelope: any text at all gives typed data or an InvalidResponseError', () => {
    check(
      'parseEnvelope(arbitrary text) → data | InvalidResponseError',
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), hostileText, fc.json({ stringUnit: 'binary' })), schemaArb, (body, [, schema]) => {
        parseOrTypedError(body, schema);
      }),
      1_000,
    );
  });

  it('parseEnvelope: any JSON inside the envelope (data, next_page) gives typed data or an InvalidResponseError', () => {
    const envelope = fc.record({ data: anyJson, next_page: fc.oneof(anyJson, fc.record({ offset: hostileText, path: anyJson, uri: anyJson })) }, { requiredKeys: [] });
    check(
      'parseEnvelope({data: any JSON, next_page: any JSON}) → data | InvalidResponseError',
      fc.property(envelope, schemaArb, (env, [, schema]) => {
        const result = parseOrTypedError(JSON.stringify(env), schema);
        if (!('data' in env)) assert.equal(result.ok, false, 'no data, no result');
      }),
      1_000,
    );
  });

  it('parseEnvelope: valid records with hostile names and emails come back exactly as sent', () => {
    check(
      'parseEnvelope(valid records, unicode/control/huge strings) → same records',
      fc.property(fc.nat({ max: SHAPES.length - 1 }).chain((k) => fc.tuple(fc.constant(k), fc.array(SHAPES[k]!.record, { maxLength: 5 }))), ([k, records]) => {
        const shape = SHAPES[k]!;
        const body = JSON.stringify({ data: records, next_page: null });
        const result = parseOrTypedError(body, z.array(shape.schema));
        assert.ok(result.ok, `valid ${shape.label}s are accepted: ${result.ok ? '' : result.error.message}`);
        // Lone surrogates do not survive a JSON round trip unchanged, and that is JSON's doing, not ours.
        assert.deepEqual(result.data, (JSON.parse(body) as { data: unknown }).data);
        assert.equal(result.next, undefined);
      }),
      500,
    );
  });

  it('parseEnvelope: a wrong type or a missing field in any record is reported with that field’s path', () => {
    const corrupted = fc
      .nat({ max: SHAPES.length - 1 })
      .chain((k) =>
        fc.tuple(
          fc.constant(k),
          fc.array(SHAPES[k]!.record, { minLength: 1, maxLength: 5 }),
          fc.nat(),
          fc.constantFrom(...SHAPES[k]!.strict),
          fc.oneof(fc.constant<'missing'>('missing'), wrongValue),
          fc.boolean(),
        ),
      )
      .filter(([, , , [, kind], bad]) => bad === 'missing' || !isOfKind(bad, kind));
    check(
      'parseEnvelope(one field wrong or missing) → InvalidResponseError naming data[i].field',
      fc.property(corrupted, ([k, records, pick, [field], bad, asList]) => {
        const shape = SHAPES[k]!;
        const i = pick % records.length;
        const target = { ...records[i]! };
        if (bad === 'missing') delete target[field];
        else target[field] = bad;
        const data = asList ? records.map((r, j) => (j === i ? target : r)) : target;
        const result = parseOrTypedError(JSON.stringify({ data }), asList ? z.array(shape.schema) : shape.schema);
        assert.equal(result.ok, false, 'the corruption is caught');
        if (!result.ok) {
          // zod reports the first problem in document order: an earlier record is valid, so it is this one.
          const expected = asList ? `data[${i}].${field}` : `data.${field}`;
          assert.equal(result.error.field, expected);
          assert.ok(result.error.message.includes(`"${expected}"`), result.error.message);
          assert.match(result.error.message, bad === 'missing' ? /is missing/ : /should be|is invalid/);
        }
      }),
      1_000,
    );
  });

  it('parseEnvelope: a gid that is not digits, or a date that is not ISO 8601, anywhere in a record, is refused by name', () => {
    const notIso = (check: z.ZodMiniType<unknown>) =>
      fc
        .oneof(hostileText, fc.constantFrom('2024-02-30', '2024-1-01', '2024-01-01T25:00:00Z', '2024-01-01 10:00:00', '01/02/2024', '2024-01-01T10:00:00', '[x](https://evil.example)'))
        .filter((text) => !check.safeParse(text).success);
    const spots: ReadonlyArray<readonly [string[], fc.Arbitrary<string>]> = [
      [['gid'], hostileGid],
      [['user', 'gid'], hostileGid],
      [['workspace', 'gid'], hostileGid],
      [['user_task_list', 'gid'], hostileGid],
      [['created_at'], notIso(z.iso.datetime({ offset: true }))],
      [['vacation_dates', 'start_on'], notIso(z.iso.date())],
      [['vacation_dates', 'end_on'], notIso(z.iso.date())],
    ];
    const corrupted = fc.nat({ max: spots.length - 1 }).chain((k) => fc.tuple(fc.constant(spots[k]![0]), membership, spots[k]![1]));
    check(
      'parseEnvelope(membership with a non-digit gid or non-ISO date) → InvalidResponseError naming it',
      fc.property(corrupted, ([path, record, bad]) => {
        const target = structuredClone(record) as Record<string, Record<string, unknown> | unknown>;
        const [head, leaf] = path as [string, string | undefined];
        if (leaf === undefined) target[head] = bad;
        else target[head] = { ...((target[head] as Record<string, unknown> | null) ?? (head === 'vacation_dates' ? { start_on: null, end_on: null } : { gid: '1' })), [leaf]: bad };
        const result = parseOrTypedError(JSON.stringify({ data: target }), MembershipSchema);
        assert.equal(result.ok, false, `accepted ${JSON.stringify(bad).slice(0, 80)} at ${path.join('.')}`);
        if (!result.ok) {
          assert.equal(result.error.field, `data.${path.join('.')}`);
          assert.match(result.error.message, /should be|is invalid/);
        }
      }),
      1_000,
    );
  });

  it('parseEnvelope: fields the client did not ask for are dropped, whatever they hold', () => {
    const extra = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['gid', 'name', 'is_organization', 'email_domains', '__proto__'].includes(k)),
      anyJson,
      { minKeys: 1, maxKeys: 4 },
    );
    check(
      'parseEnvelope(workspace + unknown fields) → exactly the known fields',
      fc.property(workspace, extra, gidText, (record, more, gid) => {
        const body = JSON.stringify({ data: [{ ...more, ...record, gid }] });
        const result = parseOrTypedError(body, z.array(WorkspaceSchema));
        assert.ok(result.ok);
        if (result.ok) assert.deepEqual(Object.keys((result.data as object[])[0]!).sort(), ['email_domains', 'gid', 'is_organization', 'name']);
      }),
      500,
    );
  });

  it('parseEnvelope: error messages never echo the body (which may be huge or carry secrets)', () => {
    const marker = 'SECRET-MARKER-7f3a';
    check(
      'parseEnvelope(body with a marker) → message without the marker',
      fc.property(anyJson, schemaArb, fc.nat(), (json, [, schema], where) => {
        const text = JSON.stringify({ data: json, [marker]: marker, note: `${marker} ${where}` });
        const cut = text.slice(0, where % (text.length + 1));
        for (const body of [text, cut, `${marker}${cut}`]) {
          const result = parseOrTypedError(body, schema);
          if (!result.ok) assert.ok(!result.error.message.includes(marker));
        }
      }),
      500,
    );
  });

  const KIND_OF: Record<number, AsanaErrorKind> = {
    400: 'bad-request',
    401: 'unauthorized',
    402: 'payment-required',
    403: 'forbidden',
    404: 'not-found',
    429: 'rate-limited',
  };
  const errorBody = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 100 }),
    anyJson.map((j) => JSON.stringify(j)),
    fc
      .array(fc.record({ message: fc.oneof(hostileText, wrongValue), help: fc.oneof(hostileText, wrongValue), phrase: fc.oneof(hostileText, wrongValue) }, { requiredKeys: [] }), {
        maxLength: 4,
      })
      .map((errors) => JSON.stringify({ errors })),
  );
  const token = fc.stringMatching(/^[0-9]\/[0-9]{16}\/[0-9]{16}:[0-9a-f]{32}$/);

  it('errorFromStatus: any status and body give the AsanaError of that status, short, clean and without the token', () => {
    check(
      'errorFromStatus(any status, any body, token echoed) → typed AsanaError',
      fc.property(
        fc.oneof(fc.constantFrom(400, 401, 402, 403, 404, 409, 429, 451, 500, 502, 503, 504), fc.integer({ min: 100, max: 599 }), fc.integer()),
        errorBody,
        fc.option(fc.nat({ max: 10 ** 9 }), { nil: undefined }),
        token,
        fc.constantFrom('none', 'raw', 'bearer', 'header'),
        (status, body, retryAfterMs, secret, echo) => {
          const echoed = { none: '', raw: secret, bearer: `Bearer ${secret}`, header: `"Authorization": "Bearer ${secret}"` }[echo];
          const withSecret = echoed ? JSON.stringify({ errors: [{ message: `bad token ${echoed}`, phrase: `phrase ${echoed}` }] }) : body;
          for (const b of [body, withSecret]) {
            const e = errorFromStatus(status, b, REQUEST, retryAfterMs, [secret]);
            assert.ok(e instanceof AsanaError);
            const expected = KIND_OF[status] ?? (status >= 500 ? 'server' : 'bad-request');
            assert.equal(e.kind, expected);
            assert.equal(e.status, status);
            assert.deepEqual(e.request, REQUEST);
            assertReadable(e.message);
            assert.ok(!e.message.includes(secret), 'the token is not in the message');
            if (e.kind === 'server') assert.ok(!(e as { phrase?: string }).phrase?.includes(secret), 'nor in the phrase');
            if (status === 429) assert.equal((e as { retryAfterMs?: number }).retryAfterMs, retryAfterMs);
          }
        },
      ),
      2_000,
    );
  });

  it('errorFromStatus: a 5xx quotes Asana’s phrase, and a 4xx Asana’s message, when they are plain text', () => {
    const plain = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0 && !/[\p{Cc}]/u.test(s));
    check(
      'errorFromStatus(5xx with phrase | 4xx with message) → quoted',
      fc.property(fc.integer({ min: 400, max: 599 }), plain, plain, (status, message, phrase) => {
        const e = errorFromStatus(status, JSON.stringify({ errors: [{ message, phrase }] }), REQUEST);
        if (status >= 500) assert.ok(e.message.includes(phrase.trim()), e.message);
        else if (status !== 401 && status !== 429) assert.ok(e.message.includes(message.trim()), e.message);
      }),
      1_000,
    );
  });

  it('parseRetryAfter: the first whole number of seconds counts; anything JavaScript would read as a date in 2001 does not', () => {
    const seconds = fc.nat({ max: 100_000 });
    check(
      'parseRetryAfter("n" | "n, m" | "+n" | "n.m" | "n m") → n s | n s | unknown | unknown | unknown',
      fc.property(seconds, seconds, (n, m) => {
        assert.equal(parseRetryAfter(`${n}`), n * 1000);
        assert.equal(parseRetryAfter(`${n}, ${m}`), n * 1000);
        assert.equal(parseRetryAfter([`${n}`, `${m}`]), n * 1000);
        for (const garbage of [`+${n}`, `${n}.${m}`, `${n} ${m}`, `-${n}`, `${n}s`]) assert.equal(parseRetryAfter(garbage), undefined, garbage);
      }),
      500,
    );
  });

  it('parseRetryAfter: any header value is a finite wait ≥ 0 or "unknown", never NaN or Infinity', () => {
    const header = fc.oneof(
      hostileText,
      fc.stringMatching(/^\s*-?\d{1,500}(\.\d{0,5})?\s*$/),
      fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.constant(undefined),
    );
    check(
      'parseRetryAfter(any) → undefined | finite ms ≥ 0; formatWait → "N s" | "N min" | "more than a year"',
      fc.property(header, (value) => {
        const ms = parseRetryAfter(value, 1_700_000_000_000);
        if (ms === undefined) return;
        assert.ok(Number.isFinite(ms) && ms >= 0 && Number.isInteger(ms), String(ms));
        assert.match(formatWait(ms), /^(\d+ (s|min)|more than a year)$/);
      }),
      1_000,
    );
  });
});
