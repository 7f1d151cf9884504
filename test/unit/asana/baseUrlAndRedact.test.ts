import * as assert from 'node:assert/strict';
import { DEFAULT_BASE_URL, parseBaseUrl } from '../../../src/asana/baseUrl';
import { redact, redactHeaders } from '../../../src/asana/redact';

describe('API base URL', () => {
  it('defaults to Asana and trims a trailing slash', () => {
    assert.equal(parseBaseUrl(undefined).href, DEFAULT_BASE_URL);
    assert.equal(parseBaseUrl('  ').href, DEFAULT_BASE_URL);
    assert.equal(parseBaseUrl('https://example.com/api/1.0/').href, 'https://example.com/api/1.0');
  });

  it('allows plain http only to this machine', () => {
    assert.equal(parseBaseUrl('http://127.0.0.1:4000/api/1.0').host, '127.0.0.1:4000');
    assert.equal(parseBaseUrl('http://localhost:4000/api/1.0').hostname, 'localhost');
    assert.equal(parseBaseUrl('http://[::1]:4000/api/1.0').hostname, '[::1]');
    for (const bad of ['http://app.asana.com/api/1.0', 'http://10.0.0.1/api', 'http://127.0.0.1.evil.test/api', 'ftp://x/y']) {
      assert.throws(() => parseBaseUrl(bad), /https/, bad);
    }
  });

  it('refuses garbage, credentials and queries', () => {
    assert.throws(() => parseBaseUrl('not a url'), /not a valid URL/);
    assert.throws(() => parseBaseUrl('https://u:p@app.asana.com/api/1.0'), /user name or password/);
    assert.throws(() => parseBaseUrl('https://app.asana.com/api/1.0?x=1'), /query/);
  });
});

describe('redaction', () => {
  it('removes bearer tokens, Authorization values and known secrets', () => {
    const token = '2/1200000000000001/1209999999999:abcdef0123456789';
    assert.equal(redact(`Authorization: Bearer ${token}`).includes(token), false);
    assert.equal(redact(`{"authorization":"${token}"}`).includes(token), false);
    assert.equal(redact(`failed for ${token}!`, [token]), 'failed for [redacted]!');
    assert.equal(redact('short ab', ['ab']), 'short ab');
    assert.deepEqual(redactHeaders({ Authorization: `Bearer ${token}`, accept: 'application/json' }), {
      Authorization: '[redacted]',
      accept: 'application/json',
    });
  });
});
