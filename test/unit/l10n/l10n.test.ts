// The shared l10n.t: English with its placeholders filled in plain Node, VS Code's translator once handed over.
import * as assert from 'node:assert/strict';
import { english, l10n, useTranslator, type Translator } from '../../../src/util/l10n';

describe('l10n.t', () => {
  afterEach(() => useTranslator(english));

  it('fills {0}, {1}… with the arguments, in any order and more than once', () => {
    assert.equal(l10n.t('Added {0} of {1}; {2} failed.', 2, 3, 1), 'Added 2 of 3; 1 failed.');
    assert.equal(l10n.t('{1} before {0}, {0} again', 'a', 'b'), 'b before a, a again');
    assert.equal(l10n.t('{0} is {1}', 'x', false), 'x is false');
  });

  it('leaves a placeholder without an argument, other braces and $-patterns as written', () => {
    assert.equal(l10n.t('{0} and {1}', 'one'), 'one and {1}');
    assert.equal(l10n.t('@{name} <{email}> {0}', '$&$1'), '@{name} <{email}> $&$1');
    assert.equal(l10n.t('No placeholders.'), 'No placeholders.');
  });

  it('formats the comment form with its args', () => {
    assert.equal(l10n.t({ message: 'was {0}', args: ['admin'], comment: 'a role' }), 'was admin');
    assert.equal(l10n.t({ message: 'admin', comment: ['a badge'] }), 'admin');
  });

  it('hands every message to the translator once one is set, the comment form with its comment', () => {
    const seen: unknown[] = [];
    useTranslator(((...args: unknown[]) => {
      seen.push(args);
      return 'translated';
    }) as Translator);
    assert.equal(l10n.t('Hello {0}', 'Ada'), 'translated');
    assert.equal(l10n.t({ message: 'admin', args: [1], comment: 'a badge' }), 'translated');
    assert.deepEqual(seen, [['Hello {0}', 'Ada'], [{ message: 'admin', args: [1], comment: 'a badge' }]]);
  });
});
