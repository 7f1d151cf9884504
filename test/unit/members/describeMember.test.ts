import * as assert from 'node:assert/strict';
import type { Membership } from '../../../src/asana/schemas';
import { badgesOf, describeMember, memberTooltipMarkdown, myTasksLink, onVacation } from '../../../src/members/describeMember';
import { escapeMarkdown } from '../../../src/util/markdown';
import { sortMembers } from '../../../src/members/sortMembers';

function membership(over: Partial<Membership> = {}): Membership {
  return {
    gid: '500',
    user: { gid: '100', name: 'Ada Lovelace' },
    workspace: { gid: '1', name: 'Acme Corp' },
    is_active: true,
    is_admin: false,
    is_guest: false,
    is_view_only: false,
    created_at: '2024-03-01T10:00:00.000Z',
    vacation_dates: null,
    user_task_list: { gid: '900', name: 'My Tasks' },
    ...over,
  };
}

describe('describing a member', () => {
  it('lists the badges that apply, inactive first', () => {
    assert.deepEqual(badgesOf(membership()), []);
    assert.deepEqual(
      badgesOf(membership({ is_active: false, is_admin: true, is_guest: true, is_view_only: true })),
      ['inactive', 'admin', 'guest', 'view-only'],
    );
  });

  it('knows who is on vacation today, open-ended or not', () => {
    const today = '2026-11-25';
    assert.equal(onVacation(membership({ vacation_dates: { start_on: '2026-11-20', end_on: '2026-11-30' } }), today), true);
    assert.equal(onVacation(membership({ vacation_dates: { start_on: '2026-11-20', end_on: null } }), today), true);
    assert.equal(onVacation(membership({ vacation_dates: { start_on: '2026-12-01', end_on: null } }), today), false);
    assert.equal(onVacation(membership({ vacation_dates: { start_on: '2026-11-01', end_on: '2026-11-24' } }), today), false);
    assert.equal(
      describeMember(membership({ is_admin: true, vacation_dates: { start_on: '2026-11-20', end_on: null } }), 'ada@acme.test', today),
      'admin · on vacation · ada@acme.test',
    );
  });

  it('links My Tasks and escapes names in the tooltip', () => {
    assert.equal(myTasksLink(membership()), 'https://app.asana.com/0/900/list');
    assert.equal(myTasksLink(membership({ user_task_list: null })), undefined);
    const md = memberTooltipMarkdown(membership({ user: { gid: '100', name: '[evil](http://x)' } }), 'a@b.co');
    assert.ok(!md.includes('[evil](http://x)'));
    assert.ok(md.includes(escapeMarkdown('[evil](http://x)')));
    assert.ok(md.includes('[My Tasks](https://app.asana.com/0/900/list)'));
  });

  it('sorts by name, accent- and case-insensitively, stable on ties', () => {
    const list = [
      membership({ gid: '3', user: { gid: 'c', name: 'zoë' } }),
      membership({ gid: '2', user: { gid: 'b', name: 'Ábel' } }),
      membership({ gid: '1', user: { gid: 'a', name: 'abel' } }),
      membership({ gid: '4', user: { gid: 'd', name: 'Bob' } }),
    ];
    assert.deepEqual(sortMembers(list).map((m) => m.gid), ['1', '2', '4', '3']);
  });
});
