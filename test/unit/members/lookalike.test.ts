import * as assert from 'node:assert/strict';
import { lookalikeWarning, mixedScriptParts } from '../../../src/members/lookalike';
import { english, useTranslator } from '../../../src/util/l10n';
import { showKeys } from '../../helpers/showKeys';

describe('look-alike email addresses', () => {
  it('flags a Cyrillic letter in a Latin local part, naming the letter and its code point', () => {
    assert.equal(lookalikeWarning('\u0430da@example.com'), '\u0430da@example.com contains Cyrillic letter (\u0430 U+0430) that looks like a Latin one.');
  });

  it('flags a mixed domain label, Greek as well as Cyrillic', () => {
    const warning = lookalikeWarning('ada@ex\u0430mple.c\u03bfm');
    assert.match(warning ?? '', /Cyrillic letter \(\u0430 U\+0430\) that looks like a Latin one, and Greek letter \(\u03bf U\+03BF\) that looks like a Latin one\.$/);
    assert.deepEqual(
      mixedScriptParts('ada@ex\u0430mple.c\u03bfm').map((p) => [p.part, p.main, p.others.map((o) => o.script)]),
      [['ex\u0430mple', 'Latin', ['Cyrillic']], ['c\u03bfm', 'Latin', ['Greek']]],
    );
  });

  it('names a Latin letter hidden in a Cyrillic word the same way', () => {
    assert.match(lookalikeWarning('\u0438\u0432\u0430\u043do\u0432@example.ru') ?? '', /Latin letter \(o U\+006F\) that looks like a Cyrillic one/);
  });

  it('lists several distinct letters once each', () => {
    const [part] = mixedScriptParts('\u0430d\u0430\u0435xyz@example.com');
    assert.deepEqual(part?.others, [{ script: 'Cyrillic', letters: ['\u0430', '\u0435'] }]);
    assert.match(lookalikeWarning('\u0430d\u0430\u0435xyz@example.com') ?? '', /Cyrillic letters \(\u0430 U\+0430, \u0435 U\+0435\) that look like Latin ones\.$/);
  });

  it('accepts addresses in one script per part, digits and punctuation included', () => {
    for (const fine of [
      'ada@example.com',
      'first.last+tag_1@sub-domain.example.co.uk',
      'zo\u00eb.\u00e5ngstr\u00f6m@exa\u0308mple.de', // accents and combining marks are Latin
      '\u0438\u0432\u0430\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444', // all Cyrillic
      'ivan@\u043f\u0440\u0438\u043c\u0435\u0440.com', // a Cyrillic label beside Latin ones is how IDNs look
      '\u03b1\u03b8\u03b7\u03bd\u03ac@example.gr',
      '\u5f20\u4f1f@example.cn',
      '\u3084\u307e\u3060\u592a\u90ce@example.jp', // Japanese mixes kana and Han by nature
      '12345@example.com',
    ]) {
      assert.equal(lookalikeWarning(fine), undefined, fine);
    }
  });

  it('describes other mixes without claiming they look alike', () => {
    assert.equal(lookalikeWarning('ada\u5f20@example.com'), 'ada\u5f20@example.com contains CJK letter (\u5f20 U+5F20) mixed with Latin ones in "ada\u5f20".');
  });

  it('says several letters of a script that does not look like the rest in the plural', () => {
    assert.equal(
      lookalikeWarning('ada\u5f20\u4f1f@example.com'),
      'ada\u5f20\u4f1f@example.com contains CJK letters (\u5f20 U+5F20, \u4f1f U+4F1F) mixed with Latin ones in "ada\u5f20\u4f1f".',
    );
  });

  it('looks each part of the warning up under its own key: every form keeps its comment for translators', () => {
    useTranslator(showKeys);
    try {
      const scripts = `/part of "x contains …": {0} and {2} are scripts (Cyrillic, Latin)]`;
      const and = `[, and /joins the parts of "x contains …"]`;
      const address = '\u0430da\u5f20@\u0430\u0435xample\u5f20\u4f1f.com';
      assert.equal(
        lookalikeWarning(address),
        `[${address} contains ` +
          [
            `[Cyrillic letter (\u0430 U+0430) that looks like a Latin one${scripts}`,
            `[CJK letter (\u5f20 U+5F20) mixed with Latin ones in "\u0430da\u5f20"${scripts}`,
            `[Cyrillic letters (\u0430 U+0430, \u0435 U+0435) that look like Latin ones${scripts}`,
            `[CJK letters (\u5f20 U+5F20, \u4f1f U+4F1F) mixed with Latin ones in "\u0430\u0435xample\u5f20\u4f1f"${scripts}`,
          ].join(and) +
          '.]',
      );
    } finally {
      useTranslator(english);
    }
  });

  it('ignores text that is not an address, and keeps direction characters out of the message', () => {
    assert.equal(lookalikeWarning('no address here'), undefined);
    assert.equal(lookalikeWarning('@example.com'), undefined);
    assert.ok(!/\u202e/.test(lookalikeWarning('\u0430da\u202e@example.com') ?? '\u202e'));
  });

  it('knows each script it names, and which of them are drawn like Latin', () => {
    const cases: Array<[letter: string, script: string, looksLatin: boolean]> = [
      ['\u0430', 'Cyrillic', true],
      ['\u03bf', 'Greek', true],
      ['\u0585', 'Armenian', true],
      ['\u13aa', 'Cherokee', true],
      ['\u10d0', 'Georgian', false],
      ['\u05d0', 'Hebrew', false],
      ['\u0627', 'Arabic', false],
      ['\u0905', 'Devanagari', false],
      ['\u0e01', 'Thai', false],
      ['\u5f20', 'CJK', false],
      ['\u3042', 'CJK', false],
      ['\u30a2', 'CJK', false],
      ['\uac00', 'CJK', false],
      ['\u3105', 'CJK', false],
      ['\u1200', 'other', false], // Ethiopic: a script with no group of its own
    ];
    for (const [letter, script, looksLatin] of cases) {
      const address = `adam${letter}@example.com`;
      const code = letter.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      const named = `${script} letter (${letter} U+${code})`;
      const expected = looksLatin ? `${address} contains ${named} that looks like a Latin one.` : `${address} contains ${named} mixed with Latin ones in "adam${letter}".`;
      assert.equal(lookalikeWarning(address), expected, script);
    }
  });

  it('takes the script with most letters as the main one, Latin on a tie whichever comes first', () => {
    const mains = (address: string) => mixedScriptParts(address).map((p) => `${p.main}/${p.others.map((o) => o.script).join()}`);
    assert.deepEqual(mains('\u0430b@example.com'), ['Latin/Cyrillic']);
    assert.deepEqual(mains('b\u0430@example.com'), ['Latin/Cyrillic']);
    assert.deepEqual(mains('\u0430\u0431c@example.com'), ['Cyrillic/Latin']);
    assert.deepEqual(mains('c\u0430\u0431@example.com'), ['Cyrillic/Latin']);
    assert.deepEqual(mains('\u03b1\u0430@example.com'), ['Greek/Cyrillic'], 'no Latin in the tie: the first script seen');
  });

  it('names five letters of a script and marks the rest with an ellipsis', () => {
    const five = '\u0430\u0431\u0432\u0433\u0434';
    assert.equal(
      lookalikeWarning(`abcdefghij${five}@example.com`),
      `abcdefghij${five}@example.com contains Cyrillic letters (\u0430 U+0430, \u0431 U+0431, \u0432 U+0432, \u0433 U+0433, \u0434 U+0434) that look like Latin ones.`,
    );
    assert.match(lookalikeWarning(`abcdefghij${five}\u0435@example.com`) ?? '', /\u0434 U\+0434, …\) that look like Latin ones\.$/);
  });

  it('judges the address after its last @, and not one that starts with @', () => {
    assert.deepEqual(mixedScriptParts('a@b@ex\u0430mple.com').map((p) => p.part), ['ex\u0430mple']);
    assert.deepEqual(mixedScriptParts('@ex\u0430mple.com'), []);
    assert.deepEqual(mixedScriptParts('\u0430@ex\u0430mple.com').map((p) => p.part), ['ex\u0430mple'], 'a one-letter local part mixes nothing');
  });
});
