import * as assert from 'node:assert/strict';
import type { Membership } from '../../../src/asana/schemas';
import type { OooEntry } from '../../../src/asana/schemas';
import { badgesOf, describeMember, isoDay, memberTooltipMarkdown, myTasksLink, onVacation, outOfOfficeMarkdown, roleOf, vacationText } from '../../../src/members/describeMember';
import { escapeMarkdown } from '../../../src/util/markdown';
import { english, useTranslator } from '../../../src/util/l10n';
import { showKeys } from '../../helpers/showKeys';

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
    assert.ok(md.includes('User id: `100` · Membership id: `500`'));
    assert.ok(md.includes('Member since: 2024\\-03\\-01'));
  });

  it('escapes every server value in the tooltip, not only names', async () => {
    const evil = '[Verify your account](https://evil.example)';
    const md = memberTooltipMarkdown(
      membership({
        gid: `12\` ${evil}`,
        user: { gid: `3${evil}`, name: 'Ada\nMember since: forever\u2028Admin' },
        workspace: { gid: '1', name: `Acme ${evil}` },
        created_at: `${evil}T00:00:00Z`,
        vacation_dates: { start_on: evil, end_on: `<img src=x>` },
        user_task_list: { gid: `9)](https://evil.example`, name: 'My Tasks' },
      }),
      `a@b.co ${evil}`,
    );
    // Rendered as VS Code renders tooltips (marked, GitHub-flavoured): no link, no image, no HTML at all;
    // My Tasks is not linked either, for a task list whose id is not digits.
    const { marked } = await import('marked');
    const html = marked.parse(md, { async: false, gfm: true });
    assert.ok(!/<(a|img)\b/.test(html), html);
    assert.ok(!md.includes('[My Tasks]'), md);
    const lines = md.split('  \n');
    assert.equal(lines[0], `**${escapeMarkdown('Ada Member since: forever Admin')}**`, 'a name cannot add a line');
    assert.ok(!lines.some((l) => /[\r\u2028]/.test(l)));
    assert.ok(md.includes(`Member since: ${escapeMarkdown(evil.slice(0, 10))}`));
    assert.ok(md.includes(`Vacation: ${escapeMarkdown(`${evil} to <img src=x>`)}`));
    assert.ok(md.includes(`User id: \`\`3${evil}\`\``) || md.includes(`User id: \`3${evil}\``), md);
    assert.ok(md.includes(`Membership id: \`\`12\` ${evil}\`\``), md);
  });

  it('keeps control and direction characters out of the description', () => {
    assert.equal(describeMember(membership({ is_admin: true }), 'ada\u202e@acme.test\n', '2026-01-01'), 'admin · ada@acme.test ');
  });

  it('counts the first and the last day of a vacation as on vacation', () => {
    const v = { start_on: '2026-11-20', end_on: '2026-11-25' };
    assert.equal(onVacation(membership({ vacation_dates: v }), '2026-11-20'), true);
    assert.equal(onVacation(membership({ vacation_dates: v }), '2026-11-25'), true);
    assert.equal(onVacation(membership({ vacation_dates: v }), '2026-11-19'), false);
    assert.equal(onVacation(membership({ vacation_dates: v }), '2026-11-26'), false);
    assert.equal(onVacation(membership({ vacation_dates: null }), '2026-11-20'), false);
    assert.deepEqual(badgesOf(membership({ vacation_dates: v }), '2026-11-22'), ['vacation']);
  });

  it('judges vacations against today when no day is given', () => {
    const today = isoDay(new Date());
    assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(isoDay(new Date('2026-03-04T23:59:59.000Z')), '2026-03-04');
    assert.deepEqual(badgesOf(membership({ vacation_dates: { start_on: today, end_on: today } })), ['vacation']);
    assert.deepEqual(badgesOf(membership({ vacation_dates: { start_on: '2000-01-01', end_on: '2000-01-02' } })), []);
    assert.equal(describeMember(membership({ vacation_dates: { start_on: today, end_on: null } }), undefined), 'on vacation');
  });

  it('describes every badge in words, badges before the email, and nothing for nobody special', () => {
    assert.equal(
      describeMember(membership({ is_active: false, is_guest: true, is_view_only: true }), 'g@acme.test', '2026-01-01'),
      'inactive · guest · view-only · g@acme.test',
    );
    assert.equal(describeMember(membership(), undefined, '2026-01-01'), '');
    assert.equal(describeMember(membership(), 'ada@acme.test', '2026-01-01'), 'ada@acme.test');
  });

  it('says each badge under its own key, apart from the same word as a role ("was admin")', () => {
    useTranslator(showKeys);
    try {
      assert.equal(
        describeMember(membership({ is_active: false, is_admin: true, is_guest: true, is_view_only: true, vacation_dates: { start_on: '2026-01-01', end_on: null } }), undefined, '2026-01-01'),
        ['inactive', 'admin', 'guest', 'view-only', 'on vacation'].map((b) => `[${b}/a badge in a member's row]`).join(' · '),
      );
    } finally {
      useTranslator(english);
    }
  });

  it('names the role, the strongest first', () => {
    assert.equal(roleOf(membership({ is_admin: true, is_guest: true, is_view_only: true })), 'admin');
    assert.equal(roleOf(membership({ is_guest: true, is_view_only: true })), 'guest');
    assert.equal(roleOf(membership({ is_view_only: true })), 'viewer');
    assert.equal(roleOf(membership()), 'member');
  });

  it('writes vacations with or without an end', () => {
    assert.equal(vacationText(membership({ vacation_dates: { start_on: '2026-11-20', end_on: '2026-11-30' } })), '2026-11-20 to 2026-11-30');
    assert.equal(vacationText(membership({ vacation_dates: { start_on: '2026-11-20', end_on: null } })), 'from 2026-11-20, no end date');
    assert.equal(vacationText(membership()), undefined);
  });

  it('lays the tooltip out line by line: name, email, role, dates, tasks, ids', () => {
    assert.equal(
      memberTooltipMarkdown(membership({ vacation_dates: { start_on: '2026-11-20', end_on: null } }), 'ada@acme.test'),
      [
        '**Ada Lovelace**',
        escapeMarkdown('ada@acme.test'),
        '',
        'Member of Acme Corp',
        `Member since: ${escapeMarkdown('2024-03-01')}`,
        `Vacation: ${escapeMarkdown('from 2026-11-20, no end date')}`,
        '[My Tasks](https://app.asana.com/0/900/list)',
        'User id: `100` · Membership id: `500`',
      ].join('  \n'),
    );
    // Without email, dates or task list, those lines are left out.
    assert.equal(
      memberTooltipMarkdown(membership({ is_active: false, is_view_only: true, created_at: null, user_task_list: null }), undefined),
      ['**Ada Lovelace**', '', 'View-only member of Acme Corp (inactive: removed from the workspace)', 'User id: `100` · Membership id: `500`'].join('  \n'),
    );
    assert.match(memberTooltipMarkdown(membership({ is_admin: true }), undefined), / {2}\nAdmin of Acme Corp {2}\n/);
    assert.match(memberTooltipMarkdown(membership({ is_guest: true }), undefined), / {2}\nGuest of Acme Corp {2}\n/);
  });

  describe('out-of-office lines', () => {
    const ooo = (start_date: string, end_date: string | null): OooEntry => ({ gid: `${start_date}-${end_date}`, start_date, end_date, created_by: null });
    const today = '2026-12-03';

    it('marks an entry "now" from its first day to its last, and not the day before or after', () => {
      assert.equal(outOfOfficeMarkdown([ooo(today, '2026-12-05')], today), `Out of office: ${escapeMarkdown(`${today} to 2026-12-05`)} **(now)**`);
      assert.equal(outOfOfficeMarkdown([ooo('2026-12-01', today)], today), `Out of office: ${escapeMarkdown(`2026-12-01 to ${today}`)} **(now)**`);
      assert.equal(outOfOfficeMarkdown([ooo('2026-12-04', '2026-12-05')], today), `Out of office: ${escapeMarkdown('2026-12-04 to 2026-12-05')}`);
      // Kept past midnight by the store's cache: an entry that ended yesterday is no longer under way.
      assert.equal(outOfOfficeMarkdown([ooo('2026-11-20', '2026-12-02')], today), `Out of office: ${escapeMarkdown('2026-11-20 to 2026-12-02')}`);
    });

    it('writes an open-ended entry as such, under way once it has started', () => {
      assert.equal(outOfOfficeMarkdown([ooo('2026-11-20', null)], today), `Out of office: ${escapeMarkdown('from 2026-11-20, no end date')} **(now)**`);
      assert.equal(outOfOfficeMarkdown([ooo('2026-12-20', null)], today), `Out of office: ${escapeMarkdown('from 2026-12-20, no end date')}`);
    });

    it('shows five entries and counts the rest', () => {
      const days = ['2027-01-05', '2027-02-05', '2027-03-05', '2027-04-05', '2027-05-05', '2027-06-05', '2027-07-05'];
      const line = (d: string) => `Out of office: ${escapeMarkdown(`${d} to ${d}`)}`;
      assert.equal(outOfOfficeMarkdown(days.map((d) => ooo(d, d)), today), [...days.slice(0, 5).map(line), 'and 2 more'].join('  \n'));
      assert.equal(outOfOfficeMarkdown(days.slice(0, 5).map((d) => ooo(d, d)), today), days.slice(0, 5).map(line).join('  \n'), 'five: no "more" line');
    });
  });
});
