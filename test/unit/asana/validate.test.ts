import * as assert from 'node:assert/strict';
import { InvalidInputError } from '../../../src/asana/errors';
import { isEmail, isGid, requireCount, requireUserRef, requireWorkspaceName } from '../../../src/asana/validate';

describe('input validation', () => {
  it('accepts ordinary and international email addresses', () => {
    for (const ok of ['a@b.co', 'first.last+tag@acme.test', 'zoë@exämple.de', 'x_y-z@sub.domain.org']) {
      assert.ok(isEmail(ok), ok);
    }
  });

  it('refuses malformed email addresses', () => {
    for (const bad of ['', 'plain', '@acme.test', 'a@', 'a@b', 'a b@acme.test', 'a@@b.co', 'a@b.c', 'a\n@b.co', 'a@b..co', `${'x'.repeat(65)}@acme.test`]) {
      assert.equal(isEmail(bad), false, JSON.stringify(bad));
    }
  });

  it('knows gids are digit strings, including ones too long for a JS number', () => {
    assert.ok(isGid('1200000000000001'));
    assert.ok(isGid('12000000000000012345'));
    assert.equal(isGid('12a'), false);
    assert.equal(isGid(''), false);
    assert.equal(isGid('-1'), false);
  });

  it('resolves user references and explains refusals', () => {
    assert.equal(requireUserRef(' Me '), 'me');
    assert.equal(requireUserRef(' 123 '), '123');
    assert.equal(requireUserRef('a@b.co'), 'a@b.co');
    assert.throws(() => requireUserRef('   '), (e: unknown) => e instanceof InvalidInputError && /email address/.test(e.message));
    assert.throws(() => requireUserRef('bob@'), (e: unknown) => e instanceof InvalidInputError && /not a valid email/.test(e.message));
    assert.throws(() => requireUserRef('bob'), (e: unknown) => e instanceof InvalidInputError && /neither an email/.test(e.message));
  });

  it('asks for a user when the reference is blank, rather than calling blank neither an email nor an id', () => {
    assert.throws(() => requireUserRef('   '), (e: unknown) => e instanceof InvalidInputError && e.message === 'Enter an email address, a user id or "me".' && e.field === 'user');
  });

  it('shortens very long input in messages', () => {
    const long = 'x'.repeat(10_000);
    assert.throws(
      () => requireUserRef(long),
      (e: unknown) => e instanceof Error && e.message.length < 200,
    );
  });

  it('refuses empty, unchanged, multi-line and over-long workspace names', () => {
    assert.equal(requireWorkspaceName('  New name  '), 'New name');
    assert.throws(() => requireWorkspaceName(' \t '), /cannot be empty/);
    assert.throws(() => requireWorkspaceName('Same', 'Same'), /same as the current/);
    assert.throws(() => requireWorkspaceName('two\nlines'), /line breaks/);
    assert.throws(() => requireWorkspaceName('n'.repeat(2000)), /too long/);
    assert.equal(requireWorkspaceName('שלום עולם'), 'שלום עולם');
  });

  it('names the name field when a new workspace name is the current one', () => {
    assert.throws(() => requireWorkspaceName('Same', 'Same'), (e: unknown) => e instanceof InvalidInputError && e.field === 'name');
  });

  it('bounds counts', () => {
    assert.equal(requireCount(20, 1, 100, 'count'), 20);
    assert.throws(() => requireCount(0, 1, 100, 'count'), /from 1 to 100/);
    assert.throws(() => requireCount(101, 1, 100, 'count'), /from 1 to 100/);
    assert.throws(() => requireCount(1.5, 1, 100, 'count'), /whole number/);
  });
});
