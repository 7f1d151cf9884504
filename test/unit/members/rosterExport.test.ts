// The roster changes report and the exports of changes and former members: exact text, escaped.
import * as assert from 'node:assert/strict';
import { markdownCell } from '../../../src/members/exportMembers';
import { describeChangeCount, exportFormerMembers, exportRosterChanges, rosterReportMarkdown } from '../../../src/members/rosterExport';
import { longDate } from '../../../src/util/relativeTime';
import type { FormerMember } from '../../../src/store/formerCodec';
import type { RosterChanges, RosterPerson } from '../../../src/store/rosterChanges';

const person = (name: string, group: RosterPerson['group'], email?: string): RosterPerson => ({ userGid: String(name.length * 7), membershipGid: '9', name, email, group });
const since = Date.UTC(2026, 10, 28, 9, 0);
const until = Date.UTC(2026, 11, 3, 9, 0);
const changes: RosterChanges = {
  since,
  until,
  joined: [person('Ada Lovelace', 'members', 'ada@acme.test')],
  left: [person('=HYPERLINK("x")', 'guests', 'evil@outside.test')],
  roleChanged: [{ person: person('Grace Hopper', 'admins', 'grace@acme.test'), from: 'members' }],
};
const former: FormerMember[] = [{ userGid: '77', membershipGid: '78', name: 'Old [Friend](https://x.test)', email: undefined, group: 'viewOnly', lastSeenAt: since }];

describe('roster report and exports', () => {
  it('reports the counts, each person with email and roles, and the former members, as inert Markdown', () => {
    const md = rosterReportMarkdown({ workspaceName: 'Acme Corp', changes, firstLook: false, former });
    assert.match(md, /^# Roster changes in Acme Corp\n/);
    assert.match(md, /\*\*3 changes\*\* between the last look .*: 1 joined, 1 left, 1 changed role\./);
    assert.match(md, /## Joined \(1\)\n\n\| Name \| Email \| Role \|\n\| --- \| --- \| --- \|\n\| Ada Lovelace \| ada@acme\.test \| member \|/);
    assert.match(md, /\| Grace Hopper \| grace@acme\.test \| member → admin \|/);
    assert.match(md, /## Former members \(1\)/);
    assert.ok(md.includes('Old \\[Friend\\](https\\://x.test)'), 'a name cannot become a link');
    assert.ok(!md.includes('](https://'));
  });

  it('says the first look has nothing to compare yet, and lists no change', () => {
    const md = rosterReportMarkdown({ workspaceName: 'Acme Corp', changes: { ...changes, joined: [], left: [], roleChanged: [], since: until }, firstLook: true, former: [] });
    assert.match(md, /Nothing to compare yet: this is the first complete roster seen/);
    assert.ok(!md.includes('## '));
  });

  it('exports one CSV row per change with both roles and the times, formulas neutralised', () => {
    const csv = exportRosterChanges('Acme Corp', changes, 'csv').split('\r\n');
    assert.equal(csv[0], 'change,name,email,user_gid,before,after,since,until');
    assert.equal(csv[1], `joined,Ada Lovelace,ada@acme.test,84,,member,2026-11-28T09:00:00.000Z,2026-12-03T09:00:00.000Z`);
    assert.equal(csv[2], `left,"'=HYPERLINK(""x"")",evil@outside.test,105,guest,,2026-11-28T09:00:00.000Z,2026-12-03T09:00:00.000Z`);
    assert.equal(csv[3], `role,Grace Hopper,grace@acme.test,84,member,admin,2026-11-28T09:00:00.000Z,2026-12-03T09:00:00.000Z`);
    assert.equal(csv.length, 5);
  });

  it('exports former members with their last role and when they were last seen', () => {
    assert.equal(exportFormerMembers('Acme Corp', former, 'csv'), 'name,email,user_gid,was,last_seen\r\nOld [Friend](https://x.test),,77,view-only,2026-11-28T09:00:00.000Z\r\n');
    assert.match(exportFormerMembers('Acme Corp', former, 'markdown'), /^# Former members of Acme Corp\n\n\| Name \| Email \| Was \| Last seen \|/);
  });
});

describe('roster report, word for word', () => {
  const at = (ms: number) => longDate(ms);
  const none: RosterChanges = { since, until, joined: [], left: [], roleChanged: [] };

  it('while the members load, says changes are counted once the roster is known, and still lists former members', () => {
    assert.equal(
      rosterReportMarkdown({ workspaceName: 'Acme Corp', changes: undefined, firstLook: false, former }),
      [
        '# Roster changes in Acme Corp',
        '',
        'The members are still loading: changes are counted once the whole roster is known.',
        '',
        '## Former members (1)',
        '',
        'People seen here as active members who no longer are.',
        '',
        '| Name | Email | Was | Last seen |',
        '| --- | --- | --- | --- |',
        `| Old \\[Friend\\](https\\://x.test) |  | view-only | ${markdownCell(at(since))} |`,
        '',
      ].join('\n'),
    );
  });

  it('on the first look, gives the date of the roster and when counting starts', () => {
    assert.equal(
      rosterReportMarkdown({ workspaceName: 'Acme Corp', changes: { ...none, since: until }, firstLook: true, former: [] }),
      [
        '# Roster changes in Acme Corp',
        '',
        `Nothing to compare yet: this is the first complete roster seen (${at(until)}).`,
        'Changes will be counted from it at the next refresh.',
        '',
      ].join('\n'),
    );
  });

  it('writes every section with its heading, count and table, in order: joined, left, changed role', () => {
    assert.equal(
      rosterReportMarkdown({ workspaceName: 'Acme Corp', changes, firstLook: false, former: [] }),
      [
        '# Roster changes in Acme Corp',
        '',
        `**3 changes** between the last look (${at(since)}) and the roster of ${at(until)}: 1 joined, 1 left, 1 changed role.`,
        '',
        '## Joined (1)',
        '',
        '| Name | Email | Role |',
        '| --- | --- | --- |',
        '| Ada Lovelace | ada@acme.test | member |',
        '',
        '## Left (1)',
        '',
        '| Name | Email | Was |',
        '| --- | --- | --- |',
        `| ${markdownCell('=HYPERLINK("x")')} | evil@outside.test | guest |`,
        '',
        '## Changed role (1)',
        '',
        '| Name | Email | Before → now |',
        '| --- | --- | --- |',
        '| Grace Hopper | grace@acme.test | member → admin |',
        '',
      ].join('\n'),
    );
  });

  it('leaves out the sections with nobody in them, and counts one change in the singular', () => {
    const onlyLeft = rosterReportMarkdown({ workspaceName: 'Acme Corp', changes: { ...none, left: changes.left }, firstLook: false, former: [] });
    assert.ok(onlyLeft.includes('**1 change** between'), onlyLeft);
    assert.deepEqual(onlyLeft.match(/^## .*/gm), ['## Left (1)']);
    const onlyJoined = rosterReportMarkdown({ workspaceName: 'Acme Corp', changes: { ...none, joined: changes.joined }, firstLook: false, former: [] });
    assert.deepEqual(onlyJoined.match(/^## .*/gm), ['## Joined (1)']);
    const onlyRole = rosterReportMarkdown({ workspaceName: 'Acme Corp', changes: { ...none, roleChanged: changes.roleChanged }, firstLook: false, former: [] });
    assert.deepEqual(onlyRole.match(/^## .*/gm), ['## Changed role (1)']);
    const nothing = rosterReportMarkdown({ workspaceName: 'Acme Corp', changes: none, firstLook: false, former: [] });
    assert.ok(nothing.includes('**No changes** between'), nothing);
    assert.equal(nothing.match(/^## /gm), null);
  });

  it('counts changes in words: none, one, many with a thousands separator', () => {
    const many = Array.from({ length: 1200 }, (_, i) => person(`P${i}`, 'members'));
    assert.equal(describeChangeCount(none), 'No changes');
    assert.equal(describeChangeCount({ ...none, joined: many.slice(0, 1) }), '1 change');
    assert.equal(describeChangeCount({ ...none, joined: many.slice(0, 2) }), '2 changes');
    assert.equal(describeChangeCount({ ...none, joined: many }), '1,200 changes');
  });

  it('exports roster changes as the report itself when Markdown is asked, and former members as a titled table', () => {
    assert.equal(exportRosterChanges('Acme Corp', changes, 'markdown'), rosterReportMarkdown({ workspaceName: 'Acme Corp', changes, firstLook: false, former: [] }));
    assert.equal(
      exportFormerMembers('Acme Corp', former, 'markdown'),
      ['# Former members of Acme Corp', '', '| Name | Email | Was | Last seen |', '| --- | --- | --- | --- |', `| Old \\[Friend\\](https\\://x.test) |  | view-only | ${markdownCell(at(since))} |`, ''].join('\n'),
    );
  });
});
