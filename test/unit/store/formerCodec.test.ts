// Former members on disk: what goes out comes back exactly, and a file that is not exactly ours is refused whole.
import * as assert from 'node:assert/strict';
import { decodeFormer, encodeFormer, MAX_FORMER_MEMBERS, type FormerMember } from '../../../src/store/formerCodec';
import { SnapshotRefused } from '../../../src/store/snapshotCodec';

const owner = { accountGid: '100', apiBaseUrl: 'https://app.asana.com/api/1.0/' };
const ws = { gid: '200' };
const ada: FormerMember = { userGid: '300', membershipGid: '301', name: 'Ada', email: 'ada@acme.test', group: 'admins', lastSeenAt: 1_700_000_000_000 };
const bob: FormerMember = { userGid: '310', membershipGid: '311', name: 'Bob', email: undefined, group: 'viewOnly', lastSeenAt: 1_700_000_500_000 };

describe('former members codec', () => {
  it('takes as many rows as MAX_FORMER_MEMBERS, and refuses one more, saying how many', () => {
    const text = encodeFormer(owner, ws, { savedAt: 5, former: [ada] });
    const row = JSON.parse(text).rows[0];
    const full = { ...JSON.parse(text), rows: Array.from({ length: MAX_FORMER_MEMBERS }, () => row) };
    assert.equal(decodeFormer(JSON.stringify(full), owner, ws).former.length, MAX_FORMER_MEMBERS);
    full.rows.push(row);
    assert.throws(() => decodeFormer(JSON.stringify(full), owner, ws), new RegExp(`^.*${MAX_FORMER_MEMBERS + 1} rows, more than ${MAX_FORMER_MEMBERS}`));
  });

  it('round-trips every field, a missing email included', () => {
    const text = encodeFormer(owner, ws, { savedAt: 5, former: [ada, bob] });
    assert.deepEqual(decodeFormer(text, owner, ws), { savedAt: 5, former: [ada, bob] });
  });

  it('refuses another account, another workspace, and each malformed field of a row', () => {
    const text = encodeFormer(owner, ws, { savedAt: 5, former: [ada] });
    assert.throws(() => decodeFormer(text, { ...owner, accountGid: '101' }, ws), SnapshotRefused);
    assert.throws(() => decodeFormer(text, owner, { gid: '201' }), /another workspace/);
    const good = ['300', '301', 'Ada', 'ada@acme.test', 0, 1_700_000_000_000];
    const bad: [number, unknown][] = [[0, 'x1'], [1, 301], [2, null], [3, 7], [4, 4], [4, 1.5], [5, -1], [5, 0], [5, 'soon'], [5, '5'], [5, null]];
    for (const [field, value] of bad) {
      const row: unknown[] = [...good];
      row[field] = value;
      const record = { ...JSON.parse(text), rows: [row] };
      assert.throws(() => decodeFormer(JSON.stringify(record), owner, ws), /former member row 0 is malformed/, `field ${field} = ${String(value)}`);
    }
    const short = { ...JSON.parse(text), rows: [good.slice(0, 5)] };
    assert.throws(() => decodeFormer(JSON.stringify(short), owner, ws), /malformed/);
    const long = { ...JSON.parse(text), rows: [[...good, 'more']] };
    assert.throws(() => decodeFormer(JSON.stringify(long), owner, ws), /former member row 0 is malformed/);
    // JSON has no Infinity, but a number too big for a double parses as one.
    const endless = JSON.stringify({ ...JSON.parse(text), rows: [good] }).replace('1700000000000', '1e999');
    assert.throws(() => decodeFormer(endless, owner, ws), /former member row 0 is malformed/);
    const notRows = { ...JSON.parse(text), rows: {} };
    assert.throws(() => decodeFormer(JSON.stringify(notRows), owner, ws), /no former member rows/);
  });
});
