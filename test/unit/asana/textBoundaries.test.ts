/**
 * Where secrets and personal data stop at the client's edge: the exact reach of token redaction,
 * header redaction, the base-URL rule, and log URLs below trace level.
 */
import * as assert from 'node:assert/strict';
import { isLoopbackHost, parseBaseUrl } from '../../../src/asana/baseUrl';
import { InvalidInputError } from '../../../src/asana/errors';
import { pathForLog, urlForLog } from '../../../src/asana/logUrl';
import { REDACTED_EMAIL } from '../../../src/asana/personalData';
import { redact, redactHeaders } from '../../../src/asana/redact';

describe('redact', () => {
  it('takes out known secrets of eight characters or more, wherever they are', () => {
    assert.equal(redact('a 12345678 b 12345678', ['12345678']), 'a [redacted] b [redacted]');
    assert.equal(redact('a 1234567 b', ['1234567']), 'a 1234567 b');
    // The whole token goes, commas and quotes included, before the patterns could cut it in two.
    assert.equal(redact('x-token: ab,cd"ef;gh!', ['ab,cd"ef;gh']), 'x-token: [redacted]!');
    assert.equal(redact('nothing to hide'), 'nothing to hide');
  });

  it('takes out bearer values and Authorization values, keeping what surrounds them', () => {
    assert.equal(redact('sent Bearer abc.def-123, then'), 'sent Bearer [redacted], then');
    assert.equal(redact('BEARER\tq1w2e3'), 'BEARER\t[redacted]');
    assert.equal(redact('Bearer   spaced-out'), 'Bearer   [redacted]');
    assert.equal(redact('{"Authorization": "Basic dXNlcjpw", "x": 1}'), '{"Authorization": "[redacted]", "x": 1}');
    assert.equal(redact('authorization=tok123\nnext line'), 'authorization=[redacted]\nnext line');
    assert.equal(redact('Authorization: Bearer abc'), 'Authorization: [redacted]');
  });

  it('takes the credentials out of a URL that starts the text, or whose scheme has a digit', () => {
    assert.equal(redact('http://ada:pw@proxy:3128 refused the tunnel'), 'http://[redacted]@proxy:3128 refused the tunnel');
    assert.equal(redact('socks5://ada:pw@proxy:1080'), 'socks5://[redacted]@proxy:1080');
  });

  it('redactHeaders hides authorization and cookies in any case, joins lists and drops absent values', () => {
    assert.deepEqual(
      redactHeaders({
        authorization: 'Bearer x',
        COOKIE: 'a=1',
        'Set-Cookie': ['a=1', 'b=2'],
        vary: ['accept', 'origin'],
        etag: undefined,
        'x-request-id': '42',
      }),
      { authorization: '[redacted]', COOKIE: '[redacted]', 'Set-Cookie': '[redacted]', vary: 'accept, origin', 'x-request-id': '42' },
    );
  });
});

describe('the API base URL', () => {
  it('knows loopback hosts, and only them', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['127.0.0', '127.0.0.1.nip.io', 'x127.0.0.1', '128.0.0.1', 'localhost.evil', '0.0.0.0', '127.0.0.1234']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });

  it('names what is wrong, and trims every trailing slash', () => {
    assert.equal(parseBaseUrl('https://example.com/api/1.0///').href, 'https://example.com/api/1.0');
    assert.equal(parseBaseUrl('  https://example.com/api  ').href, 'https://example.com/api');
    const refusals: Array<[string, string]> = [
      ['http://app.asana.com/api/1.0', 'The Asana API URL must use https (plain http is allowed only for localhost); got "http://app.asana.com".'],
      ['https://:secret@app.asana.com/api', 'The Asana API URL must not contain a user name or password.'],
      ['https://user@app.asana.com/api', 'The Asana API URL must not contain a user name or password.'],
      ['https://app.asana.com/api#top', 'The Asana API URL must not contain a query or a fragment.'],
      ['nope', 'The Asana API URL "nope" is not a valid URL.'],
    ];
    for (const [raw, message] of refusals) {
      assert.throws(
        () => parseBaseUrl(raw),
        (e: unknown) => e instanceof InvalidInputError && e.message === message && e.field === 'baseUrl',
        raw,
      );
    }
  });
});

describe('log URLs below trace', () => {
  it('leave out address segments, encoded or not, and keep undecodable ones as they are', () => {
    assert.equal(pathForLog('/users/ada@acme.test', false), `/users/${REDACTED_EMAIL}`);
    assert.equal(pathForLog('/users/ada%40acme.test/workspace_memberships', false), `/users/${REDACTED_EMAIL}/workspace_memberships`);
    assert.equal(pathForLog('/users/ada%40acme.test', true), '/users/ada%40acme.test');
    assert.equal(pathForLog('/users/%E0%A4%A/x', false), '/users/%E0%A4%A/x');
  });

  it('keep a URL without a query as its path', () => {
    assert.equal(urlForLog(new URL('https://app.asana.com/api/1.0/users/ada%40acme.test'), false), `/api/1.0/users/${REDACTED_EMAIL}`);
    assert.equal(urlForLog(new URL('https://app.asana.com/api/1.0/workspaces'), false), '/api/1.0/workspaces');
    assert.equal(urlForLog(new URL('https://app.asana.com/api/1.0/x?query=a%40b.c'), false), '/api/1.0/x?query="…" (5 chars)');
  });
});
