import * as assert from 'node:assert/strict';
import type { Membership } from '../../../src/asana/schemas';
import { csvCell, exportMembers } from '../../../src/members/exportMembers';
import { applyTemplate, formatUser } from '../../../src/members/formatUser';
import { describeFilter, isActive, matchesFilter, NO_FILTER, rolesOf } from '../../../src/members/memberFilter';
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

  it('matches letters a person types for others: ss for ß, and a capital Σ ending what is typed so far', () => {
    const strauss = m('Johann Strauß');
    for (const text of ['strauss', 'STRAUSS', 'strauß', 'Strauß']) assert.ok(matchesFilter(strauss, undefined, { text, roles: [] }), text);
    const odysseas = m('Οδυσσέας Ελύτης');
    // Lower-cased, a Σ at the end of the text becomes a final ς, while the name has σ there.
    for (const text of ['ΟΔΥΣ', 'οδυσ', 'Οδυσσέας', 'ΟΔΥΣΣΕΑΣ']) assert.ok(matchesFilter(odysseas, undefined, { text, roles: [] }), text);
    assert.equal(matchesFilter(odysseas, undefined, { text: 'ΟΔΥΣΣΕΑΣ Χ', roles: [] }), false);
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

describe('member filter, roles and state', () => {
  it('is on with any text that is not blank, or any role', () => {
    assert.equal(isActive(NO_FILTER), false);
    assert.equal(isActive({ text: '  \t', roles: [] }), false);
    assert.equal(isActive({ text: 'a', roles: [] }), true);
    assert.equal(isActive({ text: '', roles: ['guest'] }), true);
  });

  it('gives each membership its roles, "member" only to an active one with no other', () => {
    assert.deepEqual(rolesOf(m('P')), ['member']);
    assert.deepEqual(rolesOf(m('I', { is_active: false })), ['inactive']);
    assert.deepEqual(rolesOf(m('A', { is_admin: true })), ['admin']);
    assert.deepEqual(rolesOf(m('G', { is_guest: true })), ['guest']);
    assert.deepEqual(rolesOf(m('V', { is_view_only: true })), ['view-only']);
    assert.deepEqual(rolesOf(m('X', { is_active: false, is_admin: true, is_guest: true, is_view_only: true })), ['inactive', 'admin', 'guest', 'view-only']);
  });

  it('needs both the role and the text to match', () => {
    const ada = m('Ada', { is_guest: true });
    assert.equal(matchesFilter(ada, undefined, { text: 'ada', roles: ['guest'] }), true);
    assert.equal(matchesFilter(ada, undefined, { text: 'bob', roles: ['guest'] }), false);
    assert.equal(matchesFilter(ada, undefined, { text: 'ada', roles: ['admin', 'view-only'] }), false);
    assert.equal(matchesFilter(ada, undefined, { text: '  ', roles: [] }), true, 'blank text matches everyone');
    assert.equal(matchesFilter(m('Bob'), 'ada@acme.test', { text: 'ada', roles: [] }), true, 'the email is searched too');
    // Without an email, only the name is searched: no letter outside it matches.
    for (const letter of 'bcefghijklmnopqrstuvwxyz') assert.equal(matchesFilter(ada, undefined, { text: letter, roles: [] }), false, letter);
  });

  it('describes text alone, roles alone, or both', () => {
    assert.equal(describeFilter({ text: 'ada', roles: [] }), 'Filtered: "ada"');
    assert.equal(describeFilter({ text: ' ', roles: ['admin', 'inactive'] }), 'Filtered: admin, inactive');
  });
});

describe('export', () => {
  it('writes CSV with quoting and formula protection', () => {
    const csv = exportMembers([m('Lovelace, Ada'), m('=HYPERLINK("x")', { is_admin: true })], (gid) => (gid === 'u-Lovelace, Ada' ? 'ada@x.test' : undefined), 'csv');
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'name,email,admin,guest,view_only,active,created_at');
    assert.equal(lines[1], '"Lovelace, Ada",ada@x.test,false,false,false,true,2025-01-02T03:04:05.000Z');
    assert.equal(lines[2], `"'=HYPERLINK(""x"")",,true,false,false,true,2025-01-02T03:04:05.000Z`);
  });

  it('guards every character a spreadsheet reads as the start of a formula: = + - @ TAB CR', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${start}SUM(A1:A9)`);
      // The apostrophe comes first, inside the quotes when the cell needs them.
      assert.ok(cell.startsWith("'") || cell.startsWith(`"'`), `${JSON.stringify(start)} → ${JSON.stringify(cell)}`);
      assert.equal(cell.replace(/^"|"$/g, '').replace(/""/g, '"'), `'${start}SUM(A1:A9)`, JSON.stringify(start));
    }
    for (const harmless of ['Ada', '1', "'quoted", ' =later', 'a=b']) assert.equal(csvCell(harmless), harmless, harmless);
  });

  it('quotes a cell holding a separator of any locale: comma, semicolon, tab, quote, CR or LF', () => {
    for (const sep of [',', ';', '\t', '"', '\r', '\n']) {
      const cell = csvCell(`Ada${sep}=HYPERLINK("x")`);
      assert.ok(cell.startsWith('"') && cell.endsWith('"'), `${JSON.stringify(sep)} → ${JSON.stringify(cell)}`);
    }
    assert.equal(csvCell('Ada;=1+1'), '"Ada;=1+1"');
  });

  it('leaves a missing email or date empty, and ends each format with a line break', () => {
    const csv = exportMembers([m('Ada', { created_at: null })], () => undefined, 'csv');
    assert.equal(csv, 'name,email,admin,guest,view_only,active,created_at\r\nAda,,false,false,false,true,\r\n');
    const md = exportMembers([m('Ada', { created_at: null, is_active: false })], () => undefined, 'markdown');
    assert.equal(
      md,
      '| name | email | admin | guest | view_only | active | created_at |\n| --- | --- | --- | --- | --- | --- | --- |\n| Ada |  | false | false | false | false |  |\n',
    );
    assert.equal(exportMembers([], () => undefined, 'csv'), 'name,email,admin,guest,view_only,active,created_at\r\n');
  });

  it('writes a Markdown table with pipes escaped', () => {
    const md = exportMembers([m('A | B')], () => 'a@b.co', 'markdown').split('\n');
    assert.equal(md[0], '| name | email | admin | guest | view_only | active | created_at |');
    assert.equal(md[2], '| A \\| B | a@b.co | false | false | false | true | 2025-01-02T03:04:05.000Z |');
  });

  it('keeps each member on one Markdown row, whatever line break a name holds', () => {
    for (const br of ['\r', '\n', '\r\n', '\u2028', '\u2029', '\u0085', '\v', '\f']) {
      const md = exportMembers([m(`Ada${br}| evil | row |`), m('Bob')], () => undefined, 'markdown');
      const rows = md.split(/\r\n|[\r\n\u2028\u2029\u0085\v\f]/).filter(Boolean);
      assert.equal(rows.length, 4, `${JSON.stringify(br)}: ${JSON.stringify(md)}`);
      assert.ok(rows[2]!.startsWith('| Ada \\| evil \\| row \\| |'), rows[2]);
    }
  });

  it('renders names with Markdown or HTML as text in the Markdown export', async () => {
    const { marked } = await import('marked');
    const names = ['![x](https://evil.example/pixel.png)', '[Verify](https://evil.example)', '<img src=x onerror=alert(1)>', '**bold** `code` ~~x~~', 'https://evil.example', 'www.evil.example', '&#x202E;'];
    const md = exportMembers(names.map((n) => m(n)), () => undefined, 'markdown');
    const html = marked.parse(md, { async: false, gfm: true });
    assert.ok(!/<(a|img|strong|code|del)\b/.test(html), html);
    for (const name of names) assert.ok(html.includes(`<td>${name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</td>`), name);
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

  it('leaves {email} empty in a template for a person without one', () => {
    assert.equal(applyTemplate('{name} <{email}>', { gid: '42', name: 'Ada', email: undefined }), 'Ada <>');
  });

  it('inserts names without line breaks or direction characters, and links only digit ids', () => {
    const evil = { gid: '42', name: 'Ada\u202e\n<b>[x](y)</b>', email: 'ada\u200f@x.test' };
    assert.equal(formatUser(evil, 'name', ''), 'Ada <b>[x](y)</b>');
    assert.equal(formatUser(evil, 'email', ''), 'ada@x.test');
    assert.equal(formatUser(evil, 'markdownLink', ''), '[Ada \\<b\\>\\[x\\](y)\\</b\\>](https://app.asana.com/0/profile/42)');
    assert.equal(formatUser({ ...evil, gid: '1) [y](https://evil.example' }, 'markdownLink', ''), 'Ada \\<b\\>\\[x\\](y)\\</b\\>');
    assert.equal(formatUser(evil, 'template', '{name} {email}'), 'Ada <b>[x](y)</b> ada@x.test');
    assert.equal(applyTemplate('{url}', { ...evil, gid: '1/../x' }), 'https://app.asana.com/0/profile/1%2F..%2Fx');
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
    // A mention is at most 40 characters: past that it is prose, not a name being typed.
    assert.equal(queryAt(`@${'a'.repeat(40)}`, '@'), 'a'.repeat(40));
    assert.equal(queryAt(`@${'a'.repeat(41)}`, '@'), undefined);
  });
});
