import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { ForbiddenError } from '../../../src/asana/errors';
import { runBulk, summarize, type BulkOutcome } from '../../../src/members/bulk';
import { startEmulator, type Emulator } from '../../emulator/index';

describe('bulk add and remove against the emulator', () => {
  let emu: Emulator;
  let client: AsanaClient;

  before(async () => {
    emu = await startEmulator({ seed: 4, sizes: { bigWorkspaceMembers: 300 } });
  });
  beforeEach(() => {
    emu.reset();
    client = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl });
  });
  afterEach(() => client.dispose());
  after(() => emu.close());

  it('adds everyone once, in order, with a result per person, under the write cap', async () => {
    const acme = emu.state.seedInfo.workspaces.acme;
    emu.configure({ latencyMs: 10 });
    const emails = Array.from({ length: 40 }, (_, i) => `bulk.${i}@acme.test`);
    const progress: number[] = [];
    const outcomes = await runBulk(emails, (e, signal) => client.addUser(acme, e, signal ? { signal } : {}), {
      onProgress: (done) => progress.push(done),
    });
    assert.deepEqual(outcomes.map((o) => o.input), emails);
    assert.ok(outcomes.every((o) => o.ok));
    assert.equal(progress.at(-1), 40);
    assert.ok(emu.counters.maxInFlight.writes <= 15);
    for (const email of emails) {
      const user = emu.state.userByEmail(email);
      assert.ok(user);
      assert.ok(emu.state.activeMembership(acme, user.gid));
    }
    assert.equal(summarize(outcomes, 'Added'), 'Added 40 people.');
  });

  it('keeps going past failures and says who failed and why', async () => {
    const acme = emu.state.seedInfo.workspaces.acme;
    const member = emu.state.seedInfo.tokenUsers.member;
    const stranger = emu.state.seedInfo.tokenUsers.outsider;
    const outcomes = await runBulk([member, stranger], (gid) => client.removeUser(acme, gid));
    assert.equal(outcomes[0]?.ok, true);
    assert.equal(outcomes[1]?.ok, false);
    assert.equal(outcomes[1]?.ok === false && outcomes[1].error.kind, 'bad-request');
    assert.equal(summarize(outcomes, 'Removed'), 'Removed 1 of 2; 1 failed.');
    assert.equal(summarize([outcomes[1]!], 'Removed'), 'Could not remove anyone (1 failed).');
    assert.equal(emu.state.activeMembership(acme, member), undefined);
  });

  it('sends nothing once cancelled, and reports everyone as cancelled', async () => {
    const acme = emu.state.seedInfo.workspaces.acme;
    const cancel = new AbortController();
    cancel.abort();
    const progress: Array<[number, number]> = [];
    let started = 0;
    // An operation that would go ahead whatever the signal says: runBulk itself must not start it.
    const outcomes = await runBulk(['late.1@acme.test', 'late.2@acme.test'], (e) => (started++, client.addUser(acme, e)), {
      signal: cancel.signal,
      onProgress: (done, total) => progress.push([done, total]),
    });
    assert.equal(started, 0);
    assert.deepEqual(outcomes.map((o) => (o.ok ? 'ok' : o.error.kind)), ['cancelled', 'cancelled']);
    assert.deepEqual(progress, [[1, 2], [2, 2]]);
    assert.equal(emu.counters.byRoute['POST /workspaces/{workspace_gid}/addUser'] ?? 0, 0);
    assert.equal(emu.state.userByEmail('late.1@acme.test'), undefined);
  });

  it('hands each write the signal, so cancelling stops the writes under way', async () => {
    const acme = emu.state.seedInfo.workspaces.acme;
    emu.configure({ latencyMs: 300 });
    const cancel = new AbortController();
    const running = runBulk(['slow.1@acme.test'], (e, signal) => client.addUser(acme, e, signal ? { signal } : {}), { signal: cancel.signal });
    setTimeout(() => cancel.abort(), 50);
    const [outcome] = await running;
    assert.equal(outcome?.ok === false && outcome.error.kind, 'cancelled');
  });

  it('counts progress against the number of people', async () => {
    const acme = emu.state.seedInfo.workspaces.acme;
    const progress: Array<[number, number]> = [];
    await runBulk(['p.1@acme.test', 'p.2@acme.test', 'p.3@acme.test'], (e) => client.addUser(acme, e), { onProgress: (done, total) => progress.push([done, total]) });
    assert.deepEqual(progress, [[1, 3], [2, 3], [3, 3]]);
  });

  it('lets a bug of ours through instead of reporting it as a failed person', async () => {
    await assert.rejects(
      runBulk(['x@acme.test'], () => Promise.reject(new TypeError('a bug'))),
      (e: unknown) => e instanceof TypeError && e.message === 'a bug',
    );
  });

  it('summarizes in words, one person or many', () => {
    const ok = (input: string): BulkOutcome<string> => ({ input, ok: true, value: input });
    assert.equal(summarize([ok('a')], 'Added'), 'Added 1 person.');
    assert.equal(summarize([ok('a'), ok('b')], 'Removed'), 'Removed 2 people.');
    assert.equal(summarize([], 'Added'), 'Added 0 people.');
  });

  it('has a whole sentence for each verb, number and outcome (a translation needs no English grammar)', () => {
    const ok = (input: string): BulkOutcome<string> => ({ input, ok: true, value: input });
    const failed = (input: string): BulkOutcome<string> => ({ input, ok: false, error: new ForbiddenError('Forbidden', { status: 403 }) });
    const sentences = (verb: 'Added' | 'Removed') => [
      summarize([ok('a')], verb),
      summarize([ok('a'), ok('b')], verb),
      summarize([ok('a'), failed('b')], verb),
      summarize([failed('a'), failed('b')], verb),
    ];
    assert.deepEqual(sentences('Added'), ['Added 1 person.', 'Added 2 people.', 'Added 1 of 2; 1 failed.', 'Could not add anyone (2 failed).']);
    assert.deepEqual(sentences('Removed'), ['Removed 1 person.', 'Removed 2 people.', 'Removed 1 of 2; 1 failed.', 'Could not remove anyone (2 failed).']);
  });

  it('says who could not be added', async () => {
    const acme = emu.state.seedInfo.workspaces.acme;
    emu.faults.add({ route: 'POST /workspaces/{workspace_gid}/addUser', kind: 'status', status: 403 });
    const outcomes = await runBulk(['no.1@acme.test', 'no.2@acme.test'], (e) => client.addUser(acme, e));
    assert.equal(summarize(outcomes, 'Added'), 'Could not add anyone (2 failed).');
  });
});
