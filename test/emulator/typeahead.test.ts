/** Typeahead: parameters, ranking tiers, accent folding, determinism. */
import * as assert from 'node:assert/strict';
import { TYPEAHEAD_DEFAULT_COUNT, contactScore, startEmulator } from './index';
import type { Emulator } from './index';
import { errorMessage, get, post } from './testing/http';
import type { Compact, Envelope } from './testing/http';
import { fold } from './text';

describe('emulator: typeahead', function () {
  let emu: Emulator;
  let acme: string;
  const path = (): string => `/workspaces/${acme}/typeahead`;

  async function search(query: string | undefined, extra: Record<string, string | number> = {}, token?: string): Promise<Compact[]> {
    const r = await get<Envelope<Compact[]>>(emu, path(), { query: { resource_type: 'user', query, ...extra }, token });
    assert.equal(r.status, 200, r.text);
    assert.ok(!('next_page' in r.json));
    return r.json.data;
  }

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 300 } });
    acme = emu.state.seedInfo.workspaces.acme;
  });
  beforeEach(() => emu.reset());
  after(() => emu.close());

  it('returns compact users, 20 by default, for an empty or missing query', async () => {
    for (const q of [undefined, '']) {
      const users = await search(q);
      assert.equal(users.length, TYPEAHEAD_DEFAULT_COUNT);
      assert.deepEqual(Object.keys(users[0] ?? {}), ['gid', 'resource_type', 'name']);
      assert.ok(users.every((u) => u.resource_type === 'user'));
    }
  });

  it('orders an empty query by the caller\'s contact score, differently per caller', async () => {
    const admin = emu.state.seedInfo.tokenUsers.admin;
    const users = await search('', { count: 100 });
    const scores = users.map((u) => contactScore(admin, u.gid));
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    const forMember = await search('', { count: 100 }, emu.tokens.member);
    assert.notDeepEqual(forMember.map((u) => u.gid), users.map((u) => u.gid));
    assert.deepEqual(await search('', { count: 100 }), users, 'deterministic');
  });

  it('ranks name-word prefixes, then email prefixes, then substrings', async () => {
    const users = await search('an', { count: 100, opt_fields: 'name,email' });
    const tier = (u: Compact): number => {
      const words = fold(String(u.name)).split(/[^\p{L}\p{N}]+/u);
      if (words.some((w) => w.startsWith('an'))) return 0;
      if (String(u.email).startsWith('an')) return 1;
      return 2;
    };
    const tiers = users.map(tier);
    assert.deepEqual(tiers, [...tiers].sort());
    assert.ok(tiers.includes(0) && tiers.includes(2), `tiers seen: ${[...new Set(tiers)].join(',')}`);
    for (const u of users) assert.ok(fold(String(u.name)).includes('an') || String(u.email).includes('an'), String(u.name));
  });

  it('matches across accents, cases, several words and scripts', async () => {
    const names = async (q: string): Promise<string[]> => (await search(q, { count: 100 })).map((u) => u.name ?? '');
    assert.ok((await names('zoe')).includes('Zoë Ångström'));
    assert.ok((await names('ANGSTROM')).includes('Zoë Ångström'));
    assert.ok((await names('zo ång')).includes('Zoë Ångström'));
    assert.equal((await names('李'))[0], '李雷');
    assert.ok((await names('zoe.angstrom@')).includes('Zoë Ångström'), 'email prefix');
    assert.deepEqual(await names('qqqqzzzz'), []);
  });

  it('finds active members only', async () => {
    await post(emu, `/workspaces/${acme}/addUser`, { data: { user: 'quentin.typeahead@acme.test' } });
    assert.equal((await search('quentin typeahead')).length, 1);
    await post(emu, `/workspaces/${acme}/removeUser`, { data: { user: 'quentin.typeahead@acme.test' } });
    assert.equal((await search('quentin typeahead')).length, 0);
  });

  it('validates count: an integer from 1 to 100', async () => {
    assert.equal((await search('', { count: 1 })).length, 1);
    assert.equal((await search('', { count: 100 })).length, 100);
    for (const count of ['0', '101', '-1', '2.5', 'ten']) {
      const r = await get(emu, path(), { query: { resource_type: 'user', count } });
      assert.equal(r.status, 400, `count=${count}`);
      assert.match(errorMessage(r), /^count: /);
    }
  });

  it('defaults resource_type to user, honours the deprecated type, and returns [] for other types', async () => {
    const implicit = await get<Envelope<Compact[]>>(emu, path(), { query: { query: 'zo' } });
    assert.deepEqual(implicit.json.data, await search('zo'));
    const legacy = await get<Envelope<Compact[]>>(emu, path(), { query: { type: 'user', query: 'zo' } });
    assert.deepEqual(legacy.json.data, implicit.json.data);
    for (const type of ['project', 'task', 'tag', 'team']) {
      assert.deepEqual((await get<Envelope<unknown[]>>(emu, path(), { query: { resource_type: type, query: 'a' } })).json.data, []);
    }
    const bad = await get(emu, path(), { query: { resource_type: 'planet' } });
    assert.equal(bad.status, 400);
    assert.match(errorMessage(bad), /^resource_type: /);
  });

  it('answers 404 for a workspace the caller is not in', async () => {
    const guild = emu.state.seedInfo.workspaces.guild;
    assert.equal((await get(emu, `/workspaces/${guild}/typeahead`, { query: { resource_type: 'user' }, token: emu.tokens.guest })).status, 404);
  });
});
