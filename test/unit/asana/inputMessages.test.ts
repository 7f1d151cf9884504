/**
 * What a refusal of typed input says: the input quoted so that hidden characters show, long input
 * cut, and the exact limits of names, counts, gids and addresses.
 */
import * as assert from 'node:assert/strict';
import { InvalidInputError } from '../../../src/asana/errors';
import { isEmail, requireCount, requireGid, requireUserRef, requireWorkspaceName } from '../../../src/asana/validate';

function refusal(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof InvalidInputError, String(e));
    return e;
  }
  assert.fail('expected a refusal');
}

describe('input refusals', () => {
  it('quote the input with hidden characters escaped, as typed otherwise', () => {
    assert.equal(refusal(() => requireGid('12a', 'workspace')).message, 'workspace must be an Asana id made of digits; got "12a".');
    assert.equal(refusal(() => requireGid('1\u200b2', 'workspace')).message, 'workspace must be an Asana id made of digits; got "1\\u200b2".');
    assert.equal(refusal(() => requireGid('a\u0000b', 'membership')).message, 'membership must be an Asana id made of digits; got "a\\u0000b".');
    assert.equal(refusal(() => requireGid('x\u{e0041}', 'workspace')).message, 'workspace must be an Asana id made of digits; got "x\\u{e0041}".');
    assert.equal(refusal(() => requireGid('say "hi"\\', 'workspace')).message, 'workspace must be an Asana id made of digits; got \u201csay "hi"\\\u201d.');
    assert.equal(refusal(() => requireGid('12a', 'workspace')).field, 'workspace');
  });

  it('cut quoted input at 60 characters, escapes included', () => {
    assert.equal(refusal(() => requireUserRef('x'.repeat(60))).message, `"${'x'.repeat(60)}" is neither an email address nor a user id. Enter something like name@example.com.`);
    assert.equal(refusal(() => requireUserRef('x'.repeat(61))).message, `"${'x'.repeat(60)}…" is neither an email address nor a user id. Enter something like name@example.com.`);
    // 55 letters and an escape of six characters: the escape does not fit, so it is left out whole.
    assert.equal(refusal(() => requireGid(`${'a'.repeat(55)}\u200bb`, 'workspace')).message, `workspace must be an Asana id made of digits; got "${'a'.repeat(55)}…".`);
  });

  it('take gids and user references trimmed, "me" in any case', () => {
    assert.equal(requireGid(' 123 ', 'workspace'), '123');
    assert.equal(requireUserRef('ME'), 'me');
    assert.equal(requireUserRef(' ada@acme.test '), 'ada@acme.test');
    assert.equal(refusal(() => requireUserRef('')).field, 'user');
    assert.equal(refusal(() => requireUserRef('bob@')).message, '"bob@" is not a valid email address.');
  });

  it('refuse a separator or an invisible character anywhere in an address', () => {
    for (const c of [' ', '@', '<', '>', '(', ')', '[', ']', '\\', ',', ';', ':', '"', '\u0007', '\u200b']) {
      for (const address of [`a${c}b@acme.test`, `ab@ac${c}me.test`, `ab@acme.te${c}st`]) {
        assert.equal(isEmail(address), false, JSON.stringify(address));
      }
    }
    for (const address of ['a@.acme.test', 'a@acme.test.', 'a@acme.t.', '@', 'a@acme', 'xa@b.co\n', '\na@b.co']) {
      assert.equal(isEmail(address), false, JSON.stringify(address));
    }
    assert.ok(isEmail('a.b@acme.test'));
    assert.ok(isEmail('a@x.y.acme.test'));
  });

  it('bound each part of an address: 64 before the @, 63 a label, 2 to 63 the last', () => {
    assert.ok(isEmail(`${'a'.repeat(64)}@acme.test`));
    assert.ok(isEmail(`a@${'b'.repeat(63)}.test`));
    assert.equal(isEmail(`a@${'b'.repeat(64)}.test`), false);
    assert.ok(isEmail('a@acme.te'));
    assert.ok(isEmail(`a@acme.${'t'.repeat(63)}`));
    assert.equal(isEmail(`a@acme.${'t'.repeat(64)}`), false);
  });

  it('take gids of 1 to 32 digits only', () => {
    assert.equal(requireGid('1'.repeat(32), 'workspace'), '1'.repeat(32));
    for (const bad of ['1'.repeat(33), 'x1', '1x', '1 2', '']) assert.throws(() => requireGid(bad, 'workspace'), InvalidInputError, bad);
  });

  it('show line and paragraph separators and lone surrogates as escapes', () => {
    assert.equal(
      refusal(() => requireGid('a\u2028b\u2029c\ud800', 'workspace')).message,
      'workspace must be an Asana id made of digits; got "a\\u2028b\\u2029c\\ud800".',
    );
  });

  it('bound an address at 254 characters', () => {
    const at254 = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    assert.equal(at254.length, 254);
    assert.ok(isEmail(at254));
    assert.equal(isEmail(`${at254.slice(0, -1)}dd`), false);
  });

  it('bound workspace names at 1,024 characters, and refuse invisible ones', () => {
    assert.equal(requireWorkspaceName('n'.repeat(1_024)), 'n'.repeat(1_024));
    assert.equal(refusal(() => requireWorkspaceName('n'.repeat(1_025))).message, 'The workspace name is too long (1025 characters; at most 1024).');
    assert.equal(refusal(() => requireWorkspaceName('\u200b\u200d')).message, 'The workspace name cannot be made of invisible characters only.');
    assert.equal(refusal(() => requireWorkspaceName('tab\there')).message, 'The workspace name cannot contain line breaks or control characters.');
    assert.equal(refusal(() => requireWorkspaceName('  ')).field, 'name');
    assert.equal(requireWorkspaceName('New', 'Old'), 'New');
  });

  it('say which whole numbers a count may be', () => {
    assert.equal(requireCount(1, 1, 100, 'count'), 1);
    assert.equal(requireCount(100, 1, 100, 'count'), 100);
    const e = refusal(() => requireCount(0, 1, 100, 'pageSize'));
    assert.equal(e.message, 'pageSize must be a whole number from 1 to 100; got 0.');
    assert.equal(e.field, 'pageSize');
  });
});
