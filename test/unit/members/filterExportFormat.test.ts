import * as assert from 'node:assert/strict';
import type { Membership } from '../../../src/asana/schemas';
import { csvCell, exportMembers } from '../../../src/members/exportMembers';
import { applyTemplate, formatUser } from '../../../src/members/formatUser';
import { describeFilter, matchesFilter, NO_FILTER } from '../../../src/members/memberFilter';
import { queryAt } from '../../../src/search/mentionQuery';

function m(name: string, over: Partial<Membership> = {}): Membership {
  return {
    gid: `m-${name}`,
    user: { gid: `u-${name}`, name },
    workspace: { gid: '1', name: 'W' },
    is_active: true,
    is_admin: false,
    is_guest: false,
    is_view_only: false,
    created_at: '2025-01-02T03:04:05.000Z',
    vacation_dates: null,
    user_task_list: null,
    ...over,
  };
}

describe('member filter', () => {
  it('matches every word in name or email, ignoring accents and case', () => {
    const zoe = m('Zoë Ångström');
    assert.ok(matchesFilter(zoe, 'zoe@acme.test', { text: 'zoe ang', roles: [] }));
    assert.ok(matchesFilter(zoe, 'zoe@acme.test', { text: 'ACME', roles: [] }));
    assert.equal(matchesFilter(zoe, 'zoe@acme.test', { text: 'zoe smith', roles: [] }), false);
    assert.ok(matchesFilter(zoe, undefined, NO_FILTER));
  });

  it('matches any chosen role', () => {
    const admin = m('A', { is_admin: true });
    const guest = m('G', { is_guest: true });
    const plain = m('P');
    const gone = m('I', { is_active: false });
    const roles = { text: '', roles: ['admin', 'inactive'] as const };
    assert.deepEqual([admin, guest, plain, gone].filter((x) => matchesFilter(x, undefined, { ...roles, roles: [...roles.roles] })).map((x) => x.user.name), ['A', 'I']);
    assert.ok(matchesFilter(plain, undefined, { text: '', roles: ['member'] }));
    assert.equal(describeFilter({ text: ' ada ', roles: ['guest'] }), 'Filtered: "ada" · guest');
    assert.equal(describeFilter(NO_FILTER), '');
  });
});

describe('export', () => {
  it('writes CSV with quoting and formula protection', () => {
    const csv = exportMembers([m('Lovelace, Ada'), m('=HYPERLINK("x")', { is_admin: true })], (gid) => (gid === 'u-Lovelace, Ada' ? 'ada@x.test' : undefined), 'csv');
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'name,email,admin,guest,view_only,active,created_at');
    assert.equal(lines[1], '"Lovelace, Ada",ada@x.test,false,false,false,true,2025-01-02T03:04:05.000Z');
    assert.equal(lines[2], `"'=HYPERLINK(""x"")",,true,false,false,true,2025-01-02T03:04:05.000Z`);
    assert.equal(csvCell('-1'), "'-1");
  });

  it('writes a Markdown table with pipes escaped', () => {
    const md = exportMembers([m('A | B')], () => 'a@b.co', 'markdown').split('\n');
    assert.equal(md[0], '| name | email | admin | guest | view_only | active | created_at |');
    assert.equal(md[2], '| A \\| B | a@b.co | false | false | false | true | 2025-01-02T03:04:05.000Z |');
  });
});

describe('formatting a person for the editor', () => {
  const ada = { gid: '42', name: 'Ada [L]', email: 'ada@x.test' };
  it('supports every format', () => {
    assert.equal(formatUser(ada, 'name', ''), 'Ada [L]');
    assert.equal(formatUser(ada, 'email', ''), 'ada@x.test');
    assert.equal(formatUser({ ...ada, email: undefined }, 'email', ''), 'Ada [L]');
    assert.equal(formatUser(ada, 'markdownLink', ''), '[Ada \\[L\\]](https://app.asana.com/0/profile/42)');
    assert.equal(formatUser(ada, 'template', '@{name} <{email}> {gid} {nope}'), '@Ada [L] <ada@x.test> 42 {nope}');
    assert.equal(applyTemplate('{url}', ada), 'https://app.asana.com/0/profile/42');
  });
});

describe('@-mention detection', () => {
  it('finds the query after the trigger, not inside an email address', () => {
    assert.equal(queryAt('Ping @ada', '@'), 'ada');
    assert.equal(queryAt('@', '@'), '');
    assert.equal(queryAt('(@zoë', '@'), 'zoë');
    assert.equal(queryAt('mail ada@acme', '@'), undefined);
    assert.equal(queryAt('@ada lovelace', '@'), undefined);
    assert.equal(queryAt('no mention', '@'), undefined);
  });
});
