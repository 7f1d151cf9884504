// A tiny library for UI scenarios: drives the real VS Code workbench in Chromium the way a person
// does (command palette, activity bar, tree rows) and takes screenshots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** One UI scenario: a plain async function over the workbench, with a title for the report. */
export interface UiScenario {
  readonly title: string;
  readonly run: (workbench: Workbench) => Promise<void>;
  /** Per-scenario timeout; 60 s by default. */
  readonly timeoutMs?: number;
}

/** Each `test/ui/*.ui.ts` file exports `scenarios`, run in order on one workbench page. */
export interface UiScenarioFile {
  readonly scenarios: readonly UiScenario[];
}

export function scenario(title: string, run: (workbench: Workbench) => Promise<void>, options: { timeoutMs?: number } = {}): UiScenario {
  return { title, run, ...options };
}

export class Workbench {
  constructor(
    readonly page: Page,
    private readonly screenshotsDir: string,
  ) {}

  /** Opens the workbench at `url` and waits until it is laid out. */
  static async open(page: Page, url: string, screenshotsDir: string): Promise<Workbench> {
    await page.goto(url);
    await page.locator('.monaco-workbench .activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    return new Workbench(page, screenshotsDir);
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

  /** Clicks the activity-bar entry whose aria-label starts with `label` (a view container's title). */
  async openActivity(label: string): Promise<void> {
    await this.page.locator(`.activitybar [aria-label^="${label.replace(/"/g, '\\"')}"]`).first().click();
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
