import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { backoffMs, Deadline, parseRetryAfter, sleep } from '../../../src/asana/timing';
import { Semaphore } from '../../../src/asana/semaphore';

describe('Retry-After', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');

  it('reads whole delta-seconds and IMF-fixdates', () => {
    assert.equal(parseRetryAfter('12'), 12_000);
    assert.equal(parseRetryAfter(' 0 '), 0);
    assert.equal(parseRetryAfter(['3']), 3_000);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 10:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 09:00:00 GMT', now), 0, 'a date in the past: no wait');
  });

  it('takes the first value of a list a proxy merged', () => {
    assert.equal(parseRetryAfter('2, 2', now), 2_000);
    assert.equal(parseRetryAfter('2,5', now), 2_000);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 10:00:30 GMT, Wed, 25 Nov 2026 10:00:40 GMT', now), 30_000);
    assert.equal(parseRetryAfter(['7', '9'], now), 7_000);
    // The spaces a proxy may leave before the comma after the zone.
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 10:00:30 GMT \t, Wed, 25 Nov 2026 10:00:40 GMT', now), 30_000);
  });

  it('gives up on everything else, so the caller backs off itself (never a date in 2001)', () => {
    // Each of these is a date to JavaScript's lenient Date.parse, most of them in 2001: "do not wait at all".
    for (const v of ['+5', '2 2', '2; 2', '1.5', '0.25', '-5', '- 5', '5s', '0x10', '1e3', 'soon', 'NaN', '', ' ', 'Infinity']) {
      assert.equal(parseRetryAfter(v, now), undefined, JSON.stringify(v));
    }
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter(`1${'0'.repeat(400)}`, now), undefined, 'too big to be a wait');
  });

  it('reads only IMF-fixdate among date forms, and only real dates', () => {
    for (const v of [
      'Wednesday, 25-Nov-26 10:00:30 GMT', // RFC 850, obsolete
      'Wed Nov 25 10:00:30 2026', // asctime, obsolete
      '2026-11-25T10:00:30Z', // ISO 8601 is not an HTTP date
      'Wed, 25 Nov 2026 10:00:30 UTC',
      'Wed, 25 Nov 2026 10:00:30 +0000',
      'Wed, 31 Feb 2026 10:00:30 GMT',
      'Wed, 25 Nov 2026 25:00:30 GMT',
      'Wed, 5 Nov 2026 10:00:30 GMT',
      'Xyz, 25 Nov 2026 10:00:30 GMT',
      'at Wed, 25 Nov 2026 10:00:30 GMT', // the date must be the whole value, not found somewhere inside it
      'Wed, 25 Nov 2026 10:00:30 GMTX',
    ]) {
      assert.equal(parseRetryAfter(v, now), undefined, v);
    }
  });
});

describe('Deadline', () => {
  it('shares one budget between steps, in whole milliseconds', () => {
    let t = 1_000.25;
    const d = new Deadline(500, () => t);
    assert.equal(d.remainingMs(), 500);
    assert.ok(d.allows(499) && !d.allows(500));
    t += 300.5;
    assert.equal(d.remainingMs(), 200);
    assert.ok(!d.allows(200));
    t += 1_000;
    assert.equal(d.remainingMs(), 0);
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

  it('leave no listener on the signal, whether they ran out or were cancelled', async () => {
    const done = new AbortController();
    await sleep(1, done.signal);
    assert.equal(getEventListeners(done.signal, 'abort').length, 0);
    const cancelled = new AbortController();
    const sleeping = sleep(600_000, cancelled.signal);
    cancelled.abort(new Error('stop'));
    await assert.rejects(sleeping, /stop/);
    assert.equal(getEventListeners(cancelled.signal, 'abort').length, 0);
  });

  it('leave no timer behind once cancelled, which would hold the extension host for the whole wait', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const cancelled = new AbortController();
    const sleeping = sleep(600_000, cancelled.signal);
    assert.equal(timers(), before + 1);
    // Counted at once: the abort runs its listeners synchronously, and mocha sets timers of its own between ticks.
    cancelled.abort(new Error('stop'));
    assert.equal(timers(), before);
    await assert.rejects(sleeping, /stop/);
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

  it('leaves no listener on the signal of a wait, granted or aborted', async () => {
    const sem = new Semaphore(1);
    const release = await sem.acquire();
    const granted = new AbortController();
    const waiting = sem.acquire(granted.signal);
    release();
    (await waiting)();
    assert.equal(getEventListeners(granted.signal, 'abort').length, 0);
    const first = await sem.acquire();
    const aborted = new AbortController();
    const refused = sem.acquire(aborted.signal);
    aborted.abort(new Error('gone'));
    await assert.rejects(refused, /gone/);
    assert.equal(getEventListeners(aborted.signal, 'abort').length, 0);
    first();
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
