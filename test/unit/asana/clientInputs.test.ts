/**
 * What the client sends for the options a caller gives (and leaves out): the token as trimmed,
 * a workspace scope, the default typeahead count.
 */
import * as assert from 'node:assert/strict';
import { AsanaClient, type AsanaClientOptions } from '../../../src/asana/client';
import { InvalidInputError, NotFoundError } from '../../../src/asana/errors';
import { startEmulator, type Emulator } from '../../emulator/index';

describe('AsanaClient inputs', function () {
  this.timeout(20_000);
  let emu: Emulator;
  let acme: string;
  const clients: AsanaClient[] = [];

  function client(opts: Partial<AsanaClientOptions> = {}): AsanaClient {
    const c = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl, retryBaseMs: 1, retryMaxMs: 1, ...opts });
    clients.push(c);
    return c;
  }

  before(async () => {
    emu = await startEmulator({ seed: 19, sizes: { bigWorkspaceMembers: 40 } });
    acme = emu.state.seedInfo.workspaces.acme;
  });
  beforeEach(() => emu.reset());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  after(() => emu.close());

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
    const me = await client({ token: `  ${emu.tokens.admin}\n` }).getMe();
    assert.equal(me.gid, emu.state.seedInfo.tokenUsers.admin);
  });

  it('scopes a user to a workspace only when asked, and checks the workspace id first', async () => {
    const c = client();
    const me = await c.getUser('me', { workspace: acme });
    assert.equal(me.gid, emu.state.seedInfo.tokenUsers.admin);
    await assert.rejects(c.getUser('me', { workspace: '999999999' }), NotFoundError);
    const before = emu.counters.total;
    await assert.rejects(c.getUser('me', { workspace: 'acme' }), InvalidInputError);
    assert.equal(emu.counters.total, before);
    assert.equal((await c.getUser(me.gid)).gid, me.gid);
  });

  it('asks typeahead for 20 people unless told otherwise', async () => {
    const c = client();
    assert.equal((await c.typeaheadUsers(acme, '')).length, 20);
    assert.equal((await c.typeaheadUsers(acme, '', { count: 3 })).length, 3);
  });

  it('passes the caller’s signal through to single calls', async () => {
    emu.configure({ latencyMs: 2_000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const started = Date.now();
    await assert.rejects(client().getWorkspace(acme, { signal: ac.signal }), (e: unknown) => (e as { kind?: string }).kind === 'cancelled');
    assert.ok(Date.now() - started < 1_500);
  });
});
