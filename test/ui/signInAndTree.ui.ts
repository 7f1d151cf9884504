// A person's first minutes with the extension, through the real workbench: the Asana view while
// signed out, signing in with a personal access token from the welcome button, the workspaces, the
// members of a small workspace (emails, badges, tooltip), a 10,000-member workspace streaming in,
// and a wrong token. The extension talks to the emulator the UI runner started (`workbench.emulator`).
// The scenarios run in order on one page: each starts where the previous one left off.
import * as assert from 'node:assert/strict';
import type { Emulator, MembershipRecord } from '../emulator';
import type { RowInfo, UiScenario, Workbench } from './workbench';
import { scenario } from './workbench';

const SIGN_IN_BUTTON = 'Sign In with a Personal Access Token';
const WORKSPACES = ['Acme Corp', 'Design Guild', 'Personal Projects'];
const PASSWORD_INPUT = '.quick-input-widget input[type="password"]';

/** What a member row should say: its name, and "badges · email" (active members only, as the tree lists them). */
function expectedMemberRows(emu: Emulator, workspaceGid: string): Array<{ label: string; description: string; icon: string }> {
  const today = new Date().toISOString().slice(0, 10);
  const onVacation = (m: Readonly<MembershipRecord>): boolean =>
    !!m.vacation_dates && m.vacation_dates.start_on <= today && (m.vacation_dates.end_on === null || m.vacation_dates.end_on >= today);
  return emu.state.membershipsOf(workspaceGid, { activeOnly: true }).map((m) => {
    const user = emu.state.user(m.user);
    assert.ok(user, `the emulator has no user ${m.user}`);
    const badges = [m.is_admin && 'admin', m.is_guest && 'guest', m.is_view_only && 'view-only', onVacation(m) && 'on vacation'].filter(Boolean);
    const icon = m.is_admin ? 'shield' : m.is_guest ? 'globe' : m.is_view_only ? 'eye' : 'person';
    const you = m.user === emu.state.seedInfo.tokenUsers.admin ? '(you) ' : '';
    return { label: user.name, description: you + [...badges, user.email].join(' · '), icon };
  });
}

function workspaceGid(emu: Emulator, name: string): string {
  const ws = emu.state.workspaceByName(name);
  assert.ok(ws, `the emulator has no workspace "${name}"`);
  return ws.gid;
}

/** The root row of a workspace, by its exact label. */
function workspaceRow(wb: Workbench, name: string) {
  return wb.sideBarRows().filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) }).and(wb.page.locator('[aria-level="1"]'));
}

/** Clicks a workspace's row (which expands or collapses it), scrolling the tree up to it first. */
async function clickWorkspace(wb: Workbench, name: string): Promise<void> {
  await wb.scrollSideBarToTop();
  await workspaceRow(wb, name).click();
}

/** Polls `read` until `check` accepts its result; fails with the last result. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > deadline) assert.fail(`${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  return last;
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

  scenario('expanding Design Guild lists its 40 members with emails, badges and a tooltip', async (wb) => {
    const emu = wb.emulator;
    const expected = expectedMemberRows(emu, workspaceGid(emu, 'Design Guild'));
    assert.equal(expected.length, 40, 'the seeded Design Guild has 40 active members');
    await clickWorkspace(wb, 'Design Guild');
    await wb.waitForTreeRow('Mei Thompson');
    // The count shows once both listings (memberships and emails) have finished.
    const guild = await eventually(
      () => wb.rowInfo(workspaceRow(wb, 'Design Guild')),
      (row) => row.description.includes('40 members'),
      'Design Guild should say "40 members" once loaded',
    );
    assert.equal(guild.expanded, true);
    assert.equal(guild.description, '40 members');

    const members = (await wb.allRows()).filter((r) => r.level === 2);
    assert.equal(members.length, 40, `member rows: ${members.map((m) => m.label).join(', ')}`);
    for (const m of members) assert.equal(m.siblings, 40, `${m.label}: aria-setsize`);
    const shown = members.map((m) => `${m.label} | ${m.description} | ${m.icon}`).sort();
    const wanted = expected.map((m) => `${m.label} | ${m.description} | ${m.icon}`).sort();
    assert.deepEqual(shown, wanted);
    // Alphabetical, as people scan a list.
    const labels = members.map((m) => m.label);
    assert.deepEqual(labels, [...labels].sort(new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }).compare));
    const guest = members.find((m) => m.description.startsWith('guest · '));
    assert.equal(guest?.label, 'Ada Søndergaard');
    assert.equal(members.filter((m) => m.description.startsWith('admin · ')).length, 2);
    await wb.waitForSideBarIdle();
    await wb.settle();
    await wb.screenshot('members');

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
    'expanding Acme Corp streams its 10,000 members: a loading row, the first members, then the count',
    async (wb) => {
      const emu = wb.emulator;
      const acmeGid = workspaceGid(emu, 'Acme Corp');
      const total = emu.state.membershipsOf(acmeGid, { activeOnly: true }).length;
      assert.equal(total, 10_000);
      // Collapse Design Guild, as a person would before looking at the big one.
      await clickWorkspace(wb, 'Design Guild');
      await eventually(() => wb.rowInfo(workspaceRow(wb, 'Design Guild')), (r) => r.expanded === false, 'Design Guild should collapse');
      // A little latency per request, so that the hundred pages take a few seconds as they would from Asana.
      emu.configure({ latencyMs: 25 });
      try {
        const started = Date.now();
        await clickWorkspace(wb, 'Acme Corp');
        const loading = await wb.waitForTreeRow(/^Loading members…/, 10_000);
        await wb.waitForTreeRow(/@acme\.test/, 10_000);
        const firstShownMs = Date.now() - started;
        const midway = await wb.rowInfo(loading).catch(() => undefined);
        const visible = await wb.visibleRows();
        const memberRows = visible.filter((r) => r.level === 2 && r.description.includes('@'));
        assert.ok(memberRows.length > 0, 'the first members show while the rest load');
        if (midway) {
          assert.match(midway.label, /^Loading members… [\d,]+ so far$/);
          assert.equal(midway.icon, 'loading');
          await wb.screenshot('big-workspace-loading');
        }
        const acme = await eventually(
          () => wb.rowInfo(workspaceRow(wb, 'Acme Corp')),
          (row) => row.description.includes('members'),
          'Acme Corp should show its member count once loaded',
          90_000,
        );
        const loadedMs = Date.now() - started;
        console.log(`      first members after ${firstShownMs} ms, all ${total.toLocaleString('en-US')} after ${loadedMs} ms`);
        assert.equal(acme.description, `${total.toLocaleString('en-US')} members · admin`);
        assert.equal(await wb.treeRow(/^Loading members…/).count(), 0, 'the loading row is gone');
        await wb.waitForSideBarIdle();
        const rows = (await wb.visibleRows()).filter((r) => r.level === 2);
        assert.ok(rows.length >= 20, `only ${rows.length} member rows in view`);
        for (const r of rows) {
          assert.equal(r.siblings, total, `${r.label}: aria-setsize should be the member count`);
          assert.match(r.description, /\S+@\S+\.test$/, `${r.label}: description should end with an email`);
        }
        await wb.screenshot('big-workspace');
      } finally {
        emu.configure({ latencyMs: 0 });
      }
    },
    { timeoutMs: 150_000 },
  ),

  scenario('signing out, then in with a token Asana rejects, shows an error and stores nothing', async (wb) => {
    await wb.runCommand('Asana: Sign Out');
    await wb.waitForNotification('Signed out of Asana (Zoë Ångström).');
    await wb.settle(1500); // the tree redraws after the sign-out
    await wb.page.locator('.part.sidebar .welcome-view-content').getByRole('button', { name: SIGN_IN_BUTTON }).waitFor({ timeout: 10_000 });
    assert.equal(await wb.sideBarRows().count(), 0, 'signed out: the tree is empty behind the welcome');

    await signInThroughWelcome(wb, wb.emulator.tokens.invalid);
    const error = await wb.waitForNotification(/Asana did not accept this token/);
    const message = await error.locator('.notification-list-item-message').innerText();
    assert.equal(
      message,
      'Asana did not accept this token. Check that you copied all of it and that it has not been revoked. Nothing was stored.',
    );
    assert.ok(!message.includes(wb.emulator.tokens.invalid), 'the message never shows the token');
    assert.equal(await error.getByRole('button', { name: 'Try Again' }).count(), 1, 'the error offers "Try Again"');
    await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 });
    await wb.waitForToastGone('Checking the token with Asana…', 5000);
    await wb.settle();
    await wb.screenshot('wrong-token');
    // Still signed out: the welcome stays, no workspace appears.
    assert.match(await wb.welcomeText(), /Sign In with a Personal Access Token/);
    assert.equal(await wb.sideBarRows().count(), 0);
    // The whole file's path left no error behind but the one about the token.
    const errors = (await wb.notifications()).filter((n) => n.severity !== 'info').map((n) => n.message);
    assert.deepEqual(errors, [message], 'notifications other than the rejected token\'s error');
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
      await signInThroughWelcome(wb, emu.tokens.admin);
      await wb.waitForTreeRow('Acme Corp', 30_000);
      emu.configure({ latencyMs: 25 });
      try {
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
