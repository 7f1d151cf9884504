import * as assert from 'node:assert/strict';
import { parseUserList } from '../../../src/members/parseUserList';

describe('parsing a list of people', () => {
  it('splits on commas, semicolons, spaces and new lines, and de-duplicates emails by case', () => {
    const parsed = parseUserList('a@acme.test, B@acme.test;\nb@ACME.test  123\tme');
    assert.deepEqual(parsed.refs, ['a@acme.test', 'B@acme.test', '123', 'me']);
    assert.deepEqual(parsed.invalid, []);
  });

  it('takes the address out of "Name <email>"', () => {
    assert.deepEqual(parseUserList('Ada Lovelace <ada@acme.test>, "Grace H." <grace@acme.test>').refs, ['ada@acme.test', 'grace@acme.test']);
  });

  it('reports each bad entry with a reason and keeps the good ones', () => {
    const parsed = parseUserList('good@acme.test bad@ nobody');
    assert.deepEqual(parsed.refs, ['good@acme.test']);
    assert.deepEqual(parsed.invalid.map((i) => i.input), ['bad@', 'nobody']);
    assert.match(parsed.invalid[0]!.message, /not a valid email/);
  });

  it('gives nothing for empty or blank input', () => {
    assert.deepEqual(parseUserList(' \n\t ,;; '), { refs: [], invalid: [] });
  });

  it('caps a huge paste', () => {
    const many = Array.from({ length: 600 }, (_, i) => `p${i}@acme.test`).join('\n');
    const parsed = parseUserList(many);
    assert.equal(parsed.refs.length, 500);
    assert.match(parsed.invalid.at(-1)!.message, /At most 500/);
  });
});
