/** The HTTP control API for out-of-process drivers, and the CLI. */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { startEmulator } from './index';
import type { Emulator, SeedTokens } from './index';
import { parseArgs } from './cli';
import { get } from './testing/http';

describe('emulator: control API and CLI', function () {
  let emu: Emulator;

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 50 } });
  });
  beforeEach(() => emu.reset());
  after(() => emu.close());

  async function control<T = unknown>(method: string, route: string, body?: unknown): Promise<{ status: number; json: T }> {
    const r = await fetch(`${emu.origin}/__emulator${route}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, json: (await r.json()) as T };
  }

  it('reads counters without counting itself', async () => {
    await get(emu, '/workspaces');
    const c = await control<{ total: number; byRoute: Record<string, number>; inFlight: object; maxInFlight: object; rejected429: number }>('GET', '/counters');
    assert.equal(c.status, 200);
    assert.deepEqual(c.json, {
      total: 1,
      byRoute: { 'GET /workspaces': 1 },
      byUser: { [emu.state.seedInfo.tokenUsers.admin]: { 'GET /workspaces': 1 } },
      inFlight: { reads: 0, writes: 0 },
      maxInFlight: { reads: 1, writes: 0 },
      rejected429: 0,
    });
    assert.equal(emu.counters.total, 1);
  });

  it('adds, lists, removes and clears faults', async () => {
    const { json } = await control<{ id: string }>('POST', '/faults', { route: 'GET /workspaces', kind: 'status', status: 503, times: null });
    assert.match(json.id, /^fault-\d+$/);
    assert.equal((await get(emu, '/workspaces')).status, 503);
    const listed = await control<{ id: string; matched: number }[]>('GET', '/faults');
    assert.deepEqual(listed.json.map((f) => [f.id, f.matched]), [[json.id, 1]]);
    await control('DELETE', `/faults/${json.id}`);
    assert.equal((await get(emu, '/workspaces')).status, 200);
    await control('POST', '/faults', { kind: 'drop' });
    await control('DELETE', '/faults');
    assert.equal((await get(emu, '/workspaces')).status, 200);
    await control('POST', '/faults', { user: emu.state.seedInfo.tokenUsers.admin, kind: 'status', status: 401 });
    assert.equal((await get(emu, '/workspaces')).status, 401, "a driver in another process can refuse one account's token");
    assert.equal((await get(emu, '/workspaces', { token: emu.tokens.consultant })).status, 200);
    await control('DELETE', '/faults');
    const bad = await control<{ error: string }>('POST', '/faults', { kind: 'meteor' });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /fault kind/);
  });

  it('configures, expires offsets, resets and hands out tokens', async () => {
    const acme = emu.state.seedInfo.workspaces.acme;
    const first = await get<{ next_page: { path: string } }>(emu, `/workspaces/${acme}/workspace_memberships`, { query: { limit: 5 }, token: emu.tokens.member });
    await control('POST', '/expire-offsets');
    assert.equal((await get(emu, first.json.next_page.path, { token: emu.tokens.member })).status, 400);

    assert.equal((await control('POST', '/config', { rateLimitPerMinute: 1 })).status, 200);
    await get(emu, '/users/me');
    assert.equal((await get(emu, '/users/me')).status, 429);
    assert.equal((await control<{ error: string }>('POST', '/config', { latencyMs: 'slow' })).status, 400);

    emu.faults.add({ kind: 'status', status: 500 });
    assert.equal((await control('POST', '/reset')).status, 200);
    assert.equal((await get(emu, '/users/me')).status, 200, 'faults and rate limit gone');
    assert.deepEqual((await control<SeedTokens>('GET', '/tokens')).json, emu.tokens);
    assert.equal((await control('GET', '/nothing-here')).status, 404);
  });

  it('parses CLI arguments', () => {
    assert.deepEqual(parseArgs(['--port', '0', '--seed=9', '--members', '120', '--latency', '10-30', '--rate-limit', '150']), {
      port: 0,
      seed: 9,
      sizes: { bigWorkspaceMembers: 120 },
      latencyMs: [10, 30],
      rateLimitPerMinute: 150,
    });
    assert.throws(() => parseArgs(['--members']), /needs a value/);
    assert.throws(() => parseArgs(['--port', 'x']), /non-negative integer/);
    assert.throws(() => parseArgs(['--colour', 'red']), /unknown option/);
  });

  it('the CLI prints EMULATOR_READY with a working base URL and tokens, and stops on SIGTERM', async function () {
    this.timeout(10_000);
    const child = spawn(process.execPath, [path.join(__dirname, 'cli.js'), '--port', '0', '--members', '30', '--seed', '4'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let out = '';
      const ready = await new Promise<{ baseUrl: string; tokens: SeedTokens }>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const line = out.split('\n').find((l) => l.startsWith('EMULATOR_READY '));
          if (line) resolve(JSON.parse(line.slice('EMULATOR_READY '.length)) as { baseUrl: string; tokens: SeedTokens });
        });
        child.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${out}`)));
      });
      assert.match(ready.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/api\/1\.0$/);
      const r = await fetch(`${ready.baseUrl}/users/me`, { headers: { Authorization: `Bearer ${ready.tokens.admin}` } });
      assert.equal(r.status, 200);
      assert.equal(((await r.json()) as { data: { name: string } }).data.name, 'Zoë Ångström');
      for (const [name, token] of Object.entries(ready.tokens)) {
        assert.ok(out.split('\n').some((l) => l.startsWith(`  ${name} token `) && l.endsWith(token)), `the ${name} token is printed`);
      }
      const maya = await fetch(`${ready.baseUrl}/users/me`, { headers: { Authorization: `Bearer ${ready.tokens.consultant}` } });
      assert.equal(((await maya.json()) as { data: { name: string } }).data.name, 'Maya Okafor');
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        assert.equal(await exited, 0);
      }
    }
  });
});
