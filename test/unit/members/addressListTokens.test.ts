import * as assert from 'node:assert/strict';
import { tokenizeAddressList, type AddressToken } from '../../../src/members/addressListTokens';

const word = (text: string): AddressToken => ({ kind: 'word', text });
const quoted = (text: string): AddressToken => ({ kind: 'quoted', text });
const angle = (text: string): AddressToken => ({ kind: 'angle', text });
const BREAK: AddressToken = { kind: 'break' };
const COMMA: AddressToken = { kind: 'comma' };

describe('tokenizing pasted address lists', () => {
  it('ends an entry at every kind of line break and at a semicolon', () => {
    for (const br of ['\n', '\r', '\u2028', '\u2029', '\u0085', ';']) {
      assert.deepEqual(tokenizeAddressList(`a${br}b`), [word('a'), BREAK, word('b')], JSON.stringify(br));
    }
    assert.deepEqual(tokenizeAddressList('a\r\nb'), [word('a'), BREAK, BREAK, word('b')]);
  });

  it('splits words at any space, ASCII or not, and at separators, but not at other characters', () => {
    for (const space of [' ', '\t', '\v', '\f', '\u00a0', '\u2003', '\u3000']) {
      assert.deepEqual(tokenizeAddressList(`${space}a${space}b${space}`), [word('a'), word('b')], JSON.stringify(space));
    }
    assert.deepEqual(tokenizeAddressList('zoë.ångström@exämple.test'), [word('zoë.ångström@exämple.test')]);
    assert.deepEqual(tokenizeAddressList('a,b;c<d@x.test>'), [word('a'), COMMA, word('b'), BREAK, word('c'), angle('d@x.test')]);
    assert.deepEqual(tokenizeAddressList('a>b'), [word('a>b')], 'a lone ">" is part of a word');
  });

  it('reads the address between < and >, trimmed, only on one line', () => {
    assert.deepEqual(tokenizeAddressList('< ada@x.test >'), [angle('ada@x.test')]);
    assert.deepEqual(tokenizeAddressList('<>'), [angle('')]);
    assert.deepEqual(tokenizeAddressList('<ada@x.test\n>'), [word('<ada@x.test'), BREAK, word('>')]);
    assert.deepEqual(tokenizeAddressList('x<a <b@x.test>'), [word('x'), angle('a <b@x.test')], 'the first < opens it');
  });

  it('still reads a later "<…>" after an earlier "<" that never closed', () => {
    assert.deepEqual(tokenizeAddressList('<a\n<b@x.test>'), [word('<a'), BREAK, angle('b@x.test')]);
    assert.deepEqual(tokenizeAddressList('<a <b'), [word('<a'), word('<b')]);
  });

  it('unescapes \\" and \\\\ in a quoted name, which must close on its line before a separator', () => {
    assert.deepEqual(tokenizeAddressList('"a \\"b\\" \\\\c"'), [quoted('a "b" \\c')]);
    assert.deepEqual(tokenizeAddressList('"a b",c'), [quoted('a b'), COMMA, word('c')]);
    assert.deepEqual(tokenizeAddressList('"a b"<c@x.test>'), [quoted('a b'), angle('c@x.test')]);
    assert.deepEqual(tokenizeAddressList('""'), [quoted('')]);
    // Not closed where it should be: the quote is an ordinary character.
    assert.deepEqual(tokenizeAddressList('"a b"c'), [word('"a'), word('b"c')]);
    assert.deepEqual(tokenizeAddressList('"a\nb"'), [word('"a'), BREAK, word('b"')]);
    assert.deepEqual(tokenizeAddressList('"a\\'), [word('"a\\')]);
    assert.deepEqual(tokenizeAddressList('"a\\\n"'), [word('"a\\'), BREAK, word('"')], 'a backslash does not escape a line break');
  });
});
