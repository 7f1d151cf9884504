/**
 * What the client sends for the options a caller gives (and leaves out): the token as trimmed,
 * a workspace scope, the default typeahead count.
 */
import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { InvalidInputError, NotFoundError } from '../../../src/asana/errors';
import { clientBench } from '../../helpers/clientBench';

describe('AsanaClient inputs', function () {
  this.timeout(20_000);
  const bench = clientBench({ seed: 19, sizes: { bigWorkspaceMembers: 40 } });
  const { client } = bench;
  beforeEach(() => bench.emu.reset());

  it('refuses a missing or blank token, and one with a line break inside', () => {
    for (const [token, message] of [
      ['', 'An Asana access token is required.'],
      [' \t ', 'An Asana access token is required.'],
      ['abc\ndef', 'An Asana access token cannot contain spaces or line breaks.'],
    ] as const) {
      assert.throws(
        () => new AsanaClient({ token }),
        (e: unknown) => e instanceof InvalidInputError && e.message === message && e.field === 'token',
        JSON.stringify(token),
      );
    }
  });

  it('sends a token pasted with spaces around it as the token itself', async () => {
    const me = await client({ token: `  ${bench.emu.tokens.admin}\n` }).getMe();
    assert.equal(me.gid, bench.emu.state.seedInfo.tokenUsers.admin);
  });

  it('scopes a user to a workspace only when asked, and checks the workspace id first', async () => {
    const c = client();
    const me = await c.getUser('me', { workspace: bench.acme });
    assert.equal(me.gid, bench.emu.state.seedInfo.tokenUsers.admin);
    await assert.rejects(c.getUser('me', { workspace: '999999999' }), NotFoundError);
    const before = bench.emu.counters.total;
    await assert.rejects(c.getUser('me', { workspace: 'acme' }), InvalidInputError);
    assert.equal(bench.emu.counters.total, before);
    assert.equal((await c.getUser(me.gid)).gid, me.gid);
  });

  it('refuses an out-of-office query with a bad user, workspace or start date, naming which, before asking', () => {
    const c = client();
    const me = bench.emu.state.seedInfo.tokenUsers.admin;
    const before = bench.emu.counters.total;
    const refused = (fn: () => unknown, field: string, message: string): void =>
      assert.throws(fn, (e: unknown) => e instanceof InvalidInputError && e.field === field && e.message === message, message);
    refused(() => c.oooEntryPages('ada', bench.acme), 'user', 'user must be an Asana id made of digits; got "ada".');
    refused(() => c.oooEntryPages(me, 'acme'), 'workspace', 'workspace must be an Asana id made of digits; got "acme".');
    // The whole value must be the date: Asana would refuse, or misread, anything around it.
    for (const from of ['x2026-12-03', '2026-12-03x', '03/12/2026']) refused(() => c.oooEntryPages(me, bench.acme, { from }), 'from', `Not a date (YYYY-MM-DD): ${from}`);
    assert.equal(bench.emu.counters.total, before);
  });

  it('asks typeahead for 20 people unless told otherwise', async () => {
    const c = client();
    assert.equal((await c.typeaheadUsers(bench.acme, '')).length, 20);
    assert.equal((await c.typeaheadUsers(bench.acme, '', { count: 3 })).length, 3);
  });

  it('passes the caller’s signal through to single calls', async () => {
    bench.emu.configure({ latencyMs: 2_000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const started = Date.now();
    await assert.rejects(client().getWorkspace(bench.acme, { signal: ac.signal }), (e: unknown) => (e as { kind?: string }).kind === 'cancelled');
    assert.ok(Date.now() - started < 1_500);
  });
});
