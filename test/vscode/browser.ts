// Headless Debian Chromium driven by playwright-core, with a fresh profile per run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORT = { width: 1440, height: 900 };

/** A persistent context in `profileDir` (created fresh), its XDG folders inside it. */
export async function launchChromium(executablePath: string, profileDir: string): Promise<BrowserContext> {
  fs.mkdirSync(profileDir, { recursive: true });
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    // Playwright's own handlers would exit at once; lifecycle.ts closes the browser, then the server.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(profileDir, 'xdg-config'),
      XDG_CACHE_HOME: path.join(profileDir, 'xdg-cache'),
    },
  });
}
