/**
 * SortedRows against a plain sorted array: any mix of inserts (held back until a read), reads and
 * removals gives the same rows in the same order; and foldText's ASCII shortcut folds as the
 * Unicode path does.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldText } from '../../../src/store/foldText';
import { SortedRows, type SortedRow } from '../../../src/store/sortedRows';

type Op = { kind: 'insert'; keys: string[] } | { kind: 'remove'; keys: string[] } | { kind: 'read'; start: number; end: number } | { kind: 'find'; key: string };

const key = fc.string({ maxLength: 6 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), keys: fc.array(key, { maxLength: 20 }) }),
  fc.record({ kind: fc.constant('remove' as const), keys: fc.array(key, { maxLength: 12 }) }),
  fc.record({ kind: fc.constant('read' as const), start: fc.nat(30), end: fc.nat(40) }),
  fc.record({ kind: fc.constant('find' as const), key }),
);

describe('SortedRows', () => {
  it('holds what a sorted array holds, in the same order, whatever the mix of inserts, reads and removals', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const rows = new SortedRows();
        let model: string[] = [];
        for (const o of ops) {
          if (o.kind === 'insert') {
            // The caller's promise: keys not present yet, each once.
            const fresh = [...new Set(o.keys)].filter((k) => !model.includes(k));
            rows.insertMany(fresh.map((k): SortedRow => ({ key: k, gid: k })));
            model = [...model, ...fresh].sort();
            assert.equal(rows.length, model.length, 'the length counts rows not merged yet');
          } else if (o.kind === 'remove') {
            const keys = new Set(o.keys);
            if (keys.size === 1) rows.remove([...keys][0]!);
            else rows.removeMany(keys);
            model = model.filter((k) => !keys.has(k));
          } else if (o.kind === 'read') {
            assert.deepEqual(rows.slice(o.start, o.end).map((r) => r.key), model.slice(o.start, o.end));
            assert.equal(rows.at(o.start)?.key, model[o.start]);
          } else {
            assert.equal(rows.indexOf(o.key), model.indexOf(o.key));
          }
        }
        assert.deepEqual(rows.slice(0, rows.length).map((r) => r.key), model);
      }),
      { numRuns: 300 },
    );
  });
});

describe('SortedRows.remove and clear', () => {
  it('says whether a row was removed, and clear() leaves nothing, pending rows included', () => {
    const rows = new SortedRows();
    rows.insertMany([{ key: 'b', gid: '2' }, { key: 'a', gid: '1' }]);
    assert.equal(rows.remove('c'), false);
    assert.equal(rows.remove('a'), true);
    assert.equal(rows.remove('a'), false);
    rows.insertMany([{ key: 'd', gid: '4' }]);
    rows.clear();
    assert.equal(rows.length, 0);
    assert.deepEqual(rows.slice(0, 5), []);
    rows.insertMany([{ key: 'e', gid: '5' }]);
    assert.deepEqual(rows.slice(0, 5), [{ key: 'e', gid: '5' }]);
  });
});

describe('foldText', () => {
  it('folds ASCII through its shortcut exactly as through the Unicode path', () => {
    // The Unicode path, with what it adds to lower case: ß as "ss", and σ for a final ς.
    const unicodeFold = (s: string): string =>
      s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ');
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii' }), (s) => foldText(s) === unicodeFold(s)), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => foldText(s) === unicodeFold(s)), { numRuns: 500 });
    assert.equal(foldText('Zoë Ångström'), 'zoe angstrom');
    assert.equal(foldText("O'Brien"), "o'brien");
    assert.equal(foldText('ς'), 'σ', 'the counterexample fast-check found');
    assert.equal(foldText('Strauß'), 'strauss');
  });
});
