// Comparing two complete rosters: a person is their user, only an active membership counts, and each
// list comes in name order.
import * as assert from 'node:assert/strict';
import type { Membership } from '../../../src/asana/schemas';
import { changeCount, compareRosters, rosterOf } from '../../../src/store/rosterChanges';

function membership(gid: string, user: string, name: string, flags: Partial<Pick<Membership, 'is_active' | 'is_admin' | 'is_guest' | 'is_view_only'>> = {}): Membership {
  return {
    gid,
    user: { gid: user, name },
    workspace: { gid: '1', name: 'Acme' },
    is_active: true,
    is_admin: false,
    is_guest: false,
    is_view_only: false,
    created_at: null,
    vacation_dates: null,
    user_task_list: null,
    ...flags,
  };
}

const emails = (gid: string) => `${gid}@acme.test`;

describe('compareRosters', () => {
  it('counts joins, departures and role changes by person, in name order', () => {
    const before = rosterOf([membership('10', '1', 'Zed'), membership('11', '2', 'Bea'), membership('12', '3', 'Cy'), membership('13', '4', 'Al')], emails);
    const after = rosterOf([membership('10', '1', 'Zed'), membership('12', '3', 'Cy', { is_guest: true }), membership('14', '5', 'Dot'), membership('15', '6', 'Ann', { is_admin: true })], emails);
    const changes = compareRosters(before, after, 1, 2);
    assert.deepEqual(changes.joined.map((p) => [p.name, p.group, p.email]), [['Ann', 'admins', '6@acme.test'], ['Dot', 'members', '5@acme.test']]);
    assert.deepEqual(changes.left.map((p) => p.name), ['Al', 'Bea']);
    assert.deepEqual(changes.roleChanged.map((c) => [c.person.name, c.from, c.person.group]), [['Cy', 'members', 'guests']]);
    assert.equal(changeCount(changes), 5);
    assert.deepEqual([changes.since, changes.until], [1, 2]);
  });

  it('lists role changes in name order too, and namesakes by user', () => {
    const before = rosterOf([membership('10', '1', 'Zed'), membership('11', '3', 'Amy'), membership('12', '2', 'Amy')], emails);
    const after = rosterOf([membership('10', '1', 'Zed', { is_admin: true }), membership('11', '3', 'Amy', { is_guest: true }), membership('12', '2', 'Amy', { is_view_only: true })], emails);
    assert.deepEqual(
      compareRosters(before, after, 1, 2).roleChanged.map((c) => [c.person.name, c.person.userGid]),
      [['Amy', '2'], ['Amy', '3'], ['Zed', '1']],
    );
  });

  it('takes a person removed and added back (an old inactive membership and a new one) as still there, once', () => {
    const before = rosterOf([membership('10', '1', 'Ada')], emails);
    const after = rosterOf([membership('10', '1', 'Ada', { is_active: false }), membership('20', '1', 'Ada')], emails);
    assert.equal(after.size, 1);
    assert.equal(after.get('1')?.membershipGid, '20');
    assert.equal(changeCount(compareRosters(before, after, 1, 2)), 0);
  });

  it('leaves inactive memberships out: someone only inactive has left', () => {
    const before = rosterOf([membership('10', '1', 'Ada'), membership('11', '2', 'Bob')], emails);
    const after = rosterOf([membership('10', '1', 'Ada'), membership('11', '2', 'Bob', { is_active: false })], emails);
    assert.deepEqual(compareRosters(before, after, 1, 2).left.map((p) => p.name), ['Bob']);
  });

  it('sees a move between view-only, guest, member and admin as a role change', () => {
    const roles = [{}, { is_admin: true }, { is_guest: true }, { is_view_only: true }] as const;
    for (const from of roles) {
      for (const to of roles) {
        const changes = compareRosters(rosterOf([membership('1', '1', 'Ada', from)], emails), rosterOf([membership('1', '1', 'Ada', to)], emails), 1, 2);
        assert.equal(changes.roleChanged.length, from === to ? 0 : 1, `${JSON.stringify(from)} → ${JSON.stringify(to)}`);
      }
    }
  });
});
