import * as assert from 'node:assert/strict';
import { RecentUsers, type RecentScope } from '../../../src/search/recentUsers';
import { MemoryMemento } from '../../helpers/memoryMemento';

const person = (n: number) => ({ gid: String(100 + n), name: `Person ${n}` });

const ws = (workspaceGid: string, accountGid = '42', apiBaseUrl = 'https://app.asana.com/api/1.0/'): RecentScope => ({ apiBaseUrl, accountGid, workspaceGid });

describe('recently picked people', () => {
  it('has nobody for a workspace where nobody was picked', () => {
    assert.deepEqual(new RecentUsers(new MemoryMemento()).list(ws('1')), []);
  });

  it('lists the latest pick first, each person once, at most eight', async () => {
    const recent = new RecentUsers(new MemoryMemento());
    for (let n = 1; n <= 9; n++) await recent.add(ws('1'), person(n));
    assert.deepEqual(recent.list(ws('1')).map((u) => u.gid), ['109', '108', '107', '106', '105', '104', '103', '102']);
    // Picking someone again moves them to the front instead of listing them twice.
    await recent.add(ws('1'), person(5));
    assert.deepEqual(recent.list(ws('1')).map((u) => u.gid), ['105', '109', '108', '107', '106', '104', '103', '102']);
  });

  it('keeps each workspace, account and server to itself, under one key of global state', async () => {
    const state = new MemoryMemento();
    const recent = new RecentUsers(state);
    await recent.add(ws('1'), person(1));
    await recent.add(ws('2'), person(2));
    await recent.add(ws('1'), person(3));
    await recent.add(ws('1', '43'), person(4));
    await recent.add(ws('1', '42', 'http://127.0.0.1:9999/api/1.0/'), person(5));
    assert.deepEqual(recent.list(ws('1')), [person(3), person(1)]);
    assert.deepEqual(recent.list(ws('2')), [person(2)]);
    assert.deepEqual(recent.list(ws('1', '43')), [person(4)], 'another account');
    assert.deepEqual(recent.list(ws('1', '42', 'http://127.0.0.1:9999/api/1.0/')), [person(5)], 'another server');
    assert.deepEqual(state.keys(), ['asana.recentPeople']);
    // A new window reads what this one stored.
    assert.deepEqual(new RecentUsers(state).list(ws('2')), [person(2)]);
  });

  it('drops the picks kept before they were kept per account and server', () => {
    const state = new MemoryMemento();
    state.values.set('asana.recentUsers', JSON.stringify({ '1': [{ gid: '7', name: 'Seven' }] }));
    const recent = new RecentUsers(state);
    assert.deepEqual(recent.list(ws('1')), []);
    assert.deepEqual(state.keys(), [], 'gone from global state');
  });

  it('writes nothing to global state merely by being created', async () => {
    const writes: string[] = [];
    const state = new (class extends MemoryMemento {
      override update(key: string, value: unknown): Thenable<void> {
        writes.push(key);
        return super.update(key, value);
      }
    })();
    const recent = new RecentUsers(state);
    assert.deepEqual(writes, [], 'nothing to drop, nothing written');
    await recent.add(ws('1'), person(1));
    assert.deepEqual(new RecentUsers(state).list(ws('1')), [person(1)]);
    assert.deepEqual(writes, ['asana.recentPeople'], 'only the pick was written');
  });

  it('stores a name and id only, never an email it was handed', async () => {
    const state = new MemoryMemento();
    const recent = new RecentUsers(state);
    await recent.add(ws('1'), { ...person(1), email: 'p1@acme.test' } as { gid: string; name: string });
    assert.ok(!state.values.get('asana.recentPeople')!.includes('p1@acme.test'));
    assert.deepEqual(recent.list(ws('1')), [person(1)]);
  });

  it('lists only the id and name of what it finds stored', async () => {
    const state = new MemoryMemento();
    const recent = new RecentUsers(state);
    await recent.add(ws('1'), person(7));
    const stored = JSON.parse(state.values.get('asana.recentPeople')!) as Record<string, unknown[]>;
    for (const key of Object.keys(stored)) stored[key] = [{ gid: '7', name: 'Seven', extra: 'x' }];
    state.values.set('asana.recentPeople', JSON.stringify(stored));
    assert.deepEqual(new RecentUsers(state).list(ws('1')), [{ gid: '7', name: 'Seven' }]);
  });
});
