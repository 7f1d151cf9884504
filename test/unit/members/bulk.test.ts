import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { runBulk, summarize } from '../../../src/members/bulk';
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
});
