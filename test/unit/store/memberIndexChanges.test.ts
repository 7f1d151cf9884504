/**
 * MemberIndex under changes: which membership stands for a person, what an update replaces, which
 * groups a batch reports and whose version moves (caches of derived lists key on it), and deletion.
 */
import * as assert from 'node:assert/strict';
import type { Membership } from '../../../src/asana/schemas';
import { MemberIndex } from '../../../src/store/memberIndex';
import { GROUP_LABELS, MEMBER_GROUPS, ROLE_NAMES, roleName, type ActiveGroup, type MemberGroup } from '../../../src/store/memberRoles';
import { english, useTranslator } from '../../../src/util/l10n';
import { showKeys } from '../../helpers/showKeys';

let next = 7000;
function member(name: string, roles: Partial<Membership> = {}, userGid?: string): Membership {
  const gid = String(next++);
  return {
    gid,
    user: { gid: userGid ?? `8${gid}`, name },
    workspace: { gid: '1', name: 'W' },
    is_active: true,
    is_admin: false,
    is_guest: false,
    is_view_only: false,
    created_at: null,
    vacation_dates: null,
    user_task_list: null,
    ...roles,
  };
}

const names = (list: readonly Membership[]) => list.map((m) => m.user.name);
const versions = (index: MemberIndex) => Object.fromEntries(MEMBER_GROUPS.map((g) => [g, index.version(g)])) as Record<MemberGroup, number>;
function moved(before: Record<MemberGroup, number>, index: MemberIndex): MemberGroup[] {
  const after = versions(index);
  for (const g of MEMBER_GROUPS) assert.ok(after[g] >= before[g], `the version of ${g} went back`);
  return MEMBER_GROUPS.filter((g) => after[g] !== before[g]);
}

describe('MemberIndex: the membership that stands for a person', () => {
  it('is the only one, even when inactive', () => {
    const index = new MemberIndex();
    const gone = member('Ada', { is_active: false }, '77');
    index.upsertMany([gone]);
    assert.equal(index.byUserGid('77')?.gid, gone.gid);
  });

  it('is the active one, whichever arrives first, and stays so when the inactive one is updated', () => {
    for (const order of ['active first', 'inactive first']) {
      const index = new MemberIndex();
      const old = member('Ada', { is_active: false }, '77');
      const again = member('Ada', {}, '77');
      index.upsertMany(order === 'active first' ? [again, old] : [old, again]);
      index.upsertMany([{ ...old, vacation_dates: { start_on: '2024-01-01', end_on: null } }]);
      assert.equal(index.byUserGid('77')?.gid, again.gid, order);
    }
  });

  it('is the latest active one when two are active', () => {
    const index = new MemberIndex();
    const first = member('Ada', {}, '77');
    const second = member('Ada', {}, '77');
    index.upsertMany([first]);
    index.upsertMany([second]);
    assert.equal(index.byUserGid('77')?.gid, second.gid);
  });

  it('goes back to the active one when it is re-read after the other was removed', () => {
    const index = new MemberIndex();
    const old = member('Ada', {}, '77');
    const again = member('Ada', {}, '77');
    index.upsertMany([again]);
    index.upsertMany([old]);
    index.upsertMany([{ ...old, is_active: false }]);
    index.upsertMany([again]);
    assert.equal(index.byUserGid('77')?.gid, again.gid);
  });

  it('is kept when another membership of the person is deleted, and gone when it is deleted itself', () => {
    const index = new MemberIndex();
    const old = member('Ada', { is_active: false }, '77');
    const again = member('Ada', {}, '77');
    index.upsertMany([again, old]);
    assert.equal(index.delete(old.gid), 'inactive');
    assert.equal(index.byUserGid('77')?.gid, again.gid);
    assert.equal(index.delete(again.gid), 'members');
    assert.equal(index.byUserGid('77'), undefined);
    assert.equal(index.delete(again.gid), undefined);
  });
});

describe('MemberIndex: updates, groups and versions', () => {
  it('replaces a membership updated in place, reporting and moving its group only', () => {
    const index = new MemberIndex();
    const ada = member('Ada');
    index.upsertMany([ada, member('Bea', { is_admin: true })]);
    const before = versions(index);
    const onVacation = { ...ada, vacation_dates: { start_on: '2024-01-01', end_on: null } };
    assert.deepEqual([...index.upsertMany([onVacation])], ['members']);
    assert.deepEqual(moved(before, index), ['members']);
    assert.deepEqual(index.membership(ada.gid), onVacation);
    assert.deepEqual(index.slice('members', 0, 5), [onVacation]);
  });

  it('moves a renamed member to its new place in name order', () => {
    const index = new MemberIndex();
    const ada = member('Ada');
    index.upsertMany([ada, member('Bea'), member('Cy')]);
    index.upsertMany([{ ...ada, user: { ...ada.user, name: 'Bob' } }]);
    assert.deepEqual(names(index.slice('members', 0, 5)), ['Bea', 'Bob', 'Cy']);
    assert.equal(index.count('members'), 3);
  });

  it('moves several members out of one group in a single batch', () => {
    const index = new MemberIndex();
    const list = ['Ada', 'Bea', 'Cy', 'Di'].map((n) => member(n));
    index.upsertMany(list);
    const before = versions(index);
    const touched = index.upsertMany([{ ...list[0]!, is_admin: true }, { ...list[2]!, is_guest: true }]);
    assert.deepEqual([...touched].sort(), ['admins', 'guests', 'members']);
    assert.deepEqual(moved(before, index), ['admins', 'members', 'guests']);
    assert.deepEqual(names(index.slice('members', 0, 5)), ['Bea', 'Di']);
    assert.deepEqual(names(index.all()), ['Ada', 'Bea', 'Di', 'Cy']);
  });

  it('moves the version of the group whose emails arrive, and of no other', () => {
    const index = new MemberIndex();
    const ada = member('Ada', { is_guest: true });
    index.upsertMany([ada, member('Bea')]);
    const before = versions(index);
    index.setEmails([[ada.user.gid, 'ada@x.test'], ['999', 'stranger@x.test']]);
    assert.deepEqual(moved(before, index), ['guests']);
    assert.equal(index.emailOf('999'), 'stranger@x.test');
  });

  it('deletes a membership from its group, its position and the versions', () => {
    const index = new MemberIndex();
    const ada = member('Ada', { is_view_only: true });
    index.upsertMany([ada, member('Bea', { is_view_only: true })]);
    assert.equal(index.positionOf(ada.gid), 0);
    const before = versions(index);
    index.delete(ada.gid);
    assert.deepEqual(moved(before, index), ['viewOnly']);
    assert.deepEqual(names(index.slice('viewOnly', 0, 5)), ['Bea']);
    assert.equal(index.membership(ada.gid), undefined);
    assert.equal(index.positionOf(ada.gid), -1);
    assert.equal(index.size, 1);
    assert.deepEqual(index.search('ada', 5), []);
  });
});

describe('memberRoles', () => {
  it('labels each group as the view shows it', () => {
    assert.deepEqual(GROUP_LABELS, { admins: 'Admins', members: 'Members', guests: 'Guests', viewOnly: 'View-only', inactive: 'Inactive' });
  });

  describe('role words inside a sentence', () => {
    afterEach(() => useTranslator(english));

    it('are looked up under their message/comment key, as VS Code does, apart from the group labels', () => {
      // "admin" alone and "admin" in "was admin, now member" are different words in many languages,
      // so each has its comment, and with it its own key in the bundle.
      useTranslator(showKeys);
      const groups: ActiveGroup[] = ['admins', 'members', 'guests', 'viewOnly'];
      assert.deepEqual(
        groups.map((g) => roleName(g)),
        groups.map((g) => `[${ROLE_NAMES[g]}/a member's role, inside a sentence: "was ${ROLE_NAMES[g]}"]`),
      );
    });
  });
});
