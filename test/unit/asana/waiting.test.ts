/**
 * The waiting primitives at their edges: slots that cannot be had, sleeps already cancelled,
 * signals combined, and a deadline's own timer.
 */
import * as assert from 'node:assert/strict';
import { Semaphore } from '../../../src/asana/semaphore';
import { anySignal, backoffMs, Deadline, sleep } from '../../../src/asana/timing';

describe('Semaphore edges', () => {
  it('refuses a capacity that is not a positive whole number', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => new Semaphore(bad), (e: unknown) => e instanceof RangeError && e.message === 'capacity must be a positive integer', String(bad));
    }
    assert.equal(new Semaphore(1).capacity, 1);
  });

  it('refuses an already aborted wait even when a slot is free, taking no slot', async () => {
    const sem = new Semaphore(2);
    const ac = new AbortController();
    ac.abort(new Error('already gone'));
    await assert.rejects(sem.acquire(ac.signal), /already gone/);
    assert.equal(sem.inUse, 0);
  });

  it('counts slots in use and waiters, and a slot released passes to the first waiter', async () => {
    const sem = new Semaphore(1);
    const first = await sem.acquire();
    const granted: string[] = [];
    const second = sem.acquire().then((release) => (granted.push('second'), release));
    const third = sem.acquire().then((release) => (granted.push('third'), release));
    assert.equal(sem.inUse, 1);
    assert.equal(sem.waiting, 2);
    first();
    const releaseSecond = await second;
    assert.deepEqual(granted, ['second']);
    assert.equal(sem.inUse, 1);
    assert.equal(sem.waiting, 1);
    releaseSecond();
    (await third)();
    assert.equal(sem.inUse, 0);
    assert.equal(sem.waiting, 0);
  });

  it('an abort after the slot was granted changes nothing', async () => {
    const sem = new Semaphore(1);
    const first = await sem.acquire();
    const ac = new AbortController();
    const waiting = sem.acquire(ac.signal);
    const other = sem.acquire();
    first();
    const release = await waiting;
    ac.abort(new Error('late'));
    assert.equal(sem.waiting, 1, 'the other waiter is still queued');
    release();
    (await other)();
    assert.equal(sem.inUse, 0);
  });

  it('an aborted waiter leaves the others queued in order', async () => {
    const sem = new Semaphore(1);
    const first = await sem.acquire();
    const ac = new AbortController();
    const order: string[] = [];
    const a = sem.acquire().then((r) => (order.push('a'), r));
    const b = sem.acquire(ac.signal);
    const c = sem.acquire().then((r) => (order.push('c'), r));
    ac.abort(new Error('b left'));
    await assert.rejects(b, /b left/);
    assert.equal(sem.waiting, 2);
    first();
    (await a)();
    (await c)();
    assert.deepEqual(order, ['a', 'c']);
  });
});

describe('sleep and signals', () => {
  it('a sleep whose signal is already aborted rejects at once with its reason', async () => {
    const ac = new AbortController();
    ac.abort(new Error('before'));
    const started = Date.now();
    await assert.rejects(sleep(5_000, ac.signal), /before/);
    assert.ok(Date.now() - started < 1_000);
  });

  it('a sleep that ends leaves no listener on its signal', async () => {
    const ac = new AbortController();
    let added = 0;
    let removed = 0;
    const signal = ac.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => (added++, add(...args))) as AbortSignal['addEventListener'];
    signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => (removed++, remove(...args))) as AbortSignal['removeEventListener'];
    await sleep(1, signal);
    assert.equal(added, 1);
    assert.equal(removed, 1);
  });

  it('anySignal passes one signal through, and combines several', () => {
    const a = new AbortController();
    const b = new AbortController();
    assert.equal(anySignal([undefined, a.signal, undefined]), a.signal);
    const both = anySignal([a.signal, undefined, b.signal]);
    assert.equal(both.aborted, false);
    b.abort(new Error('b'));
    assert.equal(both.aborted, true);
    assert.equal(anySignal([]).aborted, false);
  });

  it('backoff uses the whole jitter range, rounded to whole milliseconds', () => {
    assert.equal(backoffMs(1, 100, 8_000, () => 0.5), 150);
    assert.equal(backoffMs(2, 3, 1_000, () => 0.5), 9);
    assert.equal(backoffMs(0, 500, 100, () => 0), 50, 'the cap applies from the first attempt');
  });
});

describe('Deadline', () => {
  it('allows a wait only if time is left after it', () => {
    let t = 0;
    const d = new Deadline(100, () => t);
    assert.equal(d.budgetMs, 100);
    assert.ok(d.allows(99));
    assert.ok(!d.allows(100));
    t = 99.5;
    assert.equal(d.remainingMs(), 1, 'a part of a millisecond left is rounded up, not down to zero');
    t = 150;
    assert.equal(d.remainingMs(), 0);
  });

  it('its signal aborts when the budget is spent, and is made once', async () => {
    const d = new Deadline(30);
    const signal = d.signal;
    assert.equal(d.signal, signal);
    assert.equal(signal.aborted, false);
    await sleep(80);
    assert.equal(signal.aborted, true);
  });
});
