import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { RecentUsers } from '../../../src/search/recentUsers';

/** globalState as VS Code keeps it: values survive as JSON, so only what was stored comes back. */
class MemoryMemento implements vscode.Memento {
  readonly values = new Map<string, string>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    const raw = this.values.get(key);
    return raw === undefined ? defaultValue : (JSON.parse(raw) as T);
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
}

const person = (n: number) => ({ gid: String(100 + n), name: `Person ${n}` });

describe('recently picked people', () => {
  it('has nobody for a workspace where nobody was picked', () => {
    assert.deepEqual(new RecentUsers(new MemoryMemento()).list('1'), []);
  });

  it('lists the latest pick first, each person once, at most eight', async () => {
    const recent = new RecentUsers(new MemoryMemento());
    for (let n = 1; n <= 9; n++) await recent.add('1', person(n));
    assert.deepEqual(recent.list('1').map((u) => u.gid), ['109', '108', '107', '106', '105', '104', '103', '102']);
    // Picking someone again moves them to the front instead of listing them twice.
    await recent.add('1', person(5));
    assert.deepEqual(recent.list('1').map((u) => u.gid), ['105', '109', '108', '107', '106', '104', '103', '102']);
  });

  it('keeps each workspace to itself, under one key of global state', async () => {
    const state = new MemoryMemento();
    const recent = new RecentUsers(state);
    await recent.add('1', person(1));
    await recent.add('2', person(2));
    await recent.add('1', person(3));
    assert.deepEqual(recent.list('1'), [person(3), person(1)]);
    assert.deepEqual(recent.list('2'), [person(2)]);
    assert.deepEqual(state.keys(), ['asana.recentUsers']);
    // A new window reads what this one stored.
    assert.deepEqual(new RecentUsers(state).list('2'), [person(2)]);
  });

  it('stores a name and id only, never an email it was handed', async () => {
    const state = new MemoryMemento();
    const recent = new RecentUsers(state);
    await recent.add('1', { ...person(1), email: 'p1@acme.test' } as { gid: string; name: string });
    assert.ok(!state.values.get('asana.recentUsers')!.includes('p1@acme.test'));
    assert.deepEqual(recent.list('1'), [person(1)]);
  });

  it('lists only the id and name of what it finds stored', () => {
    const state = new MemoryMemento();
    state.values.set('asana.recentUsers', JSON.stringify({ '1': [{ gid: '7', name: 'Seven', extra: 'x' }] }));
    assert.deepEqual(new RecentUsers(state).list('1'), [{ gid: '7', name: 'Seven' }]);
  });
});
