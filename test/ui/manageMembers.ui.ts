// Managing a workspace through the real workbench, as a person does it: renaming "Design Guild" from
// its context menu, adding two people by email through the row's inline icon (each lands in its role
// group, in name order), finding a person and inserting them into a Markdown file (the palette command
// and `@` completion), removing someone from "Acme Corp" through the modal confirmation (the row moves
// to an "Inactive" group), filtering the members (groups say "N of M", the view's message says how to
// clear it), the palette's and the Settings editor's view of the extension, and a window reload (the
// tree back at once from the snapshot, expanded as it was). Every step checks what the tree, the
// editor and the notifications show and what the Asana emulator holds, and saves a screenshot (the
// window as `<name>.png`, the interesting part as `<name>.crop.png`, for the README).
// The scenarios run in order on one page: each starts where the previous one left off.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import type { Emulator } from '../emulator';
import type { ShownWorkspace } from './asanaTree';
import { assertGroupMembers, assertGroupRows, expectedGroups, memberLine, shownMembers, shownWorkspace, workspaceGid } from './asanaTree';
import type { Region, RowInfo, UiScenario, Workbench } from './workbench';
import { repoRoot } from '../vscode/paths';
import {
  activeEditorText,
  allTreeRows,
  chooseFromContextMenu,
  clickInlineAction,
  clickViewTitleAction,
  contextMenuLabels,
  eventually,
  findTreeRow,
  regionAround,
  scenario,
  screenshotWithCrop,
  scrollTreeTo,
  scrollTreeToTop,
  setSideBarWidth,
  setTreeRowExpanded,
  treeList,
  treeRows,
  treeRowsUnder,
  waitForDialog,
} from './workbench';

const SIGN_IN_BUTTON = 'Sign In with a Personal Access Token';
const PASSWORD_INPUT = '.quick-input-widget input[type="password"]';
const GUILD = 'Design Guild';
const RENAMED = 'Design Studio';
const ACME = 'Acme Corp';
/** One address in the organization's domain (a member) and one outside it (joins as a guest). */
const NEW_PEOPLE = [
  { email: 'priya.raman@guild.test', name: 'Priya Raman', guest: false },
  { email: 'tomas.berg@studio.example', name: 'Tomas Berg', guest: true },
] as const;
const PROFILE_URL = 'https://app.asana.com/0/profile/';
/** The extension's manifest: its settings, for the Settings editor's count. */
const MANIFEST = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
/** The view's message while a filter is on. */
const FILTER_MESSAGE = (text: string): string => `Filtered: "${text}". Clear it with the filter button or "Asana: Clear Member Filter".`;

// ---- the workbench's parts -------------------------------------------------------------------

const quickInput = (wb: Workbench): Locator => wb.page.locator('.quick-input-widget');
const quickInputBox = (wb: Workbench): Locator => wb.page.locator('.quick-input-widget .quick-input-box input:visible');
const quickInputTitle = (wb: Workbench): Locator => wb.page.locator('.quick-input-widget .quick-input-title');
const quickPickRows = (wb: Workbench): Locator => wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
const sideBar = (wb: Workbench): Locator => wb.page.locator('.part.sidebar');

/** The root row of a workspace, by its exact label. */
function workspaceRow(wb: Workbench, name: string): Locator {
  return treeRows(wb)
    .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) })
    .and(wb.page.locator('[aria-level="1"]'));
}

/**
 * A member row by its exact label: level 3 under a group of 1,000 or fewer, level 4 under a range.
 * Group and range rows never match a person's name ("Admins", "1–1,000").
 */
function memberRow(wb: Workbench, name: string): Locator {
  return treeRows(wb)
    .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) })
    .and(wb.page.locator('[aria-level="3"], [aria-level="4"]'));
}

/** A quick-pick row by its exact label. */
function quickPickRow(wb: Workbench, label: string): Locator {
  return quickPickRows(wb).filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lower case without accents, as the extension's filter compares. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The active member of a workspace with this exact name (the seeded names are unique within Design Guild). */
function memberNamed(emu: Emulator, workspace: string, name: string): { gid: string; name: string; email: string } {
  const matches = emu.state
    .membershipsOf(workspaceGid(emu, workspace), { activeOnly: true })
    .map((m) => emu.state.user(m.user)!)
    .filter((u) => u.name === name);
  assert.equal(matches.length, 1, `${workspace} should have exactly one active member named ${name}`);
  return matches[0]!;
}

/** Expands (or collapses) a workspace row unless it already is, and waits for the tree to follow. */
async function setExpanded(wb: Workbench, name: string, expanded: boolean): Promise<void> {
  await setTreeRowExpanded(wb, [name], expanded);
}

/** A workspace's rows as shown now (the whole tree paged through), sorted into groups, ranges and members. */
async function workspaceRows(wb: Workbench, name: string): Promise<ShownWorkspace> {
  return shownWorkspace(await allTreeRows(wb), name);
}

/** Every member row of the tree (level 3 or 4, not a range), paging through it. */
async function allMemberRows(wb: Workbench): Promise<RowInfo[]> {
  return (await allTreeRows(wb)).filter((r) => r.level >= 3 && r.expanded === undefined);
}

/** The member rows rendered now (level 3 or 4, not a range). */
async function visibleMemberRows(wb: Workbench): Promise<RowInfo[]> {
  return (await wb.visibleRows()).filter((r) => r.level >= 3 && r.expanded === undefined);
}

/** The view's message under its title (where the extension says the members are filtered), '' when hidden. */
async function viewMessage(wb: Workbench): Promise<{ text: string; visible: boolean }> {
  const message = wb.page.locator('.part.sidebar .tree-explorer-viewlet-tree-view > .message').first();
  if (!(await message.count())) return { text: '', visible: false };
  const visible = (await message.isVisible()) && !(await message.evaluate((el) => el.classList.contains('hide')));
  return { text: visible ? ((await message.innerText()) ?? '').trim() : '', visible };
}

/**
 * The description the extension gives its view ("Filtered: …"), '' when there is none, and whether a
 * person can see it: it lives in the view's pane header, which the workbench hides while the view is
 * alone in its container (the side bar's title then shows "Asana: Workspaces" and nothing else); the
 * view's message says it where it shows.
 */
async function viewDescription(wb: Workbench): Promise<{ text: string; visible: boolean }> {
  const description = wb.page.locator('.part.sidebar .pane-header .description').first();
  if (!(await description.count())) return { text: '', visible: false };
  return { text: ((await description.textContent()) ?? '').trim(), visible: await description.isVisible() };
}

/**
 * Waits until the extension has stopped talking to Asana for `quietMs` (no request in flight, none
 * started): the tree keeps redrawing while a listing's last pages and the emails arrive.
 */
async function waitForQuiet(emu: Emulator, quietMs = 1000, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let total = emu.counters.total;
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) assert.fail(`the extension kept calling Asana for ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
    const busy = emu.counters.inFlight.reads + emu.counters.inFlight.writes > 0;
    if (busy || emu.counters.total !== total) {
      total = emu.counters.total;
      since = Date.now();
    }
  }
}

/**
 * Chooses "Remove from Workspace…" on a member row and returns the confirmation dialog; fails with a
 * clear message when the command opened the palette's picker instead (it was given no row).
 */
async function removeFromContextMenu(wb: Workbench, row: Locator): Promise<Awaited<ReturnType<typeof waitForDialog>>> {
  await chooseFromContextMenu(wb, row, 'Remove from Workspace…');
  await wb.page.locator('.monaco-dialog-box:visible, .quick-input-widget .quick-input-title:visible').first().waitFor({ state: 'visible', timeout: 10_000 });
  if (await quickInputTitle(wb).isVisible()) {
    const title = await quickInputTitle(wb).innerText();
    await wb.page.keyboard.press('Escape');
    assert.fail(`"Remove from Workspace…" on a row opened the picker "${title}" instead of confirming that row's removal`);
  }
  return waitForDialog(wb);
}

// ---- regions for the cropped pictures -----------------------------------------------------------

/** The bounding box of `locator`, failing when it is not showing. */
async function box(locator: Locator): Promise<Region> {
  const b = await locator.first().boundingBox();
  assert.ok(b, 'the element to frame is not showing');
  return b;
}

/** The rectangle spanning `a` and `b`. */
function span(a: Region, b: Region): Region {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** The top of the side bar, activity bar included: its title and the first `rows` rows of the tree (all of it without `rows`). */
async function sideBarTop(wb: Workbench, rows?: number): Promise<Region> {
  const bar = await box(sideBar(wb));
  const list = await box(treeList(wb));
  const rowHeight = (await box(treeRows(wb))).height;
  const bottom = rows === undefined ? bar.y + bar.height + 1 : list.y + rows * rowHeight + 2;
  const y = Math.floor(bar.y - 1);
  return { x: 0, y, width: Math.ceil(bar.x + bar.width + 4), height: Math.ceil(bottom - y) };
}

/** The top of the active editor group (its tabs and first lines), `width` × `height` pixels. */
async function editorTop(wb: Workbench, width: number, height: number): Promise<Region> {
  const b = await box(wb.page.locator('.editor-group-container.active'));
  return { x: Math.floor(b.x), y: Math.floor(b.y), width, height };
}

/** Takes the keyboard focus off the side bar's tree, so that no focus outline shows in a picture. */
async function blurTree(wb: Workbench): Promise<void> {
  await treeList(wb).evaluate((el) => (el as unknown as { blur(): void }).blur());
}

/** Signs in through the welcome button unless a session is already there; waits for the three workspaces. */
async function ensureSignedIn(wb: Workbench): Promise<void> {
  await wb.openActivity('Asana');
  const button = wb.page.locator('.part.sidebar .welcome-view-content').getByRole('button', { name: SIGN_IN_BUTTON });
  const anyWorkspace = workspaceRow(wb, ACME);
  await button.or(anyWorkspace).first().waitFor({ state: 'visible', timeout: 30_000 });
  if (await button.isVisible()) {
    await button.click();
    const input = wb.page.locator(PASSWORD_INPUT);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.pressSequentially(wb.emulator.tokens.admin, { delay: 5 });
    await wb.page.keyboard.press('Enter');
    await wb.waitForNotification('Signed in to Asana as Zoë Ångström.', 30_000);
  }
  await eventually(
    async () => (await wb.visibleRows()).filter((r) => r.level === 1).map((r) => r.label).sort(),
    (labels) => labels.length === 3,
    'the tree should show three workspaces',
    30_000,
  );
}

/**
 * Runs a command from the palette once the quick input left by the previous step has closed
 * (`runCommand` skips F1 while the palette is still fading out, and would then wait for it in vain).
 */
async function command(wb: Workbench, title: string): Promise<void> {
  await quickInput(wb).waitFor({ state: 'hidden', timeout: 10_000 });
  await wb.runCommand(title);
}

/** Closes a quick input a failed step left open, so that clean-up can still run its command. */
async function closeQuickInput(wb: Workbench): Promise<void> {
  for (let attempt = 0; attempt < 3 && (await quickInput(wb).isVisible()); attempt++) {
    await wb.page.keyboard.press('Escape');
    await quickInput(wb).waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined);
  }
}

/** Opens the palette and types `text` (after the `>`), waiting for the list to settle. */
async function typeInPalette(wb: Workbench, text: string): Promise<void> {
  await quickInput(wb).waitFor({ state: 'hidden', timeout: 10_000 });
  const input = await wb.openPalette();
  await input.pressSequentially(text, { delay: 10 });
  await wb.settle(400);
}

/** The side bar's width before the first scenario widened it; the last one puts it back (the layout outlives the page). */
let sideBarWidthBefore: number | undefined;

export const scenarios: readonly UiScenario[] = [
  scenario(
    'renames Design Guild from its context menu: the input is prefilled, the row and Asana get the new name',
    async (wb) => {
      const emu = wb.emulator;
      const guildGid = workspaceGid(emu, GUILD);
      await ensureSignedIn(wb);
      sideBarWidthBefore ??= (await box(sideBar(wb))).width;
      await setSideBarWidth(wb, 430); // room for the emails in the pictures
      await setExpanded(wb, GUILD, true);
      await wb.waitForTreeRow('Mei Thompson');
      await eventually(() => wb.rowInfo(workspaceRow(wb, GUILD)), (r) => r.description === '41 members', 'Design Guild should say "41 members"');

      await workspaceRow(wb, GUILD).click({ button: 'right' });
      const menu = await contextMenuLabels(wb);
      for (const entry of ['Add People to Workspace…', 'Rename Workspace…', 'Export Members…', 'Open in Asana', 'Copy Id']) {
        assert.ok(menu.includes(entry), `the workspace's context menu lacks "${entry}": ${menu.join(' | ')}`);
      }
      assert.ok(!menu.includes('Remove from Workspace…'), 'a workspace row offers no "Remove"');
      await wb.page.keyboard.press('Escape');

      // The keys a tree invites: F2 renames the selected row's workspace, Delete removes the selected member.
      // (A click on the workspace row would fold it: the member row is selected instead.)
      await wb.treeRow('Mei Thompson').click();
      await wb.page.keyboard.press('F2');
      await quickInputBox(wb).waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await quickInputTitle(wb).innerText(), `Rename "${GUILD}"`, 'F2 on a row of the workspace');
      await wb.page.keyboard.press('Escape');
      await quickInputBox(wb).waitFor({ state: 'hidden', timeout: 5000 });
      await wb.treeRow('Mei Thompson').click();
      await wb.page.keyboard.press('Delete');
      // Zoë is no admin of Design Guild: the removal of the selected row stops at the admin check.
      // (Delete on an Acme Corp row, where she is admin, asks to confirm: the removal scenario's dialog.)
      await wb.waitForNotification(`You must be an admin of ${GUILD} to remove people from it.`);
      assert.equal(emu.counters.byRoute['POST /workspaces/{workspace_gid}/removeUser'] ?? 0, 0, 'nothing sent');
      await command(wb, 'Notifications: Clear All Notifications');

      await chooseFromContextMenu(wb, workspaceRow(wb, GUILD), 'Rename Workspace…');

      const input = quickInputBox(wb);
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await quickInputTitle(wb).innerText(), `Rename "${GUILD}"`);
      assert.equal(await input.inputValue(), GUILD, 'the box starts with the current name');
      const selection = await input.evaluate((el) => { const box = el as unknown as { selectionStart: number | null; selectionEnd: number | null }; return [box.selectionStart, box.selectionEnd]; });
      assert.deepEqual(selection, [0, GUILD.length], 'the whole name is selected, ready to be replaced');
      await wb.page.mouse.move(1000, 600); // no member tooltip in the picture
      await wb.settle();
      const inputBox = await box(quickInput(wb));
      await screenshotWithCrop(wb, 'rename-input', span(await sideBarTop(wb, 10), { ...inputBox, width: inputBox.width + 16 }));

      // The prompt says what to type; an empty name is refused in the box, before any request.
      const message = wb.page.locator('.quick-input-widget .quick-input-message');
      const prompt = (await message.innerText()).trim();
      assert.match(prompt, /^The new name of the workspace, as everyone in it will see it\./);
      await input.press('Backspace');
      const refusal = await eventually(() => message.innerText().then((t) => t.trim()), (t) => t !== prompt && t.length > 0, 'an empty name should be refused with a message', 5000);
      console.log(`      an empty name: "${refusal}"`);
      await input.pressSequentially(RENAMED, { delay: 10 });
      await eventually(() => message.innerText().then((t) => t.trim()), (t) => t === prompt, 'the prompt should come back once a name is typed', 5000);
      await wb.page.keyboard.press('Enter');

      await wb.waitForNotification(`Renamed "${GUILD}" to "${RENAMED}".`);
      await workspaceRow(wb, RENAMED).waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await workspaceRow(wb, GUILD).count(), 0, 'no row keeps the old name');
      const renamed = await wb.rowInfo(workspaceRow(wb, RENAMED));
      assert.equal(renamed.expanded, true, 'the renamed workspace stays expanded');
      assert.equal(renamed.description, '41 members', 'the renamed workspace keeps its members');
      assert.equal(emu.state.workspace(guildGid)?.name, RENAMED, 'Asana holds the new name');
      assertGroupRows(await workspaceRows(wb, RENAMED), expectedGroups(emu, guildGid), { expanded: true });
      assert.equal(emu.counters.byRoute['PUT /workspaces/{workspace_gid}'], 1, 'one rename request, none for the refused empty name');
      await wb.waitForToastGone(/^Renaming/, 10_000).catch(() => undefined);
      await wb.page.mouse.move(1, 1);
      await wb.settle();
      await screenshotWithCrop(wb, 'rename', await sideBarTop(wb, 10));
    },
    { timeoutMs: 90_000 },
  ),

  scenario('adds two people by email through the row\'s inline icon: a success message and two new rows', async (wb) => {
    const emu = wb.emulator;
    const guildGid = workspaceGid(emu, RENAMED);
    await command(wb, 'Notifications: Clear All Notifications');
    await scrollTreeToTop(wb);
    await clickInlineAction(wb, workspaceRow(wb, RENAMED), 'Add People to Workspace…');

    await quickInputTitle(wb).waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await quickInputTitle(wb).innerText(), `Add People to ${RENAMED}`);
    const ways = (await quickPickRows(wb).locator('.label-name').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(ways, ['By email address or user id…', 'Someone from another workspace…']);
    // Typing an address where the list is: the typed text becomes the first choice, and Enter takes it.
    const input = quickInputBox(wb);
    await input.pressSequentially('priya.raman@', { delay: 5 });
    const typedRow = quickPickRow(wb, 'Add priya.raman@');
    await typedRow.waitFor({ state: 'visible', timeout: 5000 });
    assert.equal((await quickPickRows(wb).first().locator('.label-name').innerText()).trim(), 'Add priya.raman@', 'the typed text is offered first');
    await wb.page.keyboard.press('Enter');

    // Not an address yet: the address box opens holding it, and says what is wrong.
    await eventually(() => input.getAttribute('placeholder'), (p) => p === 'ada@example.com, grace@example.com', 'the email box should show its placeholder', 5000);
    assert.equal(await input.inputValue(), 'priya.raman@', 'what was typed is kept');
    const message = wb.page.locator('.quick-input-widget .quick-input-message');
    const refusal = await eventually(() => message.innerText().then((t) => t.trim()), (t) => /priya\.raman@/.test(t), 'the unfinished address should be refused with a message', 5000);
    console.log(`      a malformed address: "${refusal}"`);
    const prompt = 'Email addresses or user ids, separated by commas, spaces or new lines. Unknown addresses are invited.';
    await input.fill('');
    await input.pressSequentially(NEW_PEOPLE.map((p) => p.email).join(', '), { delay: 5 });
    await eventually(() => message.innerText().then((t) => t.trim()), (t) => t.startsWith(prompt), 'the prompt should come back once the addresses are complete', 5000);
    await wb.settle(300);
    const inputBox = await box(quickInput(wb));
    await screenshotWithCrop(wb, 'add-people', span(await sideBarTop(wb, 10), { ...inputBox, width: inputBox.width + 16 }));
    await wb.page.keyboard.press('Enter');

    const done = await wb.waitForNotification(/^Added 2 people/, 20_000);
    const doneText = (await done.locator('.notification-list-item-message').innerText()).trim();
    assert.equal(doneText, `Added 2 people to ${RENAMED}.`);
    // The first person added is revealed: their row selected in the tree.
    await eventually(
      () => memberRow(wb, NEW_PEOPLE[0].name).getAttribute('aria-selected').catch(() => null),
      (selected) => selected === 'true',
      `${NEW_PEOPLE[0].name} should be revealed and selected`,
      20_000,
    );

    const expected = expectedGroups(emu, guildGid);
    assert.deepEqual(expected.map((g) => `${g.label} ${g.members.length}`), ['Admins 2', 'Members 39', 'Guests 2'], 'Asana: a member and a guest more');
    for (const person of NEW_PEOPLE) {
      const user = emu.state.userByEmail(person.email);
      assert.ok(user, `Asana has no user ${person.email}`);
      assert.equal(user.name, person.name);
      const membership = emu.state.activeMembership(guildGid, user.gid);
      assert.ok(membership, `${person.email} should be an active member`);
      assert.equal(membership.is_guest, person.guest, `${person.email}: guest`);
      const row = await scrollTreeTo(wb, memberRow(wb, person.name));
      const info = await wb.rowInfo(row);
      assert.equal(info.description, person.guest ? `guest · ${person.email}` : person.email, `${person.name}'s row`);
      assert.equal(info.icon, person.guest ? 'globe' : 'person');
      assert.equal(info.level, 3, `${person.name}: a member row right under its group`);
      // Counted among the siblings of their group: Members 39, Guests 2.
      assert.equal(info.siblings, person.guest ? 2 : 39, `${person.name}: the new rows are counted among the siblings of their group`);
    }
    await scrollTreeToTop(wb);
    const ws = await eventually(() => wb.rowInfo(workspaceRow(wb, RENAMED)).catch(() => undefined), (r) => r?.description === '43 members', `${RENAMED} should say "43 members"`);
    assert.ok(ws);
    // Each in its group, every group in name order, and the group counts follow.
    const shown = await workspaceRows(wb, RENAMED);
    assertGroupRows(shown, expected, { expanded: true });
    for (const group of expected) assertGroupMembers(shown, group);
    assert.equal(shownMembers(shown).length, 43);

    // The picture: the new rows in view, Priya selected.
    const priya = await scrollTreeTo(wb, memberRow(wb, 'Priya Raman'));
    await priya.click();
    await wb.page.mouse.move(1, 1);
    await wb.settle();
    await screenshotWithCrop(wb, 'added', await sideBarTop(wb));
  }),

  scenario(
    'finds a person and inserts a Markdown link with "Insert Person…", then with @ completion',
    async (wb) => {
      const emu = wb.emulator;
      const mei = memberNamed(emu, RENAMED, 'Mei Thompson');
      const ada = memberNamed(emu, RENAMED, 'Ada Søndergaard');
      // The workspace the search is about: the one of the row selected in the tree.
      await (await scrollTreeTo(wb, memberRow(wb, 'Mei Thompson'))).click();

      await command(wb, 'File: New Untitled Text File');
      await wb.page.locator('.editor-group-container.active .monaco-editor').first().waitFor({ state: 'visible', timeout: 10_000 });
      await command(wb, 'Change Language Mode');
      await quickInputBox(wb).waitFor({ state: 'visible', timeout: 10_000 });
      await wb.page.keyboard.type('Markdown');
      await quickPickRow(wb, 'Markdown').first().waitFor({ state: 'visible', timeout: 10_000 });
      await quickPickRow(wb, 'Markdown').first().click();
      await wb.page.locator('.statusbar [aria-label="Markdown"], .statusbar .statusbar-item', { hasText: /^Markdown$/ }).first().waitFor({ timeout: 10_000 });
      await wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await wb.page.keyboard.type('# Design review\n\nOwner: ');

      await command(wb, 'Asana: Insert Person…');
      await quickInputTitle(wb).waitFor({ state: 'visible', timeout: 10_000 });
      if ((await quickInputTitle(wb).innerText()).startsWith('Insert a Person from Which Workspace?')) {
        await quickPickRow(wb, RENAMED).click();
      }
      await eventually(() => quickInputTitle(wb).innerText(), (t) => t === `Insert a Person from ${RENAMED}`, 'the people picker should be titled for the workspace', 10_000);
      await quickInputBox(wb).pressSequentially('mei th', { delay: 30 });
      const meiRow = quickPickRow(wb, 'Mei Thompson');
      await meiRow.waitFor({ state: 'visible', timeout: 10_000 });
      await wb.page.locator('.quick-input-widget .quick-input-progress.active, .quick-input-widget .monaco-progress-container.active').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
      const results = (await quickPickRows(wb).locator('.label-name').allInnerTexts()).map((t) => t.trim());
      assert.equal(results[0], 'Mei Thompson', `Mei Thompson should rank first: ${results.join(', ')}`);
      assert.match((await meiRow.innerText()).replace(/\s+/g, ' '), new RegExp(escapeRegExp(mei.email)), 'the result shows the email the tree knows');
      await wb.settle();
      const pickerBox = await box(quickInput(wb));
      await screenshotWithCrop(wb, 'find-person', span(await sideBarTop(wb, 7), { ...pickerBox, width: pickerBox.width + 16 }));
      await wb.page.keyboard.press('Enter');

      const meiLink = `[Mei Thompson](${PROFILE_URL}${mei.gid})`;
      const afterInsert = await eventually(() => activeEditorText(wb), (t) => t.includes(meiLink), `the editor should contain ${meiLink}`, 10_000);
      assert.equal(afterInsert, `# Design review\n\nOwner: ${meiLink}`);
      await wb.settle();
      await screenshotWithCrop(wb, 'inserted', await editorTop(wb, 760, 130));

      // @ completion: the suggestions list people of the same workspace; Enter inserts the link.
      await wb.page.keyboard.type('\nReviewer: @ada');
      await wb.page.keyboard.press('Control+Space');
      const suggest = wb.page.locator('.editor-widget.suggest-widget');
      await suggest.waitFor({ state: 'visible', timeout: 10_000 });
      const adaRow = suggest.locator('.monaco-list-row', { hasText: 'Ada Søndergaard' });
      await adaRow.first().waitFor({ state: 'visible', timeout: 10_000 });
      const suggestions = (await suggest.locator('.monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
      assert.equal(suggestions[0], 'Ada Søndergaard', `Ada should come first: ${suggestions.join(', ')}`);
      assert.match(await adaRow.first().innerText(), new RegExp(escapeRegExp(ada.email)), 'the suggestion shows the email');
      await wb.settle(400);
      await screenshotWithCrop(wb, 'completion', span(await editorTop(wb, 760, 130), await regionAround(wb, [suggest], 12)));
      await wb.page.keyboard.press('Enter');
      const adaLink = `[Ada Søndergaard](${PROFILE_URL}${ada.gid})`;
      const afterCompletion = await eventually(() => activeEditorText(wb), (t) => t.includes(adaLink), `the editor should contain ${adaLink}`, 10_000);
      assert.equal(afterCompletion, `# Design review\n\nOwner: ${meiLink}\nReviewer: ${adaLink}`);

      await command(wb, 'View: Revert and Close Editor');
    },
    { timeoutMs: 90_000 },
  ),

  scenario(
    'removes a member of Acme Corp after the modal confirmation: the row moves to an "Inactive" group, Asana agrees',
    async (wb) => {
      const emu = wb.emulator;
      const acmeGid = workspaceGid(emu, ACME);
      await command(wb, 'Notifications: Clear All Notifications');
      await setExpanded(wb, RENAMED, false);
      await setExpanded(wb, ACME, true);
      await eventually(() => wb.rowInfo(workspaceRow(wb, ACME)), (r) => r.description === '10,000 members · admin', 'Acme Corp should finish loading', 60_000);
      await wb.waitForSideBarIdle();
      // The emails (a second listing) may still be arriving, each batch redrawing the rows.
      await waitForQuiet(emu);
      const before = expectedGroups(emu, acmeGid);
      assertGroupRows(await workspaceRows(wb, ACME), before);

      // Only "Members" open (signInAndTree checks how the groups start), then its first thousand.
      for (const label of ['Admins', 'Guests', 'View-only'] as const) await setTreeRowExpanded(wb, [ACME, label], false);
      await setTreeRowExpanded(wb, [ACME, 'Members'], true);
      await setTreeRowExpanded(wb, [ACME, 'Members', '1–1,000'], true);
      await scrollTreeToTop(wb);
      await wb.page.mouse.move(1, 1);

      // A plain member in view: not you, not an admin, not already inactive.
      const target = (await visibleMemberRows(wb)).find((r) => r.level === 4 && r.icon === 'person' && /^\S+@acme\.test$/.test(r.description));
      assert.ok(target, 'a plain member of Acme Corp is in view');
      const email = target.description;
      const user = emu.state.userByEmail(email);
      assert.ok(user, `Asana has no user ${email}`);
      assert.equal(user.name, target.label);
      const membership = emu.state.activeMembership(acmeGid, user.gid);
      assert.ok(membership);
      const row = memberRow(wb, user.name).filter({ hasText: email });

      await row.click({ button: 'right' });
      const menu = await contextMenuLabels(wb);
      assert.ok(menu.includes('Remove from Workspace…'), `the member's context menu: ${menu.join(' | ')}`);
      await wb.page.keyboard.press('Escape');

      // Cancel first: nothing changes.
      let dialog = await removeFromContextMenu(wb, row);
      await wb.page.keyboard.press('Escape');
      await dialog.box.waitFor({ state: 'hidden', timeout: 5000 });
      await wb.settle(500);
      assert.equal(emu.state.membership(membership.gid)?.is_active, true, 'cancelling leaves the membership active');
      assert.equal((await wb.rowInfo(row)).description, email, 'cancelling leaves the row as it was');

      dialog = await removeFromContextMenu(wb, row);
      // The name, and (once the extension tells same-named people apart) the email in brackets.
      assert.match(dialog.message, new RegExp(`^Remove ${escapeRegExp(user.name)}( \\(${escapeRegExp(email)}\\))? from ${ACME}\\?$`));
      assert.match(dialog.detail, new RegExp(`^They lose access to ${ACME}\\. Asana keeps their tasks and projects`));
      assert.match(dialog.detail, /to undo, add them again\.$/);
      assert.ok(dialog.buttons.includes('Remove'), `buttons: ${dialog.buttons.join(', ')}`);
      assert.ok(dialog.buttons.includes('Cancel'), `buttons: ${dialog.buttons.join(', ')}`);
      await wb.settle();
      await screenshotWithCrop(wb, 'remove-confirm', span(await sideBarTop(wb, 5), await regionAround(wb, [dialog.box], 24)));
      await dialog.box.locator('.dialog-buttons .monaco-button', { hasText: /^Remove$/ }).click();
      await dialog.box.waitFor({ state: 'hidden', timeout: 5000 });

      const note = await wb.waitForNotification(/^Removed 1 person/);
      assert.match((await note.locator('.notification-list-item-message').innerText()).trim(), new RegExp(`^Removed 1 person\\b.*${ACME}`));
      assert.equal(emu.state.membership(membership.gid)?.is_active, false, 'Asana holds the membership as inactive');
      assert.equal(emu.state.activeMembership(acmeGid, user.gid), undefined);

      // The row leaves "Members" (one fewer there) for a new "Inactive" group, last, collapsed like the others.
      await eventually(() => memberRow(wb, user.name).filter({ hasText: email }).and(wb.page.locator('[aria-level="4"]')).count(), (n) => n === 0, `${user.name} should leave the Members group`, 15_000);
      await setTreeRowExpanded(wb, [ACME, 'Members'], false);
      const after = expectedGroups(emu, acmeGid, { inactive: [membership.gid] });
      assert.deepEqual(after.map((g) => `${g.label} ${g.members.length}`), ['Admins 5', 'Members 9493', 'Guests 201', 'View-only 300', 'Inactive 1']);
      const groups = await eventually(
        () => workspaceRows(wb, ACME),
        (ws) => ws.groups.map((g) => g.row.label).includes('Inactive'),
        'an "Inactive" group should appear',
        15_000,
      );
      assertGroupRows(groups, after);
      assert.ok(groups.groups.every((g) => g.row.expanded === false), `every group of ${ACME} collapsed, the new one too: ${groups.groups.map((g) => `${g.row.label} ${g.row.expanded}`).join(', ')}`);
      await setTreeRowExpanded(wb, [ACME, 'Inactive'], true);
      const inactive = await treeRowsUnder(wb, [ACME, 'Inactive']);
      assert.deepEqual(inactive.children.map(memberLine), [`${user.name} | inactive · ${email} | circle-slash`], 'the Inactive group holds the removed member');
      assert.equal(inactive.children[0]!.siblings, 1);
      const removed = await scrollTreeTo(wb, memberRow(wb, user.name).filter({ hasText: email }));
      // An inactive row offers no second removal.
      await removed.click({ button: 'right' });
      const menuAfter = await contextMenuLabels(wb);
      assert.ok(!menuAfter.includes('Remove from Workspace…'), `an inactive member's menu: ${menuAfter.join(' | ')}`);
      await wb.page.keyboard.press('Escape');
      await scrollTreeToTop(wb);
      await blurTree(wb);
      await wb.page.mouse.move(1, 1);
      await wb.settle();
      await screenshotWithCrop(wb, 'removed', await sideBarTop(wb, 8));
    },
    { timeoutMs: 150_000 },
  ),

  scenario(
    'after a removal the workspace row counts the active members: "9,999 members"',
    async (wb) => {
      await scrollTreeToTop(wb);
      const active = wb.emulator.state.membershipsOf(workspaceGid(wb.emulator, ACME), { activeOnly: true }).length;
      assert.equal(active, 9_999);
      assert.equal((await wb.rowInfo(workspaceRow(wb, ACME))).description, '9,999 members · admin');
      const ws = await workspaceRows(wb, ACME);
      const activeGroups = ws.groups.filter((g) => g.row.label !== 'Inactive');
      assert.equal(activeGroups.reduce((n, g) => n + Number(g.row.description.replace(/,/g, '')), 0), 9_999, 'the active groups add up to 9,999');
    },
  ),

  scenario(
    'the removal confirmation tells apart two members with the same name',
    async (wb) => {
      // Acme Corp's seeded names repeat: the dialog must say which one. Two of the same name sit side by side in name order.
      const emu = wb.emulator;
      const members = expectedGroups(emu, workspaceGid(emu, ACME)).find((g) => g.label === 'Members')!.members;
      const i = members.findIndex((m, k) => k + 1 < 1000 && members[k + 1]!.label === m.label);
      assert.ok(i >= 0, 'two members of the first thousand share a name');
      const twin = members[i]!;
      await setTreeRowExpanded(wb, [ACME, 'Members'], true);
      await setTreeRowExpanded(wb, [ACME, 'Members', '1–1,000'], true);
      const row = await scrollTreeTo(wb, memberRow(wb, twin.label).filter({ hasText: twin.email }));
      const other = memberRow(wb, twin.label).filter({ hasText: members[i + 1]!.email });
      assert.equal(await other.count(), 1, `both ${twin.label}s are shown`);
      const dialog = await removeFromContextMenu(wb, row);
      await wb.page.keyboard.press('Escape');
      await dialog.box.waitFor({ state: 'hidden', timeout: 5000 });
      assert.ok(`${dialog.message}\n${dialog.detail}`.includes(twin.email), `the dialog should name ${twin.email}: ${dialog.message}`);
    },
    { timeoutMs: 90_000 },
  ),

  scenario('filters the members by name from the view title, then clears the filter', async (wb) => {
    const emu = wb.emulator;
    await clickViewTitleAction(wb, 'Filter Members…');
    await quickInputTitle(wb).waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await quickInputTitle(wb).innerText(), 'Filter Asana Members');
    await quickInputBox(wb).pressSequentially('thompson', { delay: 10 });
    await wb.page.keyboard.press('Enter');

    // What shows that a filter is on: the title's filter icon turns into "Clear Member Filter" (filled)…
    const clear = sideBar(wb).locator('.composite.title .action-label[aria-label^="Clear Member Filter"]');
    await clear.waitFor({ state: 'visible', timeout: 10_000 });
    // The icon class follows the context key a moment later on a busy machine: poll, then judge.
    let filled = false;
    for (let i = 0; i < 50 && !filled; i++) {
      filled = await clear.evaluate((el) => el.classList.contains('codicon-filter-filled'));
      if (!filled) await wb.page.waitForTimeout(100);
    }
    assert.ok(filled, 'the clear action shows the filled filter icon');
    assert.equal(await sideBar(wb).locator('.composite.title .action-label[aria-label^="Filter Members…"]').count(), 0, 'the plain filter icon is replaced');
    // …the view's description (shown when the view shares its container) and its message, above the rows.
    await eventually(() => viewDescription(wb).then((d) => d.text), (d) => d === 'Filtered: "thompson"', 'the view\'s description should say it is filtered');
    await eventually(() => viewMessage(wb), (m) => m.visible && m.text === FILTER_MESSAGE('thompson'), 'the view\'s message should say it is filtered');
    await setExpanded(wb, RENAMED, true);
    const members = await eventually(
      () => allMemberRows(wb),
      (rows) => rows.length > 0 && rows.every((r) => fold(`${r.label} ${r.description}`).includes('thompson')),
      'only members matching "thompson" should show',
    );
    assert.ok(members.some((m) => m.label === 'Mei Thompson'), `Mei Thompson is among them: ${members.map((m) => m.label).join(', ')}`);
    // The groups say how many of their members the filter keeps ("1 of 2"); the others are hidden.
    const studio = expectedGroups(emu, workspaceGid(emu, RENAMED));
    const keeps = (m: { label: string; email: string }): boolean => fold(`${m.label} ${m.email}`).includes('thompson');
    const kept = new Map(studio.map((g) => [g.label, g.members.filter(keeps).length]));
    const shown = await workspaceRows(wb, RENAMED);
    assertGroupRows(shown, studio, { shown: kept, expanded: true });
    assert.deepEqual(shownMembers(shown).map(memberLine), studio.flatMap((g) => g.members.filter(keeps)).map(memberLine), `${RENAMED}: the members the filter keeps, group by group`);
    await scrollTreeToTop(wb);
    await blurTree(wb);
    await wb.page.mouse.move(1, 1);
    await wb.settle();
    await screenshotWithCrop(wb, 'filter', await sideBarTop(wb, 16));

    await clickViewTitleAction(wb, 'Clear Member Filter');
    await eventually(() => viewDescription(wb).then((d) => d.text), (d) => d === '', 'the filter description should go');
    await eventually(() => viewMessage(wb), (m) => !m.visible, 'the view\'s message should go');
    await sideBar(wb).locator('.composite.title .action-label[aria-label^="Filter Members…"]').waitFor({ state: 'attached', timeout: 5000 });
    await eventually(
      async () => (await visibleMemberRows(wb)).some((r) => !fold(`${r.label} ${r.description}`).includes('thompson')),
      (back) => back,
      'every member should show again',
    );
    await setExpanded(wb, ACME, false);
    const guild = (await allMemberRows(wb)).map((r) => r.label);
    assert.equal(guild.length, 43, `every member of ${RENAMED} shows again: ${guild.join(', ')}`);
    assertGroupRows(await workspaceRows(wb, RENAMED), studio, { expanded: true });
  }),

  scenario(
    'a filter is described where a person can see it: the view\'s message says "Filtered: …" and how to clear it; a filter that keeps nobody says so',
    async (wb) => {
      await clickViewTitleAction(wb, 'Filter Members…');
      await quickInputBox(wb).waitFor({ state: 'visible', timeout: 10_000 });
      await quickInputBox(wb).pressSequentially('mei', { delay: 10 });
      await wb.page.keyboard.press('Enter');
      try {
        // The description alone is not enough: the workbench hides the pane header while the view is alone in its container.
        await eventually(() => viewDescription(wb).then((d) => d.text), (d) => d === 'Filtered: "mei"', 'the view\'s description should say it is filtered');
        const message = await eventually(() => viewMessage(wb), (m) => m.text === FILTER_MESSAGE('mei'), 'the view\'s message should say it is filtered');
        assert.ok(message.visible, `the view's message "${FILTER_MESSAGE('mei')}" is set but not visible`);

        // Nobody matches: the workspace says how many it hides, and offers to clear the filter.
        await command(wb, 'Asana: Filter Members…');
        // The palette's own input fades out as the filter's box takes its place: read the box once its title shows.
        await eventually(() => quickInputTitle(wb).innerText().catch(() => ''), (t) => t === 'Filter Asana Members', 'the filter box should open');
        await eventually(() => quickInputBox(wb).inputValue().catch(() => ''), (v) => v === 'mei', 'the box should start with the current filter');
        await quickInputBox(wb).fill('zzqx');
        await wb.page.keyboard.press('Enter');
        await eventually(() => viewMessage(wb), (m) => m.visible && m.text === FILTER_MESSAGE('zzqx'), 'the view\'s message should follow the filter');
        const under = await eventually(
          () => treeRowsUnder(wb, [RENAMED]),
          (ws) => ws.children.length === 1 && ws.children[0]!.label.startsWith('No member matches'),
          `${RENAMED} should show only "No member matches the filter"`,
        );
        assert.equal(under.children[0]!.label, 'No member matches the filter (43 hidden): click to clear it');
        assert.equal(under.children[0]!.level, 2);
      } finally {
        // Whatever failed above, the next scenarios need the filter gone: close what is open, then clear.
        await closeQuickInput(wb);
        await command(wb, 'Asana: Clear Member Filter');
      }
      await eventually(() => viewMessage(wb), (m) => !m.visible, 'the view\'s message should go with the filter');
    },
    { timeoutMs: 90_000 },
  ),

  scenario('the palette lists the Asana commands and the Settings editor the extension\'s settings', async (wb) => {
    await typeInPalette(wb, 'Asana:');
    const labels = await eventually(
      async () => (await quickPickRows(wb).locator('.label-name').allInnerTexts()).map((t) => t.trim()),
      // The list shows what fits on screen; the first command in name order says it is filled.
      (l) => l.includes('Asana: Add People to Workspace…'),
      'the palette should list the Asana commands',
    );
    for (const title of ['Asana: Refresh', 'Asana: Find Person…', 'Asana: Add People to Workspace…', 'Asana: Rename Workspace…', 'Asana: Filter Members…', 'Asana: Export Members…']) {
      assert.ok(labels.includes(title), `the palette lacks "${title}": ${labels.join(' | ')}`);
    }
    for (const hidden of ['Asana: Sign In', 'Asana: Copy Email', 'Asana: Remember Person', 'Asana: Clear Member Filter']) {
      assert.ok(!labels.includes(hidden), `the palette should not offer "${hidden}" now`);
    }
    await screenshotWithCrop(wb, 'commands', await regionAround(wb, [quickInput(wb)], 12));
    await wb.page.keyboard.press('Escape');

    await command(wb, 'Preferences: Open Settings (UI)');
    const editor = wb.page.locator('.settings-editor');
    await editor.waitFor({ state: 'visible', timeout: 15_000 });
    await wb.page.locator('.settings-editor .settings-header .suggest-input-container .monaco-editor').first().click();
    await wb.page.keyboard.type('@ext:asana-workspaces-vscode.asana-workspaces');
    const count = editor.locator('.settings-count-widget');
    const settingsCount = Object.keys(MANIFEST.contributes.configuration.properties).length;
    await eventually(
      () => count.innerText().then((t) => t.trim()),
      (t) => t === `${settingsCount} Settings Found`,
      `the Settings editor should find the extension's ${settingsCount} settings (package.json)`,
    );
    // The list renders only the settings in view: the first ones, sorted by key.
    const titles = (await editor.locator('.settings-tree-container .setting-item-contents .setting-item-label').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(titles.slice(0, 3), ['Api Base Url', 'Enabled', 'Languages'], `the settings shown: ${titles.join(' | ')}`);
    // Close the search box's suggestions by clicking the table of contents.
    await editor.locator('.settings-toc-container .monaco-list-row', { hasText: 'Asana' }).first().click();
    await wb.page.mouse.move(1, 1);
    await wb.settle();
    await screenshotWithCrop(wb, 'settings', await regionAround(wb, [editor], 0));
    // The Settings editor opens as a modal over the workbench: Escape closes it.
    await wb.page.keyboard.press('Escape');
    await editor.waitFor({ state: 'hidden', timeout: 5000 });
  }),

  scenario(
    'after a window reload the tree is back at once from the snapshot, expanded as it was and "as of …", then refreshed from Asana',
    async (wb) => {
      const emu = wb.emulator;
      const studioGid = workspaceGid(emu, RENAMED);
      // Asana slow to answer: whatever shows meanwhile comes from what the extension kept.
      emu.configure({ latencyMs: 4000 });
      try {
        await wb.page.reload();
        await wb.page.locator('.monaco-workbench .activitybar').waitFor({ state: 'visible', timeout: 60_000 });
        await wb.openActivity('Asana');
        const studio = await eventually(
          () => wb.rowInfo(workspaceRow(wb, RENAMED), 30_000),
          (r) => r.description.includes('members'),
          `${RENAMED} should show its members from the snapshot`,
          30_000,
        );
        assert.match(studio.description, /^43 members · as of (just now|\d+ min ago)$/, `${RENAMED}: the count from the snapshot, and how old it is`);
        assert.equal(studio.expanded, true, `${RENAMED} is expanded, as it was before the reload`);
        assert.equal((await wb.rowInfo(workspaceRow(wb, ACME))).expanded, false, `${ACME} is collapsed, as it was`);
        const expected = expectedGroups(emu, studioGid);
        const shown = await workspaceRows(wb, RENAMED);
        assert.deepEqual(shown.messages, [], 'no "Loading members…" row: the snapshot is complete');
        assertGroupRows(shown, expected, { expanded: true });
        for (const group of expected) assertGroupMembers(shown, group);
        await blurTree(wb);
        await wb.page.mouse.move(1, 1);
        await wb.settle();
        await screenshotWithCrop(wb, 'snapshot-after-reload', await sideBarTop(wb, 12));
        emu.configure({ latencyMs: 0 });
        await eventually(() => wb.rowInfo(workspaceRow(wb, RENAMED)), (r) => r.description === '43 members', `${RENAMED} should drop "as of" once refreshed`, 30_000);
      } finally {
        emu.configure({ latencyMs: 0 });
      }
    },
    { timeoutMs: 120_000 },
  ),

  scenario(
    'the roster changes between two looks: the changes row counts them, the report names them, Former members lists who left',
    async (wb) => {
      const emu = wb.emulator;
      const acmeGid = workspaceGid(emu, ACME);
      await command(wb, 'Notifications: Clear All Notifications');
      await scrollTreeToTop(wb);
      await setExpanded(wb, RENAMED, false);
      await setExpanded(wb, ACME, true);
      // The first look was Acme's first listing in this window; someone was removed here since.
      const before = await eventually(() => workspaceRows(wb, ACME), (ws) => ws.changes !== undefined, `a changes row under ${ACME}`, 30_000);
      // The groups closed: the picture shows the changes row and Former members together, and reading the tree stays quick.
      for (const g of before.groups.filter((g) => g.row.expanded)) await setTreeRowExpanded(wb, [ACME, g.row.label], false);
      const change = emu.changeRoster({
        workspace: acmeGid,
        join: [
          { name: 'Zora Newcomer', email: 'zora.newcomer@acme.test' },
          { name: 'Ines Okafor', email: 'ines.okafor@acme.test' },
        ],
        random: { removals: 2, roleChanges: 2, seed: 7 },
      });
      await clickViewTitleAction(wb, 'Refresh');
      const shown = await eventually(
        () => workspaceRows(wb, ACME),
        (ws) => /^7 changes since /.test(ws.changes?.label ?? '') && ws.former !== undefined,
        'the changes row should count 7 changes (2 joined, 1 + 2 left, 2 roles) and Former members appear',
        60_000,
      );
      assert.equal(shown.changes!.description, '2 joined · 3 left · 2 role');
      assert.equal(shown.changes!.icon, 'history');
      assert.equal(shown.messages.length, 0, `no message row: ${shown.messages.map((m) => m.label).join(' | ')}`);
      assert.deepEqual(shown.groups.map((g) => g.row.label), ['Admins', 'Members', 'Guests', 'View-only'], 'the Inactive group is gone: Asana no longer lists the removed member');
      await setTreeRowExpanded(wb, [ACME, 'Former members'], true);
      const former = await treeRowsUnder(wb, [ACME, 'Former members']);
      const leftNames = change.removed.map((p) => p.name);
      for (const name of leftNames) assert.ok(former.children.some((r) => r.label === name), `${name} is a former member`);
      assert.equal(former.children.length, 3, `the member removed here and the two who left: ${former.children.map((r) => r.label).join(', ')}`);
      assert.ok(former.children.every((r) => /^was [a-z-]+ · last seen /.test(r.description)), former.children.map((r) => r.description).join(' | '));
      await scrollTreeToTop(wb);
      await blurTree(wb);
      await wb.page.mouse.move(1, 1);
      await wb.settle();
      await screenshotWithCrop(wb, 'former-members', await sideBarTop(wb));

      // The report opens in the Markdown preview, with "Mark as Seen" offered beside it.
      await (await findTreeRow(wb, [ACME, shown.changes!.label])).click();
      const note = await wb.waitForNotification(/^7 changes in Acme Corp since /, 20_000);
      await wb.page.locator('.tabs-container .tab', { hasText: 'Preview Roster changes.md' }).first().waitFor({ state: 'visible', timeout: 20_000 });
      await wb.settle(1000);
      const viewport = wb.page.viewportSize() ?? { width: 1440, height: 900 };
      await screenshotWithCrop(wb, 'roster-changes-report', { x: 0, y: 0, width: viewport.width, height: viewport.height });
      await note.locator('.monaco-button', { hasText: 'Mark as Seen' }).click();
      await eventually(() => workspaceRows(wb, ACME), (ws) => /^No changes since /.test(ws.changes?.label ?? ''), 'after Mark as Seen the row says "No changes since …"', 15_000);
      const reportTab = wb.page.locator('.tabs-container .tab', { hasText: 'Preview Roster changes.md' }).first();
      await reportTab.click();
      await command(wb, 'View: Revert and Close Editor');
      await reportTab.waitFor({ state: 'detached', timeout: 10_000 });
      await setTreeRowExpanded(wb, [ACME, 'Former members'], false);
      // As the next scenario expects the tree: Design Studio open, Acme Corp closed. (The workbench
      // saves an extension's state a moment after it changes, and the next scenario reloads at once.)
      await setExpanded(wb, ACME, false);
      await setExpanded(wb, RENAMED, true);
      await wb.page.waitForTimeout(2000);
    },
    { timeoutMs: 150_000 },
  ),

  // The server (its secret storage, the workbench's layout and tree state) outlives this file's page:
  // the next file expects a signed-out window, collapsed workspaces and the usual side bar.
  scenario('collapses the tree and signs out: the welcome comes back', async (wb) => {
    // Whatever an earlier scenario left open (a dialog, a picker, the Settings editor) goes with a reload.
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench .activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    await wb.openActivity('Asana');
    // Collapse All acts on the rows drawn: wait for the window's tree to be back (Design Studio expanded,
    // its members shown), and open Acme Corp (from its snapshot) so that its groups and ranges opened
    // earlier are drawn too and get collapsed with the rest.
    await workspaceRow(wb, RENAMED).waitFor({ state: 'visible', timeout: 30_000 });
    await wb.waitForTreeRow('Mei Thompson', 30_000);
    await setExpanded(wb, ACME, true);
    await eventually(() => findTreeRow(wb, [ACME, 'Members']).then(() => true, () => false), (found) => found, `${ACME} should show its groups`, 30_000);
    await wb.waitForSideBarIdle();
    await clickViewTitleAction(wb, 'Collapse All');
    const allCollapsed = async (): Promise<void> => {
      await eventually(
        async () => (await wb.visibleRows()).map((r) => `${r.level}:${r.expanded}`),
        (rows) => rows.length === 3 && rows.every((r) => r === '1:false'),
        'every workspace should be collapsed',
      );
    };
    await allCollapsed();
    // The view remembers it: after a reload everything is still collapsed, Acme Corp's groups too.
    // (The workbench saves an extension's state a moment after it changes: a reload within the second can lose it.)
    await wb.page.waitForTimeout(2000);
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench .activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    await wb.openActivity('Asana');
    await workspaceRow(wb, ACME).waitFor({ state: 'visible', timeout: 30_000 });
    await wb.waitForSideBarIdle();
    await allCollapsed();
    await setExpanded(wb, ACME, true);
    const acme = await eventually(() => workspaceRows(wb, ACME), (ws) => ws.groups.length >= 4, `${ACME} should show its groups`, 30_000);
    assert.deepEqual(acme.groups.filter((g) => g.row.expanded).map((g) => g.row.label), [], `after Collapse All and a reload, no group of ${ACME} should be expanded`);
    await clickViewTitleAction(wb, 'Collapse All');
    await allCollapsed();
    await command(wb, 'Asana: Sign Out');
    await wb.waitForNotification('Signed out of Asana (Zoë Ångström).');
    await wb.page.locator('.part.sidebar .welcome-view-content').getByRole('button', { name: SIGN_IN_BUTTON }).waitFor({ timeout: 10_000 });
    if (sideBarWidthBefore) {
      await setSideBarWidth(wb, Math.round(sideBarWidthBefore));
      const width = (await box(sideBar(wb))).width;
      assert.ok(Math.abs(width - sideBarWidthBefore) <= 2, `the side bar should be back to ${sideBarWidthBefore}px, not ${width}px`);
    }
    await command(wb, 'Notifications: Clear All Notifications');
    await wb.page.mouse.move(800, 500);
    await wb.settle();
    await wb.screenshot('signed-out-again');
  }),
];
