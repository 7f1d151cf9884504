/** The emulator's pure building blocks, tested without HTTP. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { truncatedJson, withExtraField, withoutField } from './faults';
import { compareGid, indexAfterGid } from './gid';
import { mulberry32 } from './prng';
import { OffsetCodec, parseLimit } from './pagination';
import { nameFromEmail } from './routes/memberships';
import { generateSeed } from './seed';
import { compareText, fold, slug, words } from './text';

describe('emulator: building blocks', function () {
  describe('text', () => {
    it('folds accents, special letters and case, and keeps other scripts', () => {
      assert.equal(fold('Zoë Ångström'), 'zoe angstrom');
      assert.equal(fold('Søren Weiß Łukasz Đorđe Þór'), 'soren weiss lukasz dorde thor');
      assert.equal(fold('李雷'), '李雷');
      assert.equal(slug("O'Brien"), 'obrien');
      assert.equal(slug('van der Berg'), 'van-der-berg');
      assert.deepEqual(words('Müller-Lüdenscheidt, Anna'), ['muller', 'ludenscheidt', 'anna']);
    });

    it('orders names by folded text, independent of the ICU build', () => {
      assert.deepEqual(['Zoë', 'zoe', 'Ångström', 'Adam'].sort(compareText), ['Adam', 'Ångström', 'Zoë', 'zoe']);
    });
  });

  describe('gids', () => {
    it('compares numerically, beyond 2^53', () => {
      assert.ok(compareGid('9', '10') < 0);
      assert.ok(compareGid('12000000000000000001', '12000000000000000002') < 0);
      fc.assert(
        fc.property(fc.bigInt({ min: 1n, max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 20n }), (a, b) => {
          assert.equal(Math.sign(compareGid(String(a), String(b))), a < b ? -1 : a > b ? 1 : 0);
        }),
      );
    });

    it('finds where a cursor resumes in a gid-ordered list', () => {
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 10_000 })), fc.integer({ min: 0, max: 10_001 }), (nums, cursor) => {
          const items = [...nums].sort((a, b) => a - b).map((n) => ({ gid: String(n) }));
          const i = indexAfterGid(items, String(cursor), (x) => x.gid);
          assert.equal(i, items.filter((x) => Number(x.gid) <= cursor).length);
        }),
      );
    });
  });

  describe('offsets', () => {
    it('round-trip for the same listing and user only', () => {
      const codec = new OffsetCodec();
      const token = codec.issue('listing-a', 'u1', '1300000000000042', 60_000);
      assert.match(token, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/, 'JWT-shaped, like the real ones');
      assert.equal(codec.verify(token, 'listing-a', 'u1'), '1300000000000042');
      assert.throws(() => codec.verify(token, 'listing-b', 'u1'), /different request/);
      assert.throws(() => codec.verify(token, 'listing-a', 'u2'), /different user/);
      assert.throws(() => new OffsetCodec().verify(token, 'listing-a', 'u1'), /signature/);
      codec.expireAll();
      assert.throws(() => codec.verify(token, 'listing-a', 'u1'), /expired/);
      assert.throws(() => codec.verify(codec.issue('l', 'u', 'c', -1), 'l', 'u'), /expired/);
    });

    it('parses limit strictly', () => {
      assert.equal(parseLimit(null), undefined);
      assert.equal(parseLimit('100'), 100);
      for (const bad of ['0', '101', '1e2', ' ', '5.0']) assert.throws(() => parseLimit(bad), /^Error: limit: |limit: /);
    });
  });

  describe('fault payloads', () => {
    it('truncated JSON never parses', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          const text = JSON.stringify({ data: value });
          assert.throws(() => JSON.parse(truncatedJson(text)));
        }),
      );
    });

    it('removes dotted paths from every record and adds unknown fields', () => {
      const data = [{ gid: '1', user: { gid: '2', name: 'A' } }, { gid: '3', user: { gid: '4' } }];
      assert.deepEqual(withoutField(data, 'user.gid'), [{ gid: '1', user: { name: 'A' } }, { gid: '3', user: {} }]);
      assert.deepEqual(withoutField({ gid: '1', name: 'x' }, 'name'), { gid: '1' });
      assert.deepEqual(Object.keys(withExtraField({ gid: '1' }, 'novel') as object), ['gid', 'novel']);
      assert.deepEqual(data[0], { gid: '1', user: { gid: '2', name: 'A' } }, 'input untouched');
    });
  });

  describe('seed', () => {
    it('is a pure function of the seed', () => {
      assert.deepEqual(Array.from({ length: 5 }, mulberry32(42)), Array.from({ length: 5 }, mulberry32(42)));
      const a = generateSeed(11, 120);
      const b = generateSeed(11, 120);
      assert.equal(JSON.stringify([a.users, a.memberships, a.workspaces, a.seedTokens]), JSON.stringify([b.users, b.memberships, b.workspaces, b.seedTokens]));
    });

    it('keeps its promises for any size and seed', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 3, max: 400 }), (seed, size) => {
          const d = generateSeed(seed, size);
          const acme = d.memberships.filter((m) => m.workspace === d.info.workspaces.acme);
          assert.equal(acme.filter((m) => m.is_active).length, size);
          const pairs = new Set(d.memberships.filter((m) => m.is_active).map((m) => `${m.user}/${m.workspace}`));
          assert.equal(pairs.size, d.memberships.filter((m) => m.is_active).length, 'at most one active membership per user and workspace');
          assert.equal(new Set(d.users.map((u) => u.email)).size, d.users.length);
          for (let i = 1; i < d.memberships.length; i++) assert.ok(compareGid(d.memberships[i - 1]?.gid ?? '', d.memberships[i]?.gid ?? '') < 0);
        }),
        { numRuns: 25 },
      );
    });
  });

  it('names an invitee from the email local part', () => {
    assert.equal(nameFromEmail('jane.doe@acme.test'), 'Jane Doe');
    assert.equal(nameFromEmail('j_r-r+tolkien@acme.test'), 'J R R Tolkien');
    assert.equal(nameFromEmail('x@acme.test'), 'X');
  });
});
