import * as assert from 'node:assert/strict';
import { displayText, hasHiddenCharacters, logText } from '../../../src/util/displayText';

describe('displayText: server text as one safe line', () => {
  it('turns every kind of line break, tab and control character into a space', () => {
    for (const br of ['\n', '\r', '\r\n', '\v', '\f', '\u0085', '\u2028', '\u2029', '\t', '\u0000', '\u0007', '\u001b', '\u007f', '\u009b']) {
      assert.equal(displayText(`Ada${br}Lovelace`), 'Ada Lovelace', JSON.stringify(br));
    }
  });

  it('removes direction overrides, embeddings, isolates and marks, so text shows in the order it is stored', () => {
    assert.equal(displayText('abc\u202efdp.exe'), 'abcfdp.exe');
    for (const bidi of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c']) {
      assert.equal(displayText(`a${bidi}b`), 'ab', `U+${bidi.codePointAt(0)!.toString(16)}`);
    }
  });

  it('replaces broken UTF-16 and leaves everything else as it is', () => {
    assert.equal(displayText('a\ud800b\udfffc'), 'a\ufffdb\ufffdc');
    for (const fine of ['Zoë Ångström', 'שלום עולם', 'مساحة العمل', '👩‍👩‍👧‍👦', '张伟', 'O\'Brien "Ada" <a@b.co> [x](y)']) {
      assert.equal(displayText(fine), fine);
      assert.equal(hasHiddenCharacters(fine), false);
    }
    assert.equal(hasHiddenCharacters('a\u202eb'), true);
  });
});

describe('logText: a message that cannot forge log entries', () => {
  it('indents every continuation line, whatever the line break', () => {
    const forged = 'Ada\n2026-01-01 12:00:00.000 [info] Signed in as admin';
    assert.equal(logText(forged), 'Ada\n    2026-01-01 12:00:00.000 [info] Signed in as admin');
    for (const br of ['\r', '\r\n', '\u2028', '\u2029', '\u0085', '\v', '\f']) {
      const lines = logText(`a${br}b`).split('\n');
      assert.deepEqual(lines, ['a', '    b'], JSON.stringify(br));
    }
  });

  it('is idempotent, so a message cleaned twice is not indented twice', () => {
    const once = logText('Error: boom\n    at f (x.js:1:1)\n    at g (x.js:2:2)');
    assert.equal(once, 'Error: boom\n    at f (x.js:1:1)\n    at g (x.js:2:2)');
    assert.equal(logText(once), once);
  });

  it('shows controls and direction characters as escapes instead of acting on them', () => {
    assert.equal(logText('abc\u202efdp.exe'), 'abc\\u202efdp.exe');
    assert.equal(logText('bell\u0007 esc\u001b[31m'), 'bell\\u0007 esc\\u001b[31m');
    assert.equal(logText('broken \ud800'), 'broken \\ud800');
    assert.equal(logText('tab\tstays'), 'tab\tstays');
  });
});
