/**
 * What a person reads when Asana says no: each status becomes one error kind with a fixed message,
 * the server's words are quoted clean and short, and waits read as seconds or minutes. The UI
 * branches on `kind` and `transient`, so those are pinned for every class.
 */
import * as assert from 'node:assert/strict';
import * as z from 'zod/mini';
import type {
  AsanaError} from '../../../src/asana/errors';
import {
  BadRequestError,
  CancelledError,
  ForbiddenError,
  InvalidInputError,
  InvalidResponseError,
  isAsanaError,
  NetworkError,
  NotFoundError,
  PaymentRequiredError,
  RateLimitedError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
} from '../../../src/asana/errors';
import { errorFromStatus, formatWait, parseEnvelope } from '../../../src/asana/responses';
import { MembershipSchema, UserSchema, WorkspaceSchema } from '../../../src/asana/schemas';

const REQUEST = { method: 'GET', path: '/workspaces/1' };

function envelope(...errors: Array<{ message?: string; phrase?: string }>): string {
  return JSON.stringify({ errors });
}

function refusal(body: string, schema: z.ZodMiniType<unknown> = WorkspaceSchema): InvalidResponseError {
  try {
    parseEnvelope(body, schema, REQUEST, 200);
  } catch (e) {
    assert.ok(e instanceof InvalidResponseError, String(e));
    return e;
  }
  assert.fail(`accepted ${body.slice(0, 100)}`);
}

describe('error kinds', () => {
  it('give every class its kind, its name and whether trying again may help', () => {
    const cases: Array<[AsanaError, string, boolean]> = [
      [new InvalidInputError('m', 'f'), 'invalid-input', false],
      [new BadRequestError('m'), 'bad-request', false],
      [new UnauthorizedError('m'), 'unauthorized', false],
      [new PaymentRequiredError('m'), 'payment-required', false],
      [new ForbiddenError('m'), 'forbidden', false],
      [new NotFoundError('m'), 'not-found', false],
      [new RateLimitedError('m', 1_000), 'rate-limited', true],
      [new ServerError('m', 'phrase'), 'server', true],
      [new NetworkError('m'), 'network', true],
      [new TimeoutError('m'), 'timeout', true],
      [new InvalidResponseError('m', 'data'), 'invalid-response', false],
      [new ResponseTooLargeError('m', 10), 'invalid-response', false],
      [new CancelledError(), 'cancelled', false],
    ];
    for (const [e, kind, transient] of cases) {
      assert.equal(e.kind, kind, e.constructor.name);
      assert.equal(e.transient, transient, e.constructor.name);
      assert.equal(e.name, e.constructor.name);
      assert.ok(isAsanaError(e));
    }
    assert.equal(isAsanaError(new Error('plain')), false);
  });

  it('keep the status, the request and the cause they were given, and only those', () => {
    const cause = new Error('socket hang up');
    const e = new NetworkError('m', { status: 502, request: REQUEST, cause });
    assert.equal(e.status, 502);
    assert.deepEqual(e.request, REQUEST);
    assert.equal(e.cause, cause);
    const bare = new NetworkError('m');
    assert.equal(bare.status, undefined);
    assert.equal(bare.request, undefined);
    assert.ok(!('cause' in bare), 'no cause property when there was none');
    assert.equal(new InvalidInputError('m', 'email').field, 'email');
    assert.equal(new ResponseTooLargeError('m', 10, { status: 200 }).field, '');
    assert.equal(new CancelledError(REQUEST).request, REQUEST);
    assert.equal(new CancelledError().request, undefined);
  });
});

describe('errorFromStatus', () => {
  it('maps each status to its error, quoting Asana’s message as a sentence', () => {
    const body = envelope({ message: 'workspace: Not a recognized ID' });
    const cases: Array<[number, new (...a: never[]) => AsanaError, string]> = [
      [400, BadRequestError, 'Asana rejected the request. workspace: Not a recognized ID.'],
      [
        401,
        UnauthorizedError,
        'Asana did not accept the access token: it may be mistyped, expired or revoked. Sign in again with a valid personal access token.',
      ],
      [402, PaymentRequiredError, 'This needs a paid Asana plan. workspace: Not a recognized ID.'],
      [403, ForbiddenError, 'You do not have permission to do this in Asana. workspace: Not a recognized ID.'],
      [404, NotFoundError, 'Asana could not find it: it may have been deleted, or you no longer have access. workspace: Not a recognized ID.'],
      [409, BadRequestError, 'Asana answered HTTP 409. workspace: Not a recognized ID.'],
      [499, BadRequestError, 'Asana answered HTTP 499. workspace: Not a recognized ID.'],
    ];
    for (const [status, type, message] of cases) {
      const e = errorFromStatus(status, body, REQUEST);
      assert.ok(e instanceof type, `${status}: ${e.constructor.name}`);
      assert.equal(e.message, message);
      assert.equal(e.status, status);
      assert.deepEqual(e.request, REQUEST);
    }
  });

  it('adds nothing when Asana gave no words, and no second full stop when it ended its own sentence', () => {
    assert.equal(errorFromStatus(400, '', REQUEST).message, 'Asana rejected the request.');
    assert.equal(errorFromStatus(400, 'not json', REQUEST).message, 'Asana rejected the request.');
    assert.equal(errorFromStatus(400, JSON.stringify({ errors: 'no' }), REQUEST).message, 'Asana rejected the request.');
    assert.equal(errorFromStatus(400, envelope({}), REQUEST).message, 'Asana rejected the request.');
    assert.equal(errorFromStatus(400, envelope({ message: '  \n ' }), REQUEST).message, 'Asana rejected the request.');
    assert.equal(errorFromStatus(403, envelope({ message: 'Not allowed!' }), REQUEST).message, 'You do not have permission to do this in Asana. Not allowed!');
    assert.equal(errorFromStatus(400, envelope({ message: 'Really?' }), REQUEST).message, 'Asana rejected the request. Really?');
    assert.equal(errorFromStatus(400, envelope({ message: 'Done.' }), REQUEST).message, 'Asana rejected the request. Done.');
  });

  it('ends a message with a full stop when its only punctuation is inside it', () => {
    assert.equal(errorFromStatus(400, envelope({ message: 'v1.0 is not supported' }), REQUEST).message, 'Asana rejected the request. v1.0 is not supported.');
  });

  it('joins several messages, flattens line breaks and leaves the token out', () => {
    const token = '2/1200000000000001/1209999999999:abcdef0123456789';
    const body = envelope({ message: 'first' }, { message: '' }, { message: `line\r\nbreak ${token}` });
    assert.equal(errorFromStatus(400, body, REQUEST, undefined, [token]).message, 'Asana rejected the request. first; line break [redacted].');
  });

  it('cuts a long message to 300 characters, never inside a surrogate pair', () => {
    const long = errorFromStatus(400, envelope({ message: 'x'.repeat(1_000) }), REQUEST).message;
    assert.equal(long, `Asana rejected the request. ${'x'.repeat(299)}….`);
    const exact = errorFromStatus(400, envelope({ message: 'y'.repeat(300) }), REQUEST).message;
    assert.equal(exact, `Asana rejected the request. ${'y'.repeat(300)}.`);
    // 298 letters and an emoji: the cut at 299 would fall between its two halves.
    const emoji = errorFromStatus(400, envelope({ message: `${'z'.repeat(298)}😀😀` }), REQUEST).message;
    assert.equal(emoji, `Asana rejected the request. ${'z'.repeat(298)}….`);
  });

  it('keeps the whole cut when an emoji earlier in a long message is not at the cut', () => {
    const early = errorFromStatus(400, envelope({ message: `😀${'w'.repeat(1_000)}` }), REQUEST).message;
    assert.equal(early, `Asana rejected the request. 😀${'w'.repeat(297)}….`);
  });

  it('quotes the first phrase of a 5xx, clean and at most 100 characters', () => {
    const e = errorFromStatus(503, envelope({ message: 'Server Error' }, { phrase: '6 sad squid' }, { phrase: 'second' }), REQUEST);
    assert.ok(e instanceof ServerError);
    assert.equal(e.phrase, '6 sad squid');
    assert.equal(e.message, 'Asana had a problem on its side (HTTP 503) (Asana\'s error phrase: "6 sad squid"). Try again in a moment.');
    const none = errorFromStatus(500, envelope({ message: 'Server Error' }), REQUEST);
    assert.ok(none instanceof ServerError);
    assert.equal(none.phrase, undefined);
    assert.equal(none.message, 'Asana had a problem on its side (HTTP 500). Try again in a moment.');
    const blank = errorFromStatus(500, envelope({ phrase: '\u0007\u0007' }), REQUEST);
    assert.ok(blank instanceof ServerError);
    assert.equal(blank.phrase, undefined, 'a phrase of control characters only is no phrase');
    const long = errorFromStatus(500, envelope({ phrase: 'p'.repeat(150) }), REQUEST);
    assert.ok(long instanceof ServerError);
    assert.equal(long.phrase, `${'p'.repeat(99)}…`);
  });

  it('says how long Asana asked to wait on a 429, when it said', () => {
    const told = errorFromStatus(429, '', REQUEST, 30_000);
    assert.ok(told instanceof RateLimitedError);
    assert.equal(told.retryAfterMs, 30_000);
    assert.equal(told.message, 'Asana is rate limiting requests from this token. Asana asked to wait 30 s. Try again later.');
    const untold = errorFromStatus(429, '', REQUEST);
    assert.ok(untold instanceof RateLimitedError);
    assert.equal(untold.message, 'Asana is rate limiting requests from this token. Try again later.');
  });
});

describe('formatWait', () => {
  it('reads seconds up to two minutes, minutes after, rounded up', () => {
    assert.equal(formatWait(0), '0 s');
    assert.equal(formatWait(1), '1 s');
    assert.equal(formatWait(1_000), '1 s');
    assert.equal(formatWait(1_001), '2 s');
    assert.equal(formatWait(119_000), '119 s');
    assert.equal(formatWait(120_000), '2 min');
    assert.equal(formatWait(121_000), '3 min');
    assert.equal(formatWait(365 * 24 * 3_600_000), '525600 min');
    assert.equal(formatWait(365 * 24 * 3_600_000 + 1), 'more than a year');
    assert.equal(formatWait(Number.NaN), 'more than a year');
  });
});

describe('parseEnvelope', () => {
  it('returns the data and the offset of the next page, or none', () => {
    const ws = { gid: '1', name: 'W', is_organization: false, email_domains: [] };
    assert.deepEqual(parseEnvelope(JSON.stringify({ data: ws }), WorkspaceSchema, REQUEST, 200), { data: ws, nextOffset: undefined });
    assert.deepEqual(parseEnvelope(JSON.stringify({ data: [ws], next_page: null }), z.array(WorkspaceSchema), REQUEST, 200), {
      data: [ws],
      nextOffset: undefined,
    });
    assert.deepEqual(parseEnvelope(JSON.stringify({ data: [ws], next_page: { offset: 'eyJ0' } }), z.array(WorkspaceSchema), REQUEST, 200), {
      data: [ws],
      nextOffset: 'eyJ0',
    });
  });

  it('refuses bodies that are not an envelope, with the status and request', () => {
    for (const body of ['[]', 'null', '"data"', '42', '{}', '{"errors":[]}']) {
      const e = refusal(body);
      assert.equal(e.field, 'data', body);
      assert.equal(e.message, 'Asana sent a response without its "data" field.');
      assert.equal(e.status, 200);
      assert.deepEqual(e.request, REQUEST);
    }
    const cut = refusal('{"data": [');
    assert.equal(cut.field, '');
    assert.ok(cut.cause instanceof SyntaxError);
    const bad = refusal(JSON.stringify({ data: { gid: '1', name: 'W', is_organization: false, email_domains: [] }, next_page: { offset: '' } }));
    assert.equal(bad.field, 'next_page');
    assert.equal(bad.message, 'Asana sent a malformed "next_page".');
  });

  it('names the offending field, with list indexes, and says what is wrong with it', () => {
    const ws = { gid: '1', name: 'W', is_organization: false, email_domains: [] };
    const missing = refusal(JSON.stringify({ data: [ws, { ...ws, name: undefined }] }), z.array(WorkspaceSchema));
    assert.equal(missing.field, 'data[1].name');
    assert.equal(missing.message, 'Asana sent a response in an unexpected shape: field "data[1].name" is missing.');
    const wrongType = refusal(JSON.stringify({ data: { ...ws, is_organization: 'yes' } }));
    assert.equal(wrongType.message, 'Asana sent a response in an unexpected shape: field "data.is_organization" should be boolean.');
    const nullRecord = refusal(JSON.stringify({ data: null }));
    assert.equal(nullRecord.field, 'data');
    assert.equal(nullRecord.message, 'Asana sent a response in an unexpected shape: field "data" should be object.');
    const nested = refusal(JSON.stringify({ data: { gid: '1', name: 'U', workspaces: [{ gid: '2', name: 7 }] } }), UserSchema);
    assert.equal(nested.field, 'data.workspaces[0].name');
    assert.equal(nested.message, 'Asana sent a response in an unexpected shape: field "data.workspaces[0].name" should be string.');
  });

  it('describes formats in its own words, never repeating the value', () => {
    const m = {
      gid: '1',
      user: { gid: '2', name: 'Ada' },
      workspace: { gid: '3', name: 'Acme' },
      is_active: true,
      is_admin: false,
      is_guest: false,
      is_view_only: false,
      created_at: null,
      vacation_dates: { start_on: 'soon', end_on: null },
      user_task_list: null,
    };
    const date = refusal(JSON.stringify({ data: m }), MembershipSchema);
    assert.equal(date.message, 'Asana sent a response in an unexpected shape: field "data.vacation_dates.start_on" should be an ISO 8601 date.');
    const gid = refusal(JSON.stringify({ data: { ...m, vacation_dates: null, gid: 'soon' } }), MembershipSchema);
    assert.equal(gid.message, 'Asana sent a response in an unexpected shape: field "data.gid" should be an Asana id (digits).');
    const long = refusal(JSON.stringify({ data: 'x' }), z.string().check(z.maxLength(0)));
    assert.equal(long.message, 'Asana sent a response in an unexpected shape: field "data" is too long.');
    const other = refusal(JSON.stringify({ data: 'x' }), z.literal('y'));
    assert.equal(other.message, 'Asana sent a response in an unexpected shape: field "data" is invalid.');
    const email = refusal(JSON.stringify({ data: 'x' }), z.string().check(z.email()));
    assert.equal(email.message, 'Asana sent a response in an unexpected shape: field "data" should be in another format.');
  });
});
