// The roster changes report and the exports of changes and former members: exact text, escaped.
import * as assert from 'node:assert/strict';
import { exportFormerMembers, exportRosterChanges, rosterReportMarkdown } from '../../../src/members/rosterExport';
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
