// A tiny library for UI scenarios: drives the real VS Code workbench in Chromium the way a person
// does (command palette, activity bar, tree rows) and takes screenshots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Emulator } from '../emulator';

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

  /** Scrolls the side bar's tree back to its first row (wheel events: the list ignores scrollTop). */
  async scrollSideBarToTop(): Promise<void> {
    const list = this.page.locator('.part.sidebar .monaco-list').first();
    const first = list.locator('.monaco-list-row[data-index="0"]');
    await this.hoverList(list);
    for (let i = 0; i < 100; i++) {
      const [listBox, rowBox] = await Promise.all([list.boundingBox(), first.count().then((n) => (n ? first.boundingBox() : null))]);
      if (listBox && rowBox && rowBox.y >= listBox.y - 1) break;
      await this.page.mouse.wheel(0, -2000);
      await this.page.waitForTimeout(50);
    }
    await this.page.mouse.move(1, 1); // no hover left over the rows
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

  /** Rows of the tree(s) in the side bar. */
  sideBarRows(): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row');
  }

  /** Label, description and tree position of a row. */
  async rowInfo(row: Locator): Promise<RowInfo> {
    return row.evaluate((el) => {
      const text = (selector: string): string => (el.querySelector(selector)?.textContent ?? '').trim();
      const expanded = el.getAttribute('aria-expanded');
      const iconClass = [...(el.querySelector('.custom-view-tree-node-item-icon')?.classList ?? [])].find((c) => c.startsWith('codicon-') && c !== 'codicon-colored');
      return {
        icon: iconClass?.slice('codicon-'.length) ?? '',
        label: text('.label-name'),
        description: text('.label-description'),
        level: Number(el.getAttribute('aria-level') ?? 0),
        position: Number(el.getAttribute('aria-posinset') ?? 0),
        siblings: Number(el.getAttribute('aria-setsize') ?? 0),
        expanded: expanded === null ? undefined : expanded === 'true',
      };
    });
  }

  /** Every side-bar row rendered now (the list is virtual: only rows in view, plus a few). */
  async visibleRows(): Promise<RowInfo[]> {
    const rows = await this.sideBarRows().all();
    return Promise.all(rows.map((row) => this.rowInfo(row)));
  }

  /**
   * Every row of the side-bar tree, scrolling it from top to bottom (the list renders only the rows
   * in view); returns them in tree order and scrolls back to the top.
   */
  async allRows(): Promise<RowInfo[]> {
    const list = this.page.locator('.part.sidebar .monaco-list').first();
    const scrollable = list.locator('.monaco-scrollable-element').first();
    const seen = new Map<string, RowInfo>();
    const order: string[] = [];
    await this.scrollSideBarToTop();
    await this.hoverList(list);
    for (let stale = 0; stale < 3; ) {
      await this.page.waitForTimeout(100);
      let added = 0;
      for (const row of await this.visibleRows()) {
        const key = `${row.level}:${row.label}:${row.description}:${row.position}`;
        if (!seen.has(key)) {
          seen.set(key, row);
          order.push(key);
          added++;
        }
      }
      stale = added === 0 ? stale + 1 : 0;
      const box = await scrollable.boundingBox();
      await this.page.mouse.wheel(0, Math.max(200, (box?.height ?? 400) - 60));
    }
    await this.scrollSideBarToTop();
    return order.map((key) => seen.get(key)!);
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
    await target.hover();
    const widget = (containing === undefined ? widgets : widgets.filter({ hasText: containing })).last();
    await widget.waitFor({ state: 'visible', timeout: timeoutMs });
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
