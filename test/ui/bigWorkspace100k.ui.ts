// A 100,000-member workspace, grouped, after loading. This file exports its own emulator options, so
// the UI runner starts an emulator with 100,000 active members in Acme Corp (0–5 ms per request, so
// the two thousand pages take seconds, not minutes) and a code-server and browser for it alone.
// Signs in, expands Acme Corp, waits until all 100,000 have loaded, then checks and screenshots the
// grouped tree: the workspace row's count, the groups (collapsed: more than 200 people) whose counts
// add up to 100,000, "Members" in 95 ranges of 1,000 named by their first and last person, and the
// member rows of a range in name order, names in every seeded script (Latin, Cyrillic, Arabic, Thai,
// Hangul, Han).
import * as assert from 'node:assert/strict';
import type { EmulatorOptions } from '../emulator';
import { assertGroupRows, expectedGroups, expectedRanges, formatCount, memberLine, shownWorkspace, workspaceGid } from './asanaTree';
import type { UiScenario, Workbench } from './workbench';
import {
  allTreeRows,
  eventually,
  findTreeRow,
  scenario,
  scrollTreeToTop,
  setSideBarWidth,
  setTreeRowExpanded,
  treeList,
  treeRowsUnder,
} from './workbench';

const MEMBERS = 100_000;

export const emulator: EmulatorOptions = { sizes: { bigWorkspaceMembers: MEMBERS }, latencyMs: [0, 5] };

const SIGN_IN_BUTTON = 'Sign In with a Personal Access Token';
const PASSWORD_INPUT = '.quick-input-widget input[type="password"]';
const ACME = 'Acme Corp';

function workspaceRow(wb: Workbench, name: string) {
  return wb.sideBarRows().filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) }).and(wb.page.locator('[aria-level="1"]'));
}

/** Takes the keyboard focus off the tree and the pointer off the rows, so that neither shows in a picture. */
async function tidyForPicture(wb: Workbench): Promise<void> {
  await treeList(wb).evaluate((el) => (el as unknown as { blur(): void }).blur());
  await wb.page.mouse.move(1, 1);
  await wb.settle();
}

export const scenarios: readonly UiScenario[] = [
  scenario(
    `expanding a ${formatCount(MEMBERS)}-member Acme Corp loads every member, then shows them grouped by role with counts that add up`,
    async (wb) => {
      const emu = wb.emulator;
      const expected = expectedGroups(emu, workspaceGid(emu, ACME));
      assert.equal(expected.reduce((n, g) => n + g.members.length, 0), MEMBERS, `the emulator holds ${formatCount(MEMBERS)} active members in ${ACME}`);
      assert.deepEqual(expected.map((g) => g.label), ['Admins', 'Members', 'Guests', 'View-only']);

      await wb.openActivity('Asana');
      await setSideBarWidth(wb, 520); // room for the ranges' names (this file's code-server is its own)
      await wb.clickWelcomeButton(SIGN_IN_BUTTON, 30_000);
      const input = wb.page.locator(PASSWORD_INPUT);
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.pressSequentially(emu.tokens.admin, { delay: 5 });
      await wb.page.keyboard.press('Enter');
      await wb.waitForNotification('Signed in to Asana as Zoë Ångström.', 30_000);
      await eventually(
        async () => (await wb.visibleRows()).filter((r) => r.level === 1).map((r) => r.label).sort(),
        (labels) => labels.length === 3,
        'the tree should show three workspaces',
        30_000,
      );

      const started = Date.now();
      await scrollTreeToTop(wb);
      await workspaceRow(wb, ACME).click();
      const loaded = await eventually(
        () => wb.rowInfo(workspaceRow(wb, ACME)),
        (r) => r.description.includes('members'),
        `${ACME} should finish loading its ${formatCount(MEMBERS)} members`,
        240_000,
      );
      console.log(`      ${formatCount(MEMBERS)} members loaded after ${Date.now() - started} ms (${emu.counters.total} requests)`);
      assert.equal(loaded.description, `${formatCount(MEMBERS)} members · admin`);
      assert.equal(loaded.expanded, true);
      assert.equal(await wb.treeRow(/^Loading members…/).count(), 0, 'the loading row is gone');
      await wb.waitForSideBarIdle(30_000);

      // Every group with its count, in the fixed order; the counts add up. The roster-changes row
      // ("nothing to compare yet" on a first look) comes once the listing is recorded, a moment after
      // the count: reading the rows before it would count one row fewer than the groups' set size.
      const shown = await eventually(
        async () => shownWorkspace(await allTreeRows(wb), ACME),
        (ws) => ws.changes !== undefined,
        `${ACME} should show its roster-changes row`,
        30_000,
      );
      assert.deepEqual(shown.messages, [], 'no message row once loaded');
      assertGroupRows(shown, expected);
      // More than 200 members: the groups should start collapsed (checked last, so that the rest is checked and pictured either way).
      const expandedOnceLoaded = shown.groups.filter((g) => g.row.expanded).map((g) => g.row.label);
      const counts = shown.groups.map((g) => Number(g.row.description.replace(/,/g, '')));
      assert.equal(counts.reduce((a, b) => a + b, 0), MEMBERS, `the group counts add up to ${formatCount(MEMBERS)}: ${counts.join(' + ')}`);

      // Members: 95 ranges of a thousand, in name order, each named by its first and last person.
      const members = expected.find((g) => g.label === 'Members')!.members;
      const wanted = expectedRanges(members);
      assert.equal(wanted.length, Math.ceil(members.length / 1000));
      await setTreeRowExpanded(wb, [ACME, 'Members'], true);
      const ranges = await treeRowsUnder(wb, [ACME, 'Members']);
      assert.deepEqual(
        ranges.children.map((r) => `${r.level} ${r.label} | ${r.description} | ${r.expanded} | ${r.siblings}`),
        wanted.map((r) => `3 ${r.label} | ${r.description} | false | ${wanted.length}`),
        `${ACME} › Members: ${wanted.length} collapsed ranges`,
      );
      assert.equal(wanted[wanted.length - 1]!.label, `${formatCount(Math.floor((members.length - 1) / 1000) * 1000 + 1)}–${formatCount(members.length)}`);
      // The other groups of more than 1,000 are in ranges too; Admins (41) holds its members directly.
      for (const g of expected) {
        await setTreeRowExpanded(wb, [ACME, g.label], true);
        const under = await treeRowsUnder(wb, [ACME, g.label]);
        const groupRanges = expectedRanges(g.members);
        if (g.label === 'Members') continue;
        if (groupRanges.length) {
          assert.deepEqual(under.children.map((r) => `${r.label} | ${r.description}`), groupRanges.map((r) => `${r.label} | ${r.description}`), `${ACME} › ${g.label}: its ranges`);
        } else {
          assert.deepEqual(under.children.map(memberLine), g.members.map(memberLine), `${ACME} › ${g.label}: every member, in name order`);
        }
        await setTreeRowExpanded(wb, [ACME, g.label], false);
      }

      // The picture: the groups with their counts, Members open on its ranges.
      await scrollTreeToTop(wb);
      await tidyForPicture(wb);
      await wb.screenshot('big-workspace-100k');

      assert.deepEqual(
        expandedOnceLoaded,
        [],
        `${ACME} has ${formatCount(MEMBERS)} members (more than 200), so its groups should be collapsed once loaded, not expanded: ${expandedOnceLoaded.join(', ')}`,
      );
    },
    { timeoutMs: 360_000 },
  ),

  scenario('a range of the 100,000 holds its members in name order, names in every script rendered', async (wb) => {
    const emu = wb.emulator;
    const expected = expectedGroups(emu, workspaceGid(emu, ACME));
    const members = expected.find((g) => g.label === 'Members')!.members;
    const wanted = expectedRanges(members);

    // The first range: the first thousand by name.
    await setTreeRowExpanded(wb, [ACME, 'Members', wanted[0]!.label], true);
    const first = await treeRowsUnder(wb, [ACME, 'Members', wanted[0]!.label], 30);
    assert.deepEqual(first.children.map(memberLine), members.slice(0, 30).map(memberLine), 'the first range starts with the first members by name');
    assert.ok(first.children.every((r) => r.level === 4 && r.siblings === 1000), 'a thousand rows under the range, at level 4');
    await setTreeRowExpanded(wb, [ACME, 'Members', wanted[0]!.label], false);

    // A range where the Thai names end and the Hangul ones begin; and the last, shorter, range (Han).
    const mixed = wanted.findIndex((r) => /[\u0e00-\u0e7f]/.test(r.description) && /[\uac00-\ud7af]/.test(r.description));
    assert.ok(mixed >= 0, `a range from Thai to Hangul names: ${wanted.map((r) => r.description).join(' | ')}`);
    const last = wanted.length - 1;
    for (const i of [mixed, last]) {
      await setTreeRowExpanded(wb, [ACME, 'Members', wanted[i]!.label], true);
      const under = await treeRowsUnder(wb, [ACME, 'Members', wanted[i]!.label], 30);
      const size = Math.min(1000, members.length - i * 1000);
      assert.deepEqual(under.children.map(memberLine), members.slice(i * 1000, i * 1000 + 30).map(memberLine), `${wanted[i]!.label}: its first members by name`);
      assert.ok(under.children.every((r) => r.level === 4 && r.siblings === size), `${wanted[i]!.label}: ${size} rows at level 4`);
    }
    // The pictures: the last ranges (names in Cyrillic, Arabic, Thai, Hangul) and the rows of the one
    // from Thai to Hangul; then the end of the tree, the last range's Han names.
    await findTreeRow(wb, [ACME, 'Members', wanted[mixed]!.label]);
    await tidyForPicture(wb);
    await wb.screenshot('big-workspace-100k-range');
    await treeList(wb).focus();
    await wb.page.keyboard.press('End');
    await eventually(() => wb.visibleRows(), (rows) => rows.some((r) => r.label === 'View-only' && r.level === 2), 'the end of the tree should show', 5000);
    await tidyForPicture(wb);
    await wb.screenshot('big-workspace-100k-end');
  }, { timeoutMs: 120_000 }),
];
