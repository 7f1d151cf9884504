// The store's events: a listener hears each value until it lets go, and a disposed emitter holds no listener.
import * as assert from 'node:assert/strict';
import { Emitter } from '../../../src/store/emitter';

describe('Emitter', () => {
  it('stops calling a listener once its subscription is disposed, and keeps calling the others', () => {
    const emitter = new Emitter<number>();
    const a: number[] = [];
    const b: number[] = [];
    const sub = emitter.event((v) => a.push(v));
    emitter.event((v) => b.push(v));
    emitter.fire(1);
    sub.dispose();
    emitter.fire(2);
    assert.deepEqual(a, [1]);
    assert.deepEqual(b, [1, 2]);
  });

  it('calls no listener after it is disposed', () => {
    const emitter = new Emitter<number>();
    const heard: number[] = [];
    emitter.event((v) => heard.push(v));
    emitter.dispose();
    emitter.fire(1);
    assert.deepEqual(heard, []);
  });
});
