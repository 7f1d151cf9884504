// Two Asana accounts in one window, through the real workbench: the company's admin signs in from
// the welcome button, a consultant's token is added with "Sign In with Another Account…", the view
// shows both accounts with their workspaces, and VS Code's Accounts menu lists both; signing one out
// there leaves the other and the view goes back to a single account's workspaces.
import * as assert from 'node:assert/strict';
import type { UiScenario, Workbench } from './workbench';
import { eventually, regionAround, scenario, screenshotWithCrop, setSideBarWidth, setTreeRowExpanded } from './workbench';

const SIGN_IN_BUTTON = 'Sign In with a Personal Access Token';
const PASSWORD_INPUT = '.quick-input-widget input[type="password"]';
const ZOE = 'Zoë Ångström';
const MAYA = 'Maya Okafor';

/** Types `token` into the sign-in box showing now and presses Enter. */
async function typeToken(wb: Workbench, token: string): Promise<void> {
  const input = wb.page.locator(PASSWORD_INPUT);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.pressSequentially(token, { delay: 5 });
  await wb.page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 20_000 });
}

async function rootLabels(wb: Workbench): Promise<string[]> {
  return (await wb.visibleRows()).filter((r) => r.level === 1).map((r) => r.label);
}

/** The Accounts entry of the activity bar, and the menu it opens. */
async function openAccountsMenu(wb: Workbench): Promise<string[]> {
  await wb.page.locator('.activitybar [aria-label^="Accounts"]').first().click();
  const labels = wb.page.locator('.context-view .monaco-menu .action-menu-item .action-label');
  await labels.first().waitFor({ state: 'visible', timeout: 10_000 });
  return (await labels.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

/** A fresh window: the accounts signed in here must be the only ones. */
export const isolated = true;

export const scenarios: readonly UiScenario[] = [
  scenario('signs in a second account next to the first: both in the view, each with its workspaces', async (wb) => {
    await wb.openActivity('Asana');
    await wb.clickWelcomeButton(SIGN_IN_BUTTON);
    await typeToken(wb, wb.emulator.tokens.admin);
    await eventually(() => rootLabels(wb), (labels) => labels.includes('Acme Corp'), 'the admin’s workspaces at the root', 30_000);
    await wb.runCommand('Asana: Sign In with Another Account…');
    await typeToken(wb, wb.emulator.tokens.consultant);
    await wb.waitForNotification(`Signed in to Asana as ${MAYA}.`);
    const roots = await eventually(() => rootLabels(wb), (labels) => labels.length === 2, 'two account rows at the root', 30_000);
    assert.deepEqual(roots, [ZOE, MAYA]);
    // Each account's workspaces below it; the workspace both belong to under each.
    const rows = await eventually(
      async () => (await wb.visibleRows()).map((r) => `${r.level}:${r.label}`),
      (list) => list.filter((r) => r.startsWith('2:')).length === 5,
      'the workspaces of both accounts',
      30_000,
    );
    assert.deepEqual(rows.slice(0, 7), [`1:${ZOE}`, '2:Acme Corp', '2:Design Guild', '2:Personal Projects', `1:${MAYA}`, '2:Design Guild', '2:Northwind Traders']);
    await setTreeRowExpanded(wb, [MAYA, 'Northwind Traders'], true);
    await wb.waitForTreeRow('Admins', 30_000);
    await wb.waitForSideBarIdle();
    // For the README: no toasts, and a side bar wide enough for the accounts' emails.
    await wb.runCommand('Notifications: Clear All Notifications');
    await setSideBarWidth(wb, 480);
    await wb.page.mouse.move(900, 500);
    await wb.settle();
    const sideBar = await regionAround(wb, [wb.page.locator('.part.sidebar')], 0);
    await screenshotWithCrop(wb, 'two-accounts', { ...sideBar, height: Math.min(sideBar.height, 400) });
  }),

  scenario("VS Code's Accounts menu lists both; signing one out there keeps the other", async (wb) => {
    const entries = await openAccountsMenu(wb);
    assert.ok(
      entries.some((e) => e.includes('zoe.angstrom@acme.test')) && entries.some((e) => e.includes('maya.okafor@northwind.test')),
      entries.join(' | '),
    );
    await wb.settle(300);
    await wb.screenshot('accounts-menu');
    // The account's submenu: Sign Out.
    const zoe = wb.page.locator('.context-view .monaco-menu .action-menu-item', { hasText: 'zoe.angstrom@acme.test' }).first();
    await zoe.hover();
    const signOut = wb.page.locator('.context-view .monaco-submenu .action-menu-item', { hasText: /^Sign Out$/ }).first();
    await signOut.waitFor({ state: 'visible', timeout: 10_000 });
    // A menu ignores a click that comes too soon after it opened; Enter on the hovered entry is the fallback.
    await wb.page.waitForTimeout(300);
    await signOut.hover();
    await signOut.click();
    // VS Code asks before signing an account out of an extension's provider.
    const confirm = wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Sign Out$/ });
    if (!(await confirm.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false))) await wb.page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'visible', timeout: 10_000 });
    await wb.screenshot('accounts-sign-out-confirmation');
    await confirm.click();
    const roots = await eventually(() => rootLabels(wb), (labels) => labels.length === 2 && !labels.includes(ZOE), 'Maya’s workspaces at the root', 30_000);
    assert.deepEqual(roots, ['Design Guild', 'Northwind Traders']);
    assert.ok(!(await openAccountsMenu(wb)).some((e) => e.includes('zoe.angstrom@acme.test')), 'Zoë gone from the Accounts menu');
    await wb.page.keyboard.press('Escape');
  }),
];
