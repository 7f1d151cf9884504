// A tiny library for UI scenarios: drives the real VS Code workbench in Chromium the way a person
// does (command palette, activity bar, tree rows) and takes screenshots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Emulator, EmulatorOptions } from '../emulator';

/** One UI scenario: a plain async function over the workbench, with a title for the report. */
export interface UiScenario {
  readonly title: string;
  readonly run: (workbench: Workbench) => Promise<void>;
  /** Per-scenario timeout; 60 s by default. */
  readonly timeoutMs?: number;
  /** Reported as skipped (pending) with this reason instead of running: a known bug's regression check, say. */
  readonly skip?: string;
}

/** Each `test/ui/*.ui.ts` file exports `scenarios`, run in order on one workbench page. */
export interface UiScenarioFile {
  readonly scenarios: readonly UiScenario[];
  /**
   * Emulator options of the file's own, e.g. `{ sizes: { bigWorkspaceMembers: 100_000 } }`: the runner
   * then starts an emulator, a code-server and a browser for this file alone (after the shared ones
   * have stopped). Files without it share the runner's emulator (10,000 members in Acme Corp).
   */
  readonly emulator?: EmulatorOptions;
  /**
   * Run on an emulator, code-server and browser of the file's own (the runner's emulator options),
   * for a file that checks what a person sees the first time: no window state left by another file
   * (which rows the view remembers expanded, the side bar's width, a session).
   */
  readonly isolated?: boolean;
  /** The workbench's display language (code-server's `--locale`), on a code-server of the file's own. */
  readonly locale?: string;
}

export function scenario(
  title: string,
  run: (workbench: Workbench) => Promise<void>,
  options: { timeoutMs?: number; skip?: string } = {},
): UiScenario {
  return { title, run, ...options };
}

/** What a tree row shows: its label, its description, and where it sits in the tree. */
export interface RowInfo {
  readonly label: string;
  readonly description: string;
  /** 1 for a root row, 2 for its children. */
  readonly level: number;
  /** The row's place in the tree as it is expanded now (`data-index`, 0 for the first row). */
  readonly index: number;
  /** Position among its siblings (1-based) and how many siblings there are (`aria-posinset`/`aria-setsize`). */
  readonly position: number;
  readonly siblings: number;
  readonly expanded: boolean | undefined;
  /** The row's codicon, e.g. `shield` for `codicon-shield` ('' when it has none). */
  readonly icon: string;
}

export class Workbench {
  constructor(
    readonly page: Page,
    private readonly screenshotsDir: string,
    private readonly emu?: Emulator,
  ) {}

  /** Opens the workbench at `url` and waits until it is laid out. */
  static async open(page: Page, url: string, screenshotsDir: string, emulator?: Emulator): Promise<Workbench> {
    await page.goto(url);
    await page.locator('.monaco-workbench .activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    return new Workbench(page, screenshotsDir, emulator);
  }

  /** The Asana API emulator the UI runner started, which the extension's `asana.apiBaseUrl` points at. */
  get emulator(): Emulator {
    if (!this.emu) throw new Error('no emulator: the UI runner starts one and hands it to Workbench.open');
    return this.emu;
  }

  /**
   * Runs a command through the palette (F1), picking the row whose label is exactly `title`.
   * Contributed commands appear only once the extension host registered them, so it retries.
   */
  async runCommand(title: string, { attempts = 5 } = {}): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.openPalette();
      await this.page.keyboard.type(title);
      const row = this.page.locator('.quick-input-list .monaco-list-row').filter({
        has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
      });
      try {
        await row.first().waitFor({ state: 'visible', timeout: 3000 });
        await row.first().click();
        return;
      } catch (error) {
        await this.page.keyboard.press('Escape');
        if (attempt >= attempts) throw new Error(`command "${title}" not found in the palette after ${attempts} attempts`, { cause: error });
        await this.page.waitForTimeout(1000);
      }
    }
  }

  /** Opens the command palette (F1) with an empty `>` query. */
  async openPalette(): Promise<Locator> {
    const input = this.page.locator('.quick-input-widget input');
    if (!(await input.isVisible())) await this.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('>');
    return input;
  }

  /**
   * Shows the view container whose activity-bar entry's aria-label starts with `label`, and waits
   * until the side bar's title names it. Does not click an entry already showing (that would hide
   * the side bar), and clicks again while an extension's container is still registering.
   */
  async openActivity(label: string, { attempts = 10 } = {}): Promise<void> {
    const entry = this.page.locator(`.activitybar .action-item:has([aria-label^="${label.replace(/"/g, '\\"')}"])`).first();
    const title = this.page.locator('.part.sidebar .composite.title');
    const showing = async (): Promise<boolean> =>
      (await title.isVisible()) && (await title.innerText()).toLowerCase().startsWith(label.toLowerCase());
    for (let attempt = 1; !(await showing()); attempt++) {
      if (attempt > attempts) throw new Error(`the side bar does not show "${label}" after ${attempts} clicks on its activity-bar entry`);
      await entry.click();
      await this.page.waitForTimeout(500);
    }
  }

  /** Scrolls the side bar's tree back to its first row (with the keyboard: see `scrollTreeToTop`). */
  async scrollSideBarToTop(): Promise<void> {
    await scrollTreeToTop(this);
  }

  /**
   * Puts the pointer over a list for wheel scrolling. A row's tooltip left open by an earlier hover
   * would take the pointer (and the wheel) for itself: move away so it closes, and aim at the list's left edge.
   */
  async hoverList(list: Locator): Promise<void> {
    await this.page.mouse.move(1, 1);
    await this.page.waitForTimeout(300);
    await list.hover({ position: { x: 12, y: 12 }, force: true });
  }

  /**
   * Rows of the tree(s) in the side bar, without the copies that sticky scroll pins above them (those
   * also carry `.monaco-list-row` and the same `data-index`, so a parent row would match twice).
   */
  sideBarRows(): Locator {
    return this.page.locator('.part.sidebar .monaco-list-rows > .monaco-list-row');
  }

  /** Label, description and tree position of a row (one row: waits for it, fails if several match). */
  async rowInfo(row: Locator, timeoutMs = 15_000): Promise<RowInfo> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await row.waitFor({ state: 'attached', timeout: Math.max(1, deadline - Date.now()) });
      // Read in one go: the virtual list may redraw (and drop the row) between two calls.
      const [info] = await row.evaluateAll(readRows);
      if (info) return info;
      if (Date.now() > deadline) throw new Error('the row went away while being read');
    }
  }

  /** Every side-bar tree row rendered now (the list is virtual: only rows in view, plus a few), in tree order. */
  async visibleRows(): Promise<RowInfo[]> {
    return renderedTreeRows(this);
  }

  /**
   * Every row of the side-bar tree, paging it from top to bottom (the list renders only the rows in
   * view); returns them in tree order and scrolls back to the top.
   */
  async allRows(): Promise<RowInfo[]> {
    return allTreeRows(this);
  }

  /** Clicks a button of a view's welcome content (a link on a line of its own). */
  async clickWelcomeButton(text: string, timeoutMs = 15_000): Promise<void> {
    const button = this.page.locator('.part.sidebar .welcome-view-content').getByRole('button', { name: text, exact: true });
    await button.waitFor({ state: 'visible', timeout: timeoutMs });
    await button.click();
  }

  /** The text of the welcome content shown in the side bar ('' when there is none). */
  async welcomeText(): Promise<string> {
    const content = this.page.locator('.part.sidebar .welcome-view-content');
    return (await content.isVisible()) ? ((await content.innerText()) ?? '') : '';
  }

  /**
   * Waits for a notification whose message matches `text`, as a toast or in the notification centre
   * when that is open; when toasts are hidden, gone or queued behind others, opens the centre and
   * looks there. Returns the notification's row.
   */
  async waitForNotification(text: string | RegExp, timeoutMs = 15_000): Promise<Locator> {
    const item = (where: string): Locator =>
      this.page.locator(`${where} .notification-list-item`, { has: this.page.locator('.notification-list-item-message', { hasText: text }) }).first();
    const anywhere = item('.notifications-toasts').or(item('.notifications-center')).first();
    try {
      await anywhere.waitFor({ state: 'visible', timeout: timeoutMs });
      return anywhere;
    } catch {
      await this.showNotifications();
      const inCentre = item('.notifications-center');
      await inCentre.waitFor({ state: 'visible', timeout: 5000 });
      return inCentre;
    }
  }

  /** Every notification of the window, from the notification centre (which it opens), newest first. */
  async notifications(): Promise<Array<{ severity: 'error' | 'warning' | 'info'; message: string }>> {
    const centre = this.page.locator('.notifications-center');
    if (!(await centre.isVisible())) await this.showNotifications();
    await centre.waitFor({ state: 'visible', timeout: 5000 });
    return centre.locator('.notification-list-item').evaluateAll((items) =>
      items.map((el) => {
        const icon = el.querySelector('.notification-list-item-icon');
        const severity = icon?.classList.contains('codicon-error') ? 'error' : icon?.classList.contains('codicon-warning') ? 'warning' : 'info';
        return { severity, message: (el.querySelector('.notification-list-item-message')?.textContent ?? '').trim() } as const;
      }),
    );
  }

  /** Waits until no toast whose message matches `text` is showing (a progress notification that has finished, say). */
  async waitForToastGone(text: string | RegExp, timeoutMs = 10_000): Promise<void> {
    const toast = this.page.locator('.notifications-toasts .notification-list-item', {
      has: this.page.locator('.notification-list-item-message', { hasText: text }),
    });
    await toast.first().waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  /** Waits until the side bar's progress bar (a view loading, an extension activating) has stopped. */
  async waitForSideBarIdle(timeoutMs = 15_000): Promise<void> {
    await this.page.locator('.part.sidebar .monaco-progress-container.active').first().waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  /** Lets the workbench's fade and slide animations (toasts, quick input, hovers) finish before a screenshot. */
  async settle(ms = 600): Promise<void> {
    await this.page.waitForTimeout(ms);
  }

  /**
   * Hovers `target` and returns the hover widget that appears (a tree item's tooltip, for instance),
   * waiting for one whose text contains `containing` when given (an earlier hover can linger).
   */
  async hover(target: Locator, containing?: string | RegExp, timeoutMs = 10_000): Promise<Locator> {
    const widgets = this.page.locator('.monaco-hover.workbench-hover');
    // Move away and dismiss first so that a hover left from earlier does not answer for this one.
    await this.page.mouse.move(1, 1);
    await this.page.keyboard.press('Escape');
    await widgets.first().waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined);
    const widget = (containing === undefined ? widgets : widgets.filter({ hasText: containing })).last();
    // A redraw of the tree under the pointer (members still arriving) can swallow the first hover:
    // point again once, as a person would, before giving up.
    await target.hover();
    const shown = await widget.waitFor({ state: 'visible', timeout: timeoutMs / 2 }).then(() => true, () => false);
    if (!shown) {
      await this.page.mouse.move(1, 1);
      await target.hover();
      await widget.waitFor({ state: 'visible', timeout: timeoutMs / 2 });
    }
    return widget;
  }

  /** A row of any visible tree or list whose text contains `text`. */
  treeRow(text: string | RegExp): Locator {
    return this.page.locator('.monaco-list-row', { hasText: text });
  }

  /** Waits for a tree/list row with `text` and returns it. */
  async waitForTreeRow(text: string | RegExp, timeoutMs = 15_000): Promise<Locator> {
    const row = this.treeRow(text).first();
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
    return row;
  }

  /** Opens the notification centre: toasts may be gone by the time a check looks. */
  async showNotifications(): Promise<void> {
    await this.runCommand('Notifications: Show Notifications');
  }

  /** Saves a PNG of the whole window under test-results/screenshots/ and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(this.screenshotsDir, { recursive: true });
    const file = path.join(this.screenshotsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- More helpers for scenarios (context menus, inline actions, dialogs, cropped screenshots) ----

/** A rectangle of the page, in CSS pixels. */
export interface Region {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Right-clicks `row` and chooses the context-menu entry labelled exactly `label`. */
export async function chooseFromContextMenu(wb: Workbench, row: Locator, label: string): Promise<void> {
  await row.click({ button: 'right' });
  const item = wb.page.locator('.context-view .monaco-menu .action-menu-item', {
    has: wb.page.locator('.action-label', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
  });
  await item.first().waitFor({ state: 'visible', timeout: 5000 });
  // The menu ignores a click that comes too soon after it opened (the right button's release).
  await wb.page.waitForTimeout(300);
  await item.first().click();
  await wb.page.locator('.context-view .monaco-menu').first().waitFor({ state: 'hidden', timeout: 5000 });
}

/** Labels of the entries of the context menu showing now (separators left out). */
export async function contextMenuLabels(wb: Workbench): Promise<string[]> {
  const labels = wb.page.locator('.context-view .monaco-menu .action-menu-item .action-label');
  await labels.first().waitFor({ state: 'visible', timeout: 5000 });
  return (await labels.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

/** Hovers `row` and clicks its inline action whose aria-label starts with `label` (a tree item's icon button). */
export async function clickInlineAction(wb: Workbench, row: Locator, label: string): Promise<void> {
  await row.hover();
  const action = row.locator(`.actions .action-label[aria-label^="${label.replace(/"/g, '\\"')}"]`).first();
  await action.waitFor({ state: 'visible', timeout: 5000 });
  await action.click();
}

/** Hovers the side bar's title and clicks its action whose aria-label starts with `label` (a view/title icon). */
export async function clickViewTitleAction(wb: Workbench, label: string): Promise<void> {
  const title = wb.page.locator('.part.sidebar .composite.title');
  await title.hover();
  const action = title.locator(`.action-label[aria-label^="${label.replace(/"/g, '\\"')}"]`).first();
  await action.waitFor({ state: 'visible', timeout: 5000 });
  await action.click();
}

/** The modal dialog showing now: its box, message, detail and buttons' labels. */
export async function waitForDialog(wb: Workbench, timeoutMs = 10_000): Promise<{ box: Locator; message: string; detail: string; buttons: string[] }> {
  const box = wb.page.locator('.monaco-dialog-box');
  await box.waitFor({ state: 'visible', timeout: timeoutMs });
  const text = async (selector: string): Promise<string> => {
    const el = box.locator(selector).first();
    return (await el.count()) ? (await el.innerText()).trim() : '';
  };
  const buttons = (await box.locator('.dialog-buttons .monaco-button').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  return { box, message: await text('.dialog-message-text'), detail: await text('.dialog-message-detail'), buttons };
}

/** The text of the active editor as it is rendered (lines in view), with plain spaces. */
export async function activeEditorText(wb: Workbench): Promise<string> {
  const lines = wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  await lines.waitFor({ state: 'visible', timeout: 5000 });
  return lines.evaluate((el) =>
    [...el.querySelectorAll('.view-line')]
      .map((line) => ({ top: parseFloat(line.getAttribute('style')?.match(/top:\s*([\d.]+)px/)?.[1] ?? '0'), text: (line.textContent ?? '').replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .join('\n'),
  );
}

/** Drags the sash between the side bar and the editor so that the side bar is `width` pixels wide. */
export async function setSideBarWidth(wb: Workbench, width: number): Promise<void> {
  const sideBar = await wb.page.locator('.part.sidebar').boundingBox();
  if (!sideBar) throw new Error('the side bar is not showing');
  const right = sideBar.x + sideBar.width;
  const sashes = await wb.page.locator('.monaco-sash.vertical').all();
  for (const sash of sashes) {
    const box = await sash.boundingBox();
    if (!box || Math.abs(box.x + box.width / 2 - right) > 6 || box.height < sideBar.height / 2) continue;
    const y = box.y + box.height / 2;
    await wb.page.mouse.move(box.x + box.width / 2, y);
    await wb.page.mouse.down();
    await wb.page.mouse.move(sideBar.x + width, y, { steps: 8 });
    await wb.page.mouse.up();
    await wb.page.mouse.move(1, 1);
    return;
  }
  throw new Error('no sash found at the side bar\'s right edge');
}

/** The smallest rectangle around the visible `targets`, grown by `padding` and kept inside the page. */
export async function regionAround(wb: Workbench, targets: readonly Locator[], padding = 8): Promise<Region> {
  const boxes = (await Promise.all(targets.map((t) => t.first().boundingBox().catch(() => null)))).filter((b): b is Region => !!b && b.width > 0);
  if (boxes.length === 0) throw new Error('none of the targets is visible');
  const viewport = wb.page.viewportSize() ?? { width: 1440, height: 900 };
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - padding);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - padding);
  const right = Math.min(viewport.width, Math.max(...boxes.map((b) => b.x + b.width)) + padding);
  const bottom = Math.min(viewport.height, Math.max(...boxes.map((b) => b.y + b.height)) + padding);
  return { x: Math.floor(x), y: Math.floor(y), width: Math.ceil(right - x), height: Math.ceil(bottom - y) };
}

/**
 * Saves the whole window as `<name>.png` (like `screenshot`) and the `region` of it as
 * `<name>.crop.png` beside it, for a README; returns both paths.
 */
export async function screenshotWithCrop(wb: Workbench, name: string, region: Region): Promise<{ full: string; crop: string }> {
  const full = await wb.screenshot(name);
  const crop = full.replace(/\.png$/, '.crop.png');
  await wb.page.screenshot({ path: crop, clip: region });
  return { full, crop };
}

// ---- The side bar's tree: rows by position, scrolling, paths of labels ----------------------------
// The tree is scrolled with the keyboard (Home, Page Down), as a person might: wheel events move the
// virtual list only a little at a time, and it ignores scrollTop. Keys move the tree's focus, not its
// selection, so the row that commands take from the selection stays the same.

/** What `readRows` uses of a row element (the project's TypeScript has no DOM library). */
interface RowElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): { readonly textContent: string | null; readonly classList: Iterable<string> } | null;
}

/** Reads rows in the page (self-contained: Playwright sends its source to the browser). */
const readRows = (elements: RowElement[]): RowInfo[] =>
  elements
    .map((el) => {
      const text = (selector: string): string => (el.querySelector(selector)?.textContent ?? '').trim();
      const expanded = el.getAttribute('aria-expanded');
      const iconClass = [...(el.querySelector('.custom-view-tree-node-item-icon')?.classList ?? [])].find((c) => c.startsWith('codicon-') && c !== 'codicon-colored');
      return {
        icon: iconClass?.slice('codicon-'.length) ?? '',
        label: text('.label-name'),
        description: text('.label-description'),
        level: Number(el.getAttribute('aria-level') ?? 0),
        index: Number(el.getAttribute('data-index') ?? -1),
        position: Number(el.getAttribute('aria-posinset') ?? 0),
        siblings: Number(el.getAttribute('aria-setsize') ?? 0),
        expanded: expanded === null ? undefined : expanded === 'true',
      };
    })
    .sort((a, b) => a.index - b.index);

/** The side bar's tree rows (no sticky-scroll copies). */
export function treeRows(wb: Workbench): Locator {
  return wb.sideBarRows();
}

/** The side bar's first list: the Asana tree when its view is showing. */
export function treeList(wb: Workbench): Locator {
  return wb.page.locator('.part.sidebar .monaco-list').first();
}

/** The tree row at `index` (its `data-index`: valid until rows above it are added, removed, expanded or collapsed). */
export function treeRowAt(wb: Workbench, index: number): Locator {
  return treeRows(wb).and(wb.page.locator(`[data-index="${index}"]`));
}

/** The tree rows rendered now, read at once, in tree order. */
export async function renderedTreeRows(wb: Workbench): Promise<RowInfo[]> {
  return treeRows(wb).evaluateAll(readRows);
}

/** Polls `read` until `check` accepts its result; fails with the last result. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > deadline) throw new Error(`${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  return last;
}

/** Scrolls the side bar's tree to its first row. */
export async function scrollTreeToTop(wb: Workbench): Promise<void> {
  const list = treeList(wb);
  const first = treeRowAt(wb, 0);
  await list.focus();
  await wb.page.keyboard.press('Home');
  await eventually(
    async () => {
      const [listBox, rowBox] = await Promise.all([list.boundingBox(), first.count().then((n) => (n ? first.boundingBox() : null))]);
      return !!listBox && !!rowBox && rowBox.y >= listBox.y - 1;
    },
    (top) => top,
    'the tree should scroll to its first row',
    5000,
  );
  await wb.page.mouse.move(1000, 600); // no hover left over the rows
}

/** Whether `row` is rendered and wholly inside the tree's viewport. */
export async function inView(wb: Workbench, row: Locator): Promise<boolean> {
  if (!(await row.count())) return false;
  const [rowBox, listBox] = await Promise.all([row.first().boundingBox(), treeList(wb).boundingBox()]);
  return !!rowBox && !!listBox && rowBox.y >= listBox.y && rowBox.y + rowBox.height <= listBox.y + listBox.height;
}

async function pageDown(wb: Workbench): Promise<void> {
  await treeList(wb).focus();
  await wb.page.keyboard.press('PageDown');
  await wb.page.waitForTimeout(50);
}

/**
 * Whether the tree is scrolled to its end. The list's rows container is as tall as all its rows and
 * moves up as the list scrolls, so the end shows when the container's bottom is inside the list.
 * (The rows rendered are only those in view: their bottoms cannot tell the end from a page boundary.)
 */
async function atTreeEnd(wb: Workbench): Promise<boolean> {
  return treeList(wb).evaluate((el) => {
    type Box = { getBoundingClientRect(): { bottom: number } };
    const list = el as unknown as Box & { querySelector(s: string): Box | null };
    const rows = list.querySelector('.monaco-list-rows');
    return !rows || rows.getBoundingClientRect().bottom <= list.getBoundingClientRect().bottom + 1;
  });
}

/** Scrolls the side bar's tree down from the top, a page at a time, until a row matching `row` is in view. */
export async function scrollTreeTo(wb: Workbench, row: Locator, maxPages = 500): Promise<Locator> {
  await scrollTreeToTop(wb);
  for (let page = 0; page < maxPages; page++) {
    if (await inView(wb, row)) return row.first();
    const before = await treeRows(wb).first().getAttribute('data-index');
    await pageDown(wb);
    if (!(await inView(wb, row)) && (await treeRows(wb).first().getAttribute('data-index')) === before && page > 0) break; // the end
  }
  if (await inView(wb, row)) return row.first();
  throw new Error('the row never scrolled into view');
}

/**
 * The tree's rows a page at a time from the top: each batch holds the rows not seen before, in
 * tree order. Stops at the end of the tree (or when the caller stops reading).
 */
async function* treePages(wb: Workbench): AsyncGenerator<RowInfo[]> {
  await scrollTreeToTop(wb);
  let last = -1;
  const unseen = async (): Promise<RowInfo[]> => (await renderedTreeRows(wb)).filter((r) => r.index > last);
  for (;;) {
    const rows = await unseen();
    if (rows.length) {
      last = rows[rows.length - 1]!.index;
      yield rows;
    }
    if (await atTreeEnd(wb)) {
      if ((await unseen()).length) continue; // rendered meanwhile
      return;
    }
    // The first Page Down may only move the focus to the last row in view: press until new rows render.
    let moved = false;
    for (let press = 0; press < 5 && !moved; press++) {
      await pageDown(wb);
      const deadline = Date.now() + 1000;
      while (!(moved = (await unseen()).length > 0 || (await atTreeEnd(wb))) && Date.now() < deadline) await wb.page.waitForTimeout(50);
    }
    if (!moved) throw new Error(`the tree does not scroll past row ${last}`);
  }
}

/** Every row of the side bar's tree in order, paging through it from top to bottom; scrolls back to the top. */
export async function allTreeRows(wb: Workbench): Promise<RowInfo[]> {
  const rows: RowInfo[] = [];
  for await (const batch of treePages(wb)) rows.push(...batch);
  await scrollTreeToTop(wb);
  return rows;
}

/** Pages down until the row at `index` is wholly in view. */
async function bringIntoView(wb: Workbench, index: number): Promise<Locator> {
  const row = treeRowAt(wb, index);
  for (let i = 0; i < 20 && !(await inView(wb, row)); i++) await pageDown(wb);
  if (!(await inView(wb, row))) throw new Error(`the tree row ${index} does not come into view`);
  return row;
}

/**
 * Walks the tree from the top along `path` (the labels of a root row, one of its children, one of
 * that one's…) and returns the last row's place; then `under` more rows below it, its subtree as far
 * as it is expanded (at most `under`). Fails when a label is not found where the path says.
 */
async function walk(wb: Workbench, path: readonly string[], under = 0): Promise<{ row: RowInfo; children: RowInfo[] }> {
  let depth = 0;
  let found: RowInfo | undefined;
  const children: RowInfo[] = [];
  const trail: RowInfo[] = [];
  pages: for await (const batch of treePages(wb)) {
    for (const r of batch) {
      trail.push(r);
      if (trail.length > 6) trail.shift();
      if (found) {
        if (r.level <= found.level || children.length >= under) break pages;
        children.push(r);
        continue;
      }
      if (depth > 0 && r.level <= depth) break pages; // left the subtree of path[depth - 1]
      if (r.level === depth + 1 && r.label === path[depth]) {
        depth++;
        if (depth === path.length) {
          found = r;
          if (under === 0) break pages;
        }
      }
    }
  }
  if (!found) {
    const seen = trail.map((r) => `${r.index}:${r.level}:${r.label}`).join(', ');
    throw new Error(`no tree row ${path.slice(0, depth + 1).map((p) => `"${p}"`).join(' › ')} (the last rows read: ${seen})`);
  }
  return { row: found, children };
}

/** The tree row at the end of `path` (labels from the root down), scrolled into view. */
export async function findTreeRow(wb: Workbench, path: readonly string[]): Promise<Locator> {
  const { row } = await walk(wb, path);
  return bringIntoView(wb, row.index);
}

/** The row at the end of `path` and the rows of its subtree as far as it is expanded (at most `limit`); scrolls back to the top. */
export async function treeRowsUnder(wb: Workbench, path: readonly string[], limit = 5000): Promise<{ row: RowInfo; children: RowInfo[] }> {
  const result = await walk(wb, path, limit);
  await scrollTreeToTop(wb);
  return result;
}

/** Whether the tree is asking for the row's children (the twistie spins meanwhile). */
async function childrenLoading(row: Locator): Promise<boolean> {
  return row.evaluate((el: { querySelector(selector: string): unknown }) => el.querySelector('.monaco-tl-twistie.codicon-tree-item-loading') !== null).catch(() => false);
}

/** Expands (or collapses) the row at the end of `path` unless it already is, and waits for the tree to follow; returns the row, in view. */
export async function setTreeRowExpanded(wb: Workbench, path: readonly string[], expanded: boolean, timeoutMs = 15_000): Promise<Locator> {
  const row = await findTreeRow(wb, path);
  const info = await wb.rowInfo(row);
  if (info.expanded === undefined) throw new Error(`${path.join(' › ')} cannot be expanded`);
  const what = `${path.join(' › ')} should be ${expanded ? 'expanded' : 'collapsed'}`;
  const done = (r: RowInfo) => r.expanded === expanded && r.label === path[path.length - 1];
  // A click that lands while the tree redraws can be lost: look again, and click again if it was. A row
  // whose children are still being asked for shows a spinning twistie and says "collapsed" until they
  // come: clicking it then would take the first click back, so wait for the answer first.
  for (let attempt = 0; attempt < 3; attempt++) {
    await eventually(() => childrenLoading(row), (loading) => !loading, `${what}: its children are still loading`, timeoutMs);
    if (done(await wb.rowInfo(row))) break;
    await row.click();
    const settled = await eventually(
      async () => done(await wb.rowInfo(row)) || (await childrenLoading(row)),
      (progressed) => progressed,
      what,
      5_000,
    ).then(
      () => true,
      () => false,
    );
    if (settled) await eventually(() => childrenLoading(row), (loading) => !loading, `${what}: its children are still loading`, timeoutMs);
    if (settled && done(await wb.rowInfo(row))) break;
  }
  await eventually(() => wb.rowInfo(row), done, what, timeoutMs);
  // The row says "expanded" before its children arrive: wait for the first of them.
  if (expanded) {
    const child = treeRowAt(wb, info.index + 1);
    await eventually(async () => ((await child.count()) ? (await wb.rowInfo(child)).level : 0), (level) => level === info.level + 1, `${what}, with its children shown`, timeoutMs);
  }
  return row;
}
