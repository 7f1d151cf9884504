/** Edges the mutation run found unguarded: every month of an HTTP date, non-http schemes to loopback, spaced header names, the redaction marker. */
import * as assert from 'node:assert/strict';
import { parseBaseUrl } from '../../../src/asana/baseUrl';
import { redactEmails } from '../../../src/asana/personalData';
import { redact } from '../../../src/asana/redact';
import { parseRetryAfter } from '../../../src/asana/timing';

describe('small edges', () => {
  it('reads an HTTP date in every month', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    months.forEach((month, i) => {
      const now = Date.UTC(2026, i, 15, 10, 0, 0);
      assert.equal(parseRetryAfter(`Mon, 15 ${month} 2026 10:00:30 GMT`, now), 30_000, month);
    });
  });

  it('refuses schemes other than http and https, even to this machine', () => {
    for (const raw of ['ftp://localhost/api', 'ws://127.0.0.1/api']) assert.throws(() => parseBaseUrl(raw), /must use https/, raw);
  });

  it('redacts an Authorization value written with spaces before the colon', () => {
    assert.equal(redact('authorization : secret-value'), 'authorization : [redacted]');
  });

  it('marks a removed address with <redacted email>', () => {
    assert.equal(redactEmails('to ada@acme.test'), 'to <redacted email>');
  });
});
