/**
 * Every endpoint's responses against Asana's OpenAPI spec: default records, every opt_fields value
 * the spec enumerates, paginated envelopes and error envelopes. Also no field the spec does not
 * declare (the spec cannot say so itself: it never closes its objects).
 */
import * as assert from 'node:assert/strict';
import { startEmulator } from './index';
import type { Emulator } from './index';
import { call, get, post, put } from './testing/http';
import type { ApiResponse, Envelope } from './testing/http';
import { checkComponent, checkError, checkResponse, optFieldsEnum } from './testing/oas';

type Op = { method: string; spec: string };

function conforms(op: Op, r: ApiResponse, strict = true): void {
  assert.equal(r.status, 200, `${op.method} ${op.spec}: ${r.text}`);
  assert.equal(r.headers.get('content-type'), 'application/json; charset=UTF-8');
  assert.deepEqual(checkResponse(op.method, op.spec, r.json, { strict }), [], `${op.method} ${op.spec}`);
}

function errorConforms(r: ApiResponse, status: number): void {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers.get('content-type'), 'application/json; charset=UTF-8');
  assert.deepEqual(checkError(r.json), []);
  const errors = (r.json as { errors: { message: string; help: string; phrase?: string }[] }).errors;
  assert.ok(errors.length >= 1);
  assert.ok(errors[0]?.message && errors[0].help);
  if (status !== 500) assert.equal(errors[0]?.phrase, undefined, 'phrase only on 500s');
}

/** With opt_fields, list items hold more than the compact schema declares: check them as full records. */
function itemsConform(r: ApiResponse, component: string): void {
  for (const item of (r.json as Envelope<unknown[]>).data) assert.deepEqual(checkComponent(component, item), [], JSON.stringify(item));
}

describe('emulator: conformance with the OpenAPI spec', function () {
  let emu: Emulator;
  let acme: string;
  let guild: string;
  let personal: string;

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 300 } });
    ({ acme, guild, personal } = emu.state.seedInfo.workspaces);
  });
  beforeEach(() => emu.reset());
  after(() => emu.close());

  it('GET /workspaces: compact records, paginated envelope, every opt_field', async () => {
    const op = { method: 'get', spec: '/workspaces' };
    conforms(op, await get(emu, '/workspaces'));
    conforms(op, await get(emu, '/workspaces', { query: { limit: 1 }, token: emu.tokens.member }));
    const all = await get(emu, '/workspaces', { query: { opt_fields: optFieldsEnum('get', '/workspaces').join(',') }, token: emu.tokens.member });
    conforms(op, all, false);
    itemsConform(all, 'WorkspaceResponse');
  });

  it('GET and PUT /workspaces/{workspace_gid}: full records', async () => {
    const op = { method: 'get', spec: '/workspaces/{workspace_gid}' };
    for (const gid of [acme, guild]) conforms(op, await get(emu, `/workspaces/${gid}`));
    conforms(op, await get(emu, `/workspaces/${personal}`, { token: emu.tokens.member, query: { opt_fields: optFieldsEnum('get', op.spec).join(',') } }));
    conforms({ method: 'put', spec: op.spec }, await put(emu, `/workspaces/${acme}`, { data: { name: 'Acme Corporation' } }));
  });

  it('POST addUser and removeUser', async () => {
    const add = { method: 'post', spec: '/workspaces/{workspace_gid}/addUser' };
    conforms(add, await post(emu, `/workspaces/${acme}/addUser`, { data: { user: 'new.person@acme.test' } }));
    conforms(add, await post(emu, `/workspaces/${acme}/addUser`, { data: { user: 'other.person@acme.test' } }, { query: { opt_fields: optFieldsEnum('post', add.spec).join(',') } }));
    const removed = await post(emu, `/workspaces/${acme}/removeUser`, { data: { user: 'new.person@acme.test' } });
    conforms({ method: 'post', spec: '/workspaces/{workspace_gid}/removeUser' }, removed);
    assert.deepEqual(removed.json, { data: {} });
  });

  it('GET typeahead: named resources, no next_page', async () => {
    const op = { method: 'get', spec: '/workspaces/{workspace_gid}/typeahead' };
    const r = await get(emu, `/workspaces/${acme}/typeahead`, { query: { resource_type: 'user', query: 'a' } });
    conforms(op, r);
    assert.ok(!('next_page' in (r.json as object)));
    conforms(op, await get(emu, `/workspaces/${acme}/typeahead`, { query: { resource_type: 'user', opt_fields: 'name' } }));
    conforms(op, await get(emu, `/workspaces/${acme}/typeahead`, { query: { resource_type: 'project', query: 'x' } }));
  });

  it('GET workspace_memberships of a workspace: compact, paginated, every opt_field', async () => {
    const op = { method: 'get', spec: '/workspaces/{workspace_gid}/workspace_memberships' };
    conforms(op, await get(emu, `/workspaces/${guild}/workspace_memberships`));
    conforms(op, await get(emu, `/workspaces/${acme}/workspace_memberships`, { query: { limit: 100 } }));
    conforms(op, await get(emu, `/workspaces/${acme}/workspace_memberships`, { query: { user: 'me' } }));
    const full = await get(emu, `/workspaces/${guild}/workspace_memberships`, { query: { opt_fields: optFieldsEnum('get', op.spec).join(',') } });
    conforms(op, full, false);
    itemsConform(full, 'WorkspaceMembershipResponse');
  });

  it('GET workspace_memberships of a user, including inactive ones', async () => {
    const op = { method: 'get', spec: '/users/{user_gid}/workspace_memberships' };
    const readded = emu.state.seedInfo.readdedUserGids[0] as string;
    const r = await get(emu, `/users/${readded}/workspace_memberships`, { query: { opt_fields: optFieldsEnum('get', op.spec).join(','), limit: 10 } });
    conforms(op, r, false);
    itemsConform(r, 'WorkspaceMembershipResponse');
    assert.ok((r.json as Envelope<{ is_active: boolean }[]>).data.some((m) => !m.is_active));
    conforms(op, await get(emu, '/users/me/workspace_memberships', { token: emu.tokens.member }));
  });

  it('GET /workspace_memberships/{gid}: full records, with and without vacation dates', async () => {
    const op = { method: 'get', spec: '/workspace_memberships/{workspace_membership_gid}' };
    const visible = new Set([acme, guild]);
    const withVacation = emu.state.memberships.filter((m) => m.vacation_dates !== null && visible.has(m.workspace));
    const openEnded = withVacation.find((m) => m.vacation_dates?.end_on === null);
    const inactive = emu.state.memberships.find((m) => !m.is_active && m.workspace === acme);
    const samples = [emu.state.memberships[0], withVacation[0], openEnded, inactive].filter((m) => m !== undefined);
    assert.ok(samples.length >= 3, 'seed has vacation dates and inactive memberships');
    for (const m of samples) {
      const r = await get(emu, `/workspace_memberships/${m.gid}`);
      conforms(op, r);
      assert.deepEqual(checkComponent('WorkspaceMembershipResponse', (r.json as Envelope<unknown>).data), []);
    }
    conforms(op, await get(emu, `/workspace_memberships/${samples[1]?.gid}`, { query: { opt_fields: optFieldsEnum('get', op.spec).join(',') } }));
  });

  it('GET /users and /users/{user_gid} and /workspaces/{gid}/users', async () => {
    const list = { method: 'get', spec: '/users' };
    conforms(list, await get(emu, '/users', { query: { workspace: acme, limit: 50 } }));
    const full = await get(emu, '/users', { query: { workspace: guild, opt_fields: optFieldsEnum('get', list.spec).join(',') } });
    conforms(list, full, false);
    itemsConform(full, 'UserResponse');

    const one = { method: 'get', spec: '/users/{user_gid}' };
    conforms(one, await get(emu, '/users/me'));
    conforms(one, await get(emu, '/users/me', { token: emu.tokens.outsider }));
    conforms(one, await get(emu, `/users/${encodeURIComponent('lei.li@acme.test')}`, { query: { opt_fields: optFieldsEnum('get', one.spec).join(',') } }));

    const ws = { method: 'get', spec: '/workspaces/{workspace_gid}/users' };
    conforms(ws, await get(emu, `/workspaces/${guild}/users`));
    const wsFull = await get(emu, `/workspaces/${guild}/users`, { query: { opt_fields: optFieldsEnum('get', ws.spec).join(',') } });
    conforms(ws, wsFull, false);
    itemsConform(wsFull, 'UserResponse');
  });

  it('error envelopes: 400, 401, 403, 404, 429, 500', async () => {
    errorConforms(await get(emu, '/workspaces', { query: { limit: 0 } }), 400);
    errorConforms(await get(emu, '/workspaces', { token: emu.tokens.invalid }), 401);
    errorConforms(await post(emu, `/workspaces/${acme}/removeUser`, { data: { user: 'me' } }, { token: emu.tokens.member }), 403);
    errorConforms(await get(emu, '/workspaces/1100000000009999'), 404);
    errorConforms(await call(emu, 'DELETE', '/workspaces'), 404);
    emu.faults.add({ kind: 'status', status: 429, times: 1 });
    errorConforms(await get(emu, '/workspaces'), 429);
    emu.faults.add({ kind: 'status', status: 500, times: 1 });
    const r = await get(emu, '/workspaces');
    errorConforms(r, 500);
    assert.match((r.json as { errors: { phrase: string }[] }).errors[0]?.phrase ?? '', /^\d+ \w+ \w+ \w+ \w+$/);
  });
});
