import * as assert from 'node:assert/strict';
import { backoffMs, parseRetryAfter, sleep } from '../../../src/asana/timing';
import { Semaphore } from '../../../src/asana/semaphore';

describe('Retry-After', () => {
  it('reads delta-seconds, decimals and HTTP dates', () => {
    assert.equal(parseRetryAfter('12'), 12_000);
    assert.equal(parseRetryAfter(['3']), 3_000);
    assert.equal(parseRetryAfter('0.5'), 500);
    const now = Date.parse('2026-11-25T10:00:00Z');
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 10:00:30 GMT', now), 30_000);
  });

  it('gives up on missing or unreadable values so the caller backs off itself', () => {
    for (const v of [undefined, '', 'soon', '-5', 'NaN']) assert.equal(parseRetryAfter(v), undefined, String(v));
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter within [ceiling/2, ceiling] and caps', () => {
    assert.equal(backoffMs(0, 500, 8000, () => 0), 250);
    assert.equal(backoffMs(0, 500, 8000, () => 1), 500);
    assert.equal(backoffMs(3, 500, 8000, () => 1), 4000);
    assert.equal(backoffMs(10, 500, 8000, () => 1), 8000);
  });

  it('sleeps are cancellable', async () => {
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(new Error('stop')), 20);
    await assert.rejects(sleep(5_000, ac.signal), /stop/);
    assert.ok(Date.now() - started < 1_000);
  });
});

describe('Semaphore', () => {
  it('never lets more than its capacity run, and hands slots over in order', async () => {
    const sem = new Semaphore(3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const release = await sem.acquire();
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await sleep(5);
        running--;
        release();
      }),
    );
    assert.equal(peak, 3);
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
    assert.equal(sem.inUse, 0);
  });

  it('drops an aborted waiter without leaking its slot', async () => {
    const sem = new Semaphore(1);
    const release = await sem.acquire();
    const ac = new AbortController();
    const waiting = sem.acquire(ac.signal);
    ac.abort(new Error('gone'));
    await assert.rejects(waiting, /gone/);
    assert.equal(sem.waiting, 0);
    release();
    release(); // a second release must not free a slot twice
    const again = await sem.acquire();
    assert.equal(sem.inUse, 1);
    again();
    assert.equal(sem.inUse, 0);
  });
});
