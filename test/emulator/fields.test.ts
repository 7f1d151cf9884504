/** opt_fields: projection over HTTP, dotted paths through references, and rejection of unknown fields. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compactSelection, parseOptFields, project } from './fields';
import { startEmulator } from './index';
import type { Emulator } from './index';
import { MODELS, membershipNode } from './model';
import { Store } from './state';
import { errorMessage, get } from './testing/http';
import type { Envelope } from './testing/http';

type Rec = Record<string, unknown>;

describe('emulator: opt_fields', function () {
  let emu: Emulator;
  let acme: string;

  before(async () => {
    emu = await startEmulator({ sizes: { bigWorkspaceMembers: 300 } });
    acme = emu.state.seedInfo.workspaces.acme;
  });
  after(() => emu.close());

  async function firstMembership(optFields: string): Promise<Rec> {
    const r = await get<Envelope<Rec[]>>(emu, `/workspaces/${acme}/workspace_memberships`, { query: { opt_fields: optFields, limit: 1 } });
    assert.equal(r.status, 200, r.text);
    return r.json.data[0] ?? {};
  }

  it('returns compact records by default, with resource_type', async () => {
    const m = await firstMembership('');
    assert.deepEqual(Object.keys(m), ['gid', 'resource_type', 'user', 'workspace']);
    assert.deepEqual(Object.keys(m.user as Rec), ['gid', 'resource_type', 'name']);
  });

  it('returns gid plus exactly the requested fields, resource_type only when asked', async () => {
    assert.deepEqual(Object.keys(await firstMembership('is_admin,created_at')), ['gid', 'is_admin', 'created_at']);
    assert.deepEqual(Object.keys(await firstMembership('resource_type')), ['gid', 'resource_type']);
    assert.deepEqual(Object.keys(await firstMembership('gid')), ['gid']);
  });

  it('resolves dotted paths through references like the real API', async () => {
    const admin = emu.state.user(emu.state.seedInfo.tokenUsers.admin);
    assert.deepEqual((await firstMembership('user')).user, { gid: admin?.gid, resource_type: 'user', name: admin?.name });
    assert.deepEqual((await firstMembership('user.email')).user, { gid: admin?.gid, email: admin?.email });
    assert.deepEqual((await firstMembership('user,user.email')).user, { gid: admin?.gid, resource_type: 'user', name: admin?.name, email: admin?.email });
    assert.deepEqual((await firstMembership('user.gid')).user, { gid: admin?.gid });
    assert.deepEqual((await firstMembership('workspace.name')).workspace, { gid: acme, name: 'Acme Corp' });
    const utl = (await firstMembership('user_task_list.name,user_task_list.owner.email')).user_task_list as Rec;
    assert.deepEqual(Object.keys(utl), ['gid', 'name', 'owner']);
    assert.deepEqual(utl.owner, { gid: admin?.gid, email: admin?.email });
  });

  it('projects plain nested objects (vacation_dates, photo) field by field', async () => {
    const m = emu.state.memberships.find((x) => x.workspace === acme && x.is_active && x.vacation_dates !== null);
    assert.ok(m);
    const r = await get<Envelope<Rec>>(emu, `/workspace_memberships/${m.gid}`, { query: { opt_fields: 'vacation_dates.start_on' } });
    assert.deepEqual(r.json.data, { gid: m.gid, vacation_dates: { start_on: m.vacation_dates?.start_on } });
    const none = emu.state.memberships.find((x) => x.workspace === acme && x.vacation_dates === null);
    const n = await get<Envelope<Rec>>(emu, `/workspace_memberships/${none?.gid}`, { query: { opt_fields: 'vacation_dates.start_on' } });
    assert.deepEqual(n.json.data, { gid: none?.gid, vacation_dates: null });
    const me = await get<Envelope<Rec>>(emu, '/users/me', { query: { opt_fields: 'photo.image_60x60' } });
    assert.deepEqual(Object.keys(me.json.data.photo as Rec), ['image_60x60']);
  });

  it('accepts the documented this. prefix and (a|b) groups, and the pagination artefacts', async () => {
    assert.deepEqual(Object.keys((await firstMembership('this.user.(name|email)')).user as Rec), ['gid', 'name', 'email']);
    assert.deepEqual(Object.keys(await firstMembership('is_admin,offset,path,uri')), ['gid', 'is_admin']);
  });

  it('rejects an unknown field with a 400 naming it', async () => {
    for (const [fields, named] of [['nickname', 'nickname'], ['user.favorite_color', 'user.favorite_color'], ['is_admin.value', 'is_admin.value'], ['vacation_dates.days', 'vacation_dates.days']]) {
      const r = await get(emu, `/workspaces/${acme}/workspace_memberships`, { query: { opt_fields: fields as string } });
      assert.equal(r.status, 400);
      assert.ok(errorMessage(r).includes(`"${named}"`), errorMessage(r));
      assert.match(errorMessage(r), /^opt_fields: /);
    }
    assert.equal((await get(emu, '/users/me', { query: { opt_fields: 'email,secret' } })).status, 400);
  });

  it('accepts any sub-path of custom_fields, which is always empty', async () => {
    const r = await get<Envelope<Rec>>(emu, '/users/me', { query: { opt_fields: 'custom_fields.enum_value.color' } });
    assert.deepEqual(r.json.data.custom_fields, []);
  });

  describe('projection (pure)', () => {
    const store = new Store(3, 20);
    const caller = store.users[0];
    const membership = store.memberships[0];
    const fieldNames = [...MODELS.workspace_membership.fields.keys()];

    it('never returns a top-level key that was not asked for (besides gid)', () => {
      assert.ok(caller && membership);
      fc.assert(
        fc.property(fc.subarray(fieldNames, { minLength: 1 }), (picked) => {
          const sel = parseOptFields(picked.join(','), 'workspace_membership');
          assert.ok(sel);
          const out = project(membershipNode(membership, { store, caller }), sel);
          assert.deepEqual(Object.keys(out).sort(), ['gid', ...picked].sort());
        }),
      );
    });

    it('gives the same record whatever order the fields are written in', () => {
      assert.ok(caller && membership);
      fc.assert(
        fc.property(fc.shuffledSubarray(['user.email', 'is_admin', 'workspace', 'created_at', 'user_task_list.owner.name'], { minLength: 1 }), (picked) => {
          const a = parseOptFields(picked.join(','), 'workspace_membership');
          const b = parseOptFields([...picked].reverse().join(','), 'workspace_membership');
          assert.ok(a && b);
          const node = membershipNode(membership, { store, caller });
          assert.equal(JSON.stringify(project(node, a)), JSON.stringify(project(node, b)));
        }),
      );
    });

    it('treats a missing or blank opt_fields as "use the default record"', () => {
      assert.equal(parseOptFields(undefined, 'user'), undefined);
      assert.equal(parseOptFields('  ', 'user'), undefined);
      assert.equal(compactSelection('user').children.size, 2);
    });
  });
});
