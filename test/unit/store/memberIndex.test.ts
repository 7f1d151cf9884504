import * as assert from 'node:assert/strict';
import type { Membership } from '../../../src/asana/schemas';
import { MemberIndex } from '../../../src/store/memberIndex';

let next = 1000;
function member(name: string, roles: Partial<Pick<Membership, 'is_active' | 'is_admin' | 'is_guest' | 'is_view_only'>> = {}, userGid?: string): Membership {
  const gid = String(next++);
  return {
    gid,
    user: { gid: userGid ?? `9${gid}`, name },
    workspace: { gid: '1', name: 'W' },
    is_active: roles.is_active ?? true,
    is_admin: roles.is_admin ?? false,
    is_guest: roles.is_guest ?? false,
    is_view_only: roles.is_view_only ?? false,
    created_at: null,
    vacation_dates: null,
    user_task_list: null,
  };
}

const names = (list: readonly Membership[]) => list.map((m) => m.user.name);

describe('MemberIndex', () => {
  it('puts every member in one role group, each group in name order (accents and case ignored)', () => {
    const index = new MemberIndex();
    index.upsertMany([member('zoe'), member('Émile'), member('adam', { is_admin: true }), member('Bob', { is_guest: true }), member('eve')]);
    index.upsertMany([member('Chloé', { is_view_only: true }), member('anna')]);
    assert.deepEqual(names(index.slice('members', 0, 10)), ['anna', 'Émile', 'eve', 'zoe']);
    assert.deepEqual(names(index.slice('admins', 0, 10)), ['adam']);
    assert.deepEqual(names(index.slice('guests', 0, 10)), ['Bob']);
    assert.deepEqual(names(index.slice('viewOnly', 0, 10)), ['Chloé']);
    assert.equal(index.activeCount, 7);
  });

  it('keeps name order when pages arrive in any order (merge, not append)', () => {
    const index = new MemberIndex();
    const all = Array.from({ length: 500 }, (_, i) => member(`person ${String((i * 7919) % 500).padStart(3, '0')}`));
    for (let i = 0; i < all.length; i += 100) index.upsertMany(all.slice(i, i + 100));
    const shown = names(index.slice('members', 0, 500));
    assert.deepEqual(shown, [...shown].sort());
    assert.equal(index.positionOf(all[0]!.gid), shown.indexOf(all[0]!.user.name));
  });

  it('moves a member between groups when the role changes, and marks a removal inactive', () => {
    const index = new MemberIndex();
    const ada = member('Ada');
    index.upsertMany([ada, member('Bea')]);
    const touched = index.upsertMany([{ ...ada, is_admin: true }]);
    assert.deepEqual([...touched].sort(), ['admins', 'members']);
    assert.deepEqual(names(index.slice('admins', 0, 5)), ['Ada']);
    assert.deepEqual(names(index.slice('members', 0, 5)), ['Bea']);
    index.upsertMany([{ ...ada, is_admin: true, is_active: false }]);
    assert.equal(index.count('inactive'), 1);
    assert.equal(index.activeCount, 1);
  });

  it('finds a person by their active membership after a removal and a re-add', () => {
    const index = new MemberIndex();
    const old = member('Ada', { is_active: false }, '77');
    const again = member('Ada', {}, '77');
    index.upsertMany([again, old]);
    assert.equal(index.byUserGid('77')?.gid, again.gid);
  });

  it('searches words of names and emails, prefixes of words only, name prefixes first', () => {
    const index = new MemberIndex();
    const list = [member('Grace Hopper'), member('Ada Lovelace'), member('Adam Smith'), member('Zoë Adair'), member('Bradley Kuhn')];
    index.upsertMany(list);
    index.setEmails(list.map((m) => [m.user.gid, `${m.user.name.toLowerCase().replace(/ /g, '.')}@acme.test`] as const));
    assert.deepEqual(names(index.search('ada', 10).map((f) => f.membership)), ['Ada Lovelace', 'Adam Smith', 'Zoë Adair']);
    assert.deepEqual(names(index.search('ZOE', 10).map((f) => f.membership)), ['Zoë Adair']);
    assert.deepEqual(names(index.search('hopper@acme', 10).map((f) => f.membership)), ['Grace Hopper']);
    assert.deepEqual(names(index.search('radley', 10).map((f) => f.membership)), [], 'the middle of a word does not match');
    assert.deepEqual(names(index.search('ada', 1).map((f) => f.membership)), ['Ada Lovelace']);
    assert.equal(index.search('ada', 10)[0]!.email, 'ada.lovelace@acme.test');
  });

  it('leaves inactive members out of search', () => {
    const index = new MemberIndex();
    index.upsertMany([member('Ada', { is_active: false }), member('Adam')]);
    assert.deepEqual(names(index.search('ad', 10).map((f) => f.membership)), ['Adam']);
  });
});
