// A person's first minutes with the extension, through the real workbench: the Asana view while
// signed out, signing in with a personal access token from the welcome button, the workspaces, the
// members of a small workspace grouped by role (emails, badges, name order, tooltip), a 10,000-member
// workspace streaming in (collapsed groups, ranges of 1,000), and a wrong token. The extension talks to the emulator the UI runner started (`workbench.emulator`).
// The scenarios run in order on one page: each starts where the previous one left off.
import * as assert from 'node:assert/strict';
import {
  assertGroupMembers,
  assertGroupRows,
  expectedGroups,
  expectedRanges,
  formatCount,
  memberLine,
  shownWorkspace,
  workspaceGid,
} from './asanaTree';
import type { RowInfo, UiScenario, Workbench } from './workbench';
import { allTreeRows, eventually, renderedTreeRows, scenario, scrollTreeToTop, setTreeRowExpanded, treeRowsUnder } from './workbench';

const SIGN_IN_BUTTON = 'Sign In with a Personal Access Token';
const WORKSPACES = ['Acme Corp', 'Design Guild', 'Personal Projects'];
const PASSWORD_INPUT = '.quick-input-widget input[type="password"]';

/** The root row of a workspace, by its exact label. */
function workspaceRow(wb: Workbench, name: string) {
  return wb.sideBarRows().filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) }).and(wb.page.locator('[aria-level="1"]'));
}

/** Clicks a workspace's row (which expands or collapses it), scrolling the tree up to it first. */
async function clickWorkspace(wb: Workbench, name: string): Promise<void> {
  await scrollTreeToTop(wb);
  await workspaceRow(wb, name).click();
}

async function rootRows(wb: Workbench): Promise<RowInfo[]> {
  return (await wb.visibleRows()).filter((r) => r.level === 1);
}

/** Clicks the welcome's sign-in button, types `token` into the password box and presses Enter. */
async function signInThroughWelcome(wb: Workbench, token: string): Promise<void> {
  await wb.clickWelcomeButton(SIGN_IN_BUTTON);
  const input = wb.page.locator(PASSWORD_INPUT);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  assert.match(await wb.page.locator('.quick-input-widget .quick-input-title').innerText(), /Sign in to Asana/);
  await input.pressSequentially(token, { delay: 5 });
  assert.equal(await input.inputValue(), token, 'the password box did not receive the whole token');
  await wb.page.keyboard.press('Enter');
}

/**
 * A code-server of its own: these are a person's first minutes, so no window state may be left by
 * another file (the view remembers which rows were expanded, across windows and sessions).
 */
export const isolated = true;

export const scenarios: readonly UiScenario[] = [
  scenario('signed out: the Asana view explains itself and offers a sign-in button', async (wb) => {
    await wb.openActivity('Asana');
    const title = wb.page.locator('.part.sidebar .composite.title');
    await title.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await title.innerText(), /asana/i);
    await wb.page.locator('.part.sidebar .welcome-view-content').getByRole('button', { name: SIGN_IN_BUTTON }).waitFor({ timeout: 20_000 });
    const welcome = await wb.welcomeText();
    assert.match(welcome, /See your Asana workspaces and who belongs to them\./);
    assert.match(welcome, /kept in VS Code's secret storage/);
    assert.equal(await wb.sideBarRows().count(), 0, 'a signed-out view shows no tree rows');
    await wb.waitForSideBarIdle();
    await wb.page.mouse.move(800, 500); // no activity-bar hover in the picture
    await wb.settle();
    await wb.screenshot('signed-out');
  }),

  scenario('signs in with the admin token from the welcome button and lists the three workspaces', async (wb) => {
    await signInThroughWelcome(wb, wb.emulator.tokens.admin);
    const roots = await eventually(
      () => rootRows(wb),
      (rows) => rows.length === WORKSPACES.length,
      'the tree should show the three workspaces',
      30_000,
    );
    assert.deepEqual(roots.map((r) => r.label).sort(), [...WORKSPACES].sort());
    for (const row of roots) {
      assert.equal(row.siblings, 3, `${row.label}: aria-setsize`);
      assert.equal(row.expanded, false, `${row.label} starts collapsed`);
      const org = row.label !== 'Personal Projects';
      assert.equal(row.icon, org ? 'organization' : 'folder', `${row.label}: icon`);
    }
    const signedIn = await wb.waitForNotification('Signed in to Asana as Zoë Ångström.');
    assert.ok(await signedIn.isVisible());
    await wb.waitForToastGone('Checking the token with Asana…', 5000);
    assert.equal(await wb.welcomeText(), '', 'the welcome content is gone once signed in');
    await wb.waitForSideBarIdle();
    await wb.settle();
    await wb.screenshot('workspaces');
  }),

  scenario('expanding Design Guild shows its 41 members grouped by role, each group expanded, in name order, with a tooltip', async (wb) => {
    const emu = wb.emulator;
    const expected = expectedGroups(emu, workspaceGid(emu, 'Design Guild'));
    assert.deepEqual(
      expected.map((g) => `${g.label} ${g.members.length}`),
      ['Admins 2', 'Members 38', 'Guests 1'],
      'the seeded Design Guild: 2 admins, 38 members, 1 guest (41 active members)',
    );
    await clickWorkspace(wb, 'Design Guild');
    // 41 members (≤ 200): every group opens at once.
    await wb.waitForTreeRow('Mei Thompson');
    // The count shows once both listings (memberships and emails) have finished.
    const guild = await eventually(
      () => wb.rowInfo(workspaceRow(wb, 'Design Guild')),
      (row) => row.description.includes('41 members'),
      'Design Guild should say "41 members" once loaded',
    );
    assert.equal(guild.expanded, true);
    assert.equal(guild.description, '41 members');
    await wb.waitForSideBarIdle();

    const shown = shownWorkspace(await allTreeRows(wb), 'Design Guild');
    assert.deepEqual(shown.messages, [], 'no message row once loaded');
    assertGroupRows(shown, expected, { expanded: true });
    for (const group of expected) assertGroupMembers(shown, group);
    // Each group in alphabetical order (accents and case folded), as people scan a list.
    for (const group of shown.groups) {
      const labels = group.members.map((m) => m.label);
      const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ');
      assert.deepEqual(labels, [...labels].sort((a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0)), `${group.row.label}: alphabetical`);
    }
    const byGroup = new Map(shown.groups.map((g) => [g.row.label, g.members]));
    assert.deepEqual(byGroup.get('Guests')?.map((m) => m.label), ['Ada Søndergaard'], 'the guest');
    assert.ok(byGroup.get('Guests')?.every((m) => m.description.startsWith('guest · ') && m.icon === 'globe'));
    assert.ok(byGroup.get('Admins')?.every((m) => m.description.startsWith('admin · ') && m.icon === 'shield'), 'the admins have the badge and the shield');
    assert.equal(byGroup.get('Members')?.filter((m) => m.description.startsWith('(you) ')).length, 1, 'you are among the plain members');
    await scrollTreeToTop(wb);
    await wb.page.mouse.move(1, 1);
    await wb.settle();
    await wb.screenshot('members');

    // The tooltip is built only when hovered (resolveTreeItem), and still says everything.
    const mei = wb.sideBarRows().filter({ hasText: 'Mei Thompson' });
    const tooltip = await wb.hover(mei, 'mei.thompson@guild.test');
    const text = await tooltip.innerText();
    for (const part of ['Mei Thompson', 'mei.thompson@guild.test', 'Admin of Design Guild', 'Member since: ', 'My Tasks', 'User id: ']) {
      assert.ok(text.includes(part), `the tooltip lacks "${part}":\n${text}`);
    }
    assert.equal(await tooltip.locator('strong', { hasText: 'Mei Thompson' }).count(), 1, 'the name is bold (Markdown rendered)');
    assert.match((await tooltip.getByRole('link', { name: 'My Tasks' }).getAttribute('href')) ?? '', /^https:\/\/app\.asana\.com\/0\/\d+\/list$/);
    await wb.screenshot('member-tooltip');
    await wb.page.mouse.move(1, 1);
  }),

  scenario(
    'expanding Acme Corp streams its 10,000 members: a loading row, the first members grouped, then collapsed groups with their counts and ranges of 1,000',
    async (wb) => {
      const emu = wb.emulator;
      const acmeGid = workspaceGid(emu, 'Acme Corp');
      const expected = expectedGroups(emu, acmeGid);
      const total = expected.reduce((n, g) => n + g.members.length, 0);
      assert.equal(total, 10_000);
      assert.deepEqual(expected.map((g) => g.label), ['Admins', 'Members', 'Guests', 'View-only']);
      // Collapse Design Guild, as a person would before looking at the big one.
      await clickWorkspace(wb, 'Design Guild');
      await eventually(() => wb.rowInfo(workspaceRow(wb, 'Design Guild')), (r) => r.expanded === false, 'Design Guild should collapse');
      // A little latency per request, so that the hundred pages take a few seconds as they would from
      // Asana; and Asana slowing down after the first pages (three pages of 0.8 s more), so that the
      // view shows its first members, grouped, while the rest are on their way.
      emu.configure({ latencyMs: 25 });
      const slowDown = emu.faults.add({ method: 'GET', route: '/workspaces/{workspace_gid}/workspace_memberships', kind: 'latency', latencyMs: 800, after: 2, times: 3 });
      try {
        const started = Date.now();
        await clickWorkspace(wb, 'Acme Corp');
        await wb.waitForTreeRow(/^Loading members…/, 10_000);
        // The first page's groups, while the rest load.
        await wb.sideBarRows().and(wb.page.locator('[aria-level="2"]')).filter({ hasText: /^(Admins|Members)/ }).first().waitFor({ timeout: 10_000 });
        const firstShownMs = Date.now() - started;
        await wb.settle(300);
        const midway = shownWorkspace(await renderedTreeRows(wb), 'Acme Corp');
        // Still loading: the message comes first and counts what has arrived, and so does the workspace row.
        const loadingRow = midway.messages.find((m) => m.label.startsWith('Loading members…'));
        assert.ok(loadingRow, `a "Loading members…" row while the slow pages are on their way: ${JSON.stringify(midway.messages)}`);
        const soFar = Number(/^Loading members… ([\d,]+) so far$/.exec(loadingRow.label)?.[1]?.replace(/,/g, '') ?? NaN);
        assert.ok(soFar > 0 && soFar <= 200, `"${loadingRow.label}": the first page or two`);
        assert.equal(loadingRow.icon, 'loading');
        assert.equal(loadingRow.position, 1, 'the loading row is the workspace\'s first child');
        assert.match(midway.row.description, /^loading… [\d,]+( · admin)?$/);
        assert.ok(midway.groups.length > 0, 'groups show while the rest load');
        const order = midway.groups.map((g) => g.row.label);
        assert.deepEqual(order, expected.map((g) => g.label).filter((l) => order.includes(l)), 'groups in their fixed order');
        for (const g of midway.groups) {
          const count = Number(g.row.description.replace(/,/g, ''));
          const max = expected.find((e) => e.label === g.row.label)!.members.length;
          assert.ok(count > 0 && count <= Math.min(max, soFar), `${g.row.label}: "${g.row.description}" while loading (at most ${Math.min(max, soFar)})`);
        }
        await wb.page.mouse.move(1, 1);
        await wb.screenshot('big-workspace-loading');
        const acme = await eventually(
          () => wb.rowInfo(workspaceRow(wb, 'Acme Corp')),
          (row) => row.description.includes('members'),
          'Acme Corp should show its member count once loaded',
          90_000,
        );
        const loadedMs = Date.now() - started;
        console.log(`      first groups after ${firstShownMs} ms, all ${total.toLocaleString('en-US')} after ${loadedMs} ms`);
        assert.equal(acme.description, `${formatCount(total)} members · admin`);
        assert.equal(await wb.treeRow(/^Loading members…/).count(), 0, 'the loading row is gone');
        await wb.waitForSideBarIdle();

        // Every group with its count, in the fixed order; the counts add up to the members.
        const loaded = shownWorkspace(await allTreeRows(wb), 'Acme Corp');
        assert.deepEqual(loaded.messages, [], 'no message row once loaded');
        assertGroupRows(loaded, expected);
        // More than 200 members: the groups should start collapsed (checked last, so that the rest is checked and pictured either way).
        const expandedOnceLoaded = loaded.groups.filter((g) => g.row.expanded).map((g) => g.row.label);
        for (const label of ['Guests', 'View-only'] as const) await setTreeRowExpanded(wb, ['Acme Corp', label], false);
        const sum = loaded.groups.reduce((n, g) => n + Number(g.row.description.replace(/,/g, '')), 0);
        assert.equal(sum, total, 'the group counts add up to the active members');

        // Admins (5): every one, in name order, you among them.
        await setTreeRowExpanded(wb, ['Acme Corp', 'Admins'], true);
        const admins = await treeRowsUnder(wb, ['Acme Corp', 'Admins']);
        const expectedAdmins = expected.find((g) => g.label === 'Admins')!.members;
        assert.deepEqual(admins.children.map(memberLine), expectedAdmins.map(memberLine), 'Acme Corp › Admins');
        assert.ok(admins.children.every((r) => r.level === 3 && r.siblings === expectedAdmins.length));
        assert.equal(admins.children.filter((r) => r.description.startsWith('(you) admin · ')).length, 1, 'you, an admin');

        // Members (9,494): ranges of 1,000 in name order, each described by its first and last name.
        const members = expected.find((g) => g.label === 'Members')!.members;
        await setTreeRowExpanded(wb, ['Acme Corp', 'Members'], true);
        const ranges = await treeRowsUnder(wb, ['Acme Corp', 'Members']);
        const wantedRanges = expectedRanges(members);
        assert.equal(wantedRanges.length, 10);
        assert.deepEqual(
          ranges.children.map((r) => `${r.level} ${r.label} | ${r.description} | ${r.expanded} | ${r.siblings}`),
          wantedRanges.map((r) => `3 ${r.label} | ${r.description} | false | 10`),
          'Acme Corp › Members: ten collapsed ranges',
        );
        assert.equal(wantedRanges[0]!.label, '1–1,000');
        assert.equal(wantedRanges[9]!.label, '9,001–9,494');

        // The first range: a thousand member rows, the first of them in view, in name order.
        await setTreeRowExpanded(wb, ['Acme Corp', 'Members', '1–1,000'], true);
        const firstRange = await treeRowsUnder(wb, ['Acme Corp', 'Members', '1–1,000'], 40);
        assert.equal(firstRange.children.length, 40);
        for (const r of firstRange.children) {
          assert.equal(r.level, 4, `${r.label}: level`);
          assert.equal(r.siblings, 1000, `${r.label}: aria-setsize should be the range's size`);
          assert.match(r.description, /\S+@\S+\.test$/, `${r.label}: description should end with an email`);
        }
        assert.deepEqual(firstRange.children.map(memberLine), members.slice(0, 40).map(memberLine), 'the first range starts with the first members by name');

        await scrollTreeToTop(wb);
        await wb.page.mouse.move(1, 1);
        await wb.settle();
        await wb.screenshot('big-workspace');

        assert.deepEqual(
          expandedOnceLoaded,
          [],
          `Acme Corp has ${formatCount(total)} members (more than 200), so its groups should be collapsed once loaded, not expanded: ${expandedOnceLoaded.join(', ')}`,
        );
      } finally {
        emu.faults.remove(slowDown);
        emu.configure({ latencyMs: 0 });
      }
    },
    { timeoutMs: 180_000 },
  ),

  scenario('signing out, then in with a token Asana rejects, keeps the box open with the reason and stores nothing', async (wb) => {
    await wb.runCommand('Asana: Sign Out');
    await wb.waitForNotification('Signed out of Asana (Zoë Ångström).');
    await wb.settle(1500); // the tree redraws after the sign-out
    await wb.page.locator('.part.sidebar .welcome-view-content').getByRole('button', { name: SIGN_IN_BUTTON }).waitFor({ timeout: 10_000 });
    assert.equal(await wb.sideBarRows().count(), 0, 'signed out: the tree is empty behind the welcome');

    await signInThroughWelcome(wb, wb.emulator.tokens.invalid);
    // The box stays open with the reason under it, as VS Code's own sign-ins do: no toast to chase.
    const reason = wb.page.locator('.quick-input-widget .quick-input-message').filter({ hasText: /Asana did not accept this token/ });
    await reason.waitFor({ state: 'visible', timeout: 15_000 });
    const message = (await reason.innerText()).trim();
    assert.equal(
      message,
      'Asana did not accept this token. Check that you copied all of it and that it has not been revoked. Nothing was stored.',
    );
    assert.ok(!message.includes(wb.emulator.tokens.invalid), 'the message never shows the token');
    assert.equal(await wb.page.locator(PASSWORD_INPUT).inputValue(), wb.emulator.tokens.invalid, 'the token stays in the box, to correct');
    await wb.settle();
    await wb.screenshot('wrong-token');
    assert.deepEqual((await wb.notifications()).filter((n) => /did not accept/.test(n.message)), [], 'no notification: the reason is in the box');
    await wb.page.keyboard.press('Escape');
    await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 });
    // Still signed out: the welcome stays, no workspace appears.
    assert.match(await wb.welcomeText(), /Sign In with a Personal Access Token/);
    assert.equal(await wb.sideBarRows().count(), 0);
    // The whole file's path left no error behind but the one about the token.
    const errors = (await wb.notifications()).filter((n) => n.severity !== 'info').map((n) => n.message);
    assert.deepEqual(errors, [], 'error notifications after a refused token');
  }),

  scenario(
    'signing out while a big workspace streams in leaves no raw error behind',
    async (wb) => {
      const emu = wb.emulator;
      // A fresh window: the previous scenario leaves the notification centre open and focused.
      await wb.page.reload();
      await wb.page.locator('.monaco-workbench .activitybar').waitFor({ state: 'visible', timeout: 60_000 });
      await wb.openActivity('Asana');
      await wb.runCommand('Notifications: Clear All Notifications');
      // Latency from the start: Acme Corp may open by itself (the view remembers it was expanded).
      emu.configure({ latencyMs: 25 });
      try {
        await signInThroughWelcome(wb, emu.tokens.admin);
        await wb.waitForTreeRow('Acme Corp', 30_000);
        const acme = await wb.rowInfo(workspaceRow(wb, 'Acme Corp'));
        if (!acme.expanded) await clickWorkspace(wb, 'Acme Corp');
        await wb.waitForTreeRow(/^Loading members…/, 10_000);
        await wb.settle(500);
        await wb.runCommand('Asana: Sign Out');
        await wb.waitForNotification('Signed out of Asana (Zoë Ångström).');
        await wb.settle(2000);
        const errors = (await wb.notifications()).filter((n) => n.severity !== 'info').map((n) => n.message);
        assert.deepEqual(errors, [], 'signing out mid-listing should not surface errors');
        assert.match(await wb.welcomeText(), /Sign In with a Personal Access Token/);
      } finally {
        emu.configure({ latencyMs: 0 });
      }
    },
    {
      timeoutMs: 90_000,
    },
  ),
];
