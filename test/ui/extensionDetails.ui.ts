// The extension's details page, as a person opens it from the Extensions view: the packaged README
// with every screenshot showing. The runner installs the .vsix built by vsce, so this checks what
// vsce made of the README's image links (absolute https URLs into the repository) and that VS Code's
// details page loads them, the raw-file host being played by the files committed at HEAD.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { repoRoot } from '../vscode/paths';
import { markdownImages, rawImagesBase, serveRawFiles } from './repositoryRaw';
import type { UiScenario, Workbench } from './workbench';
import { scenario } from './workbench';

interface ShownImage {
  readonly src: string;
  readonly alt: string;
  readonly complete: boolean;
  readonly naturalWidth: number;
  /** The element as the details page has it, for the failure message. */
  readonly html: string;
}

/** The frame of the details webview: the one whose document shows the README's first heading. */
async function readmeFrame(wb: Workbench, heading: string, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of wb.page.frames().filter((f) => f !== wb.page.mainFrame())) {
      const found = await frame
        .locator('h1')
        .filter({ hasText: heading })
        .count()
        .catch(() => 0);
      if (found > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows the README heading "${heading}" after ${timeoutMs} ms`);
    await wb.page.waitForTimeout(250);
  }
}

/**
 * Every <img> of the frame once each shows a picture, or as they are when the time is up. Polled: on a
 * busy machine the page has been seen drawing the README with its images still bare before it settled.
 */
async function imagesWhenSettled(wb: Workbench, frame: Frame, timeoutMs: number): Promise<ShownImage[]> {
  const read = (): Promise<ShownImage[]> =>
    frame.locator('img').evaluateAll((elements) =>
      elements.map((element) => {
        const img = element as unknown as { getAttribute(name: string): string | null; alt: string; complete: boolean; naturalWidth: number; outerHTML: string };
        return { src: img.getAttribute('src') ?? '', alt: img.alt, complete: img.complete, naturalWidth: img.naturalWidth, html: img.outerHTML };
      }),
    );
  const deadline = Date.now() + timeoutMs;
  let images = await read();
  const shown = (image: ShownImage): boolean => image.src.startsWith('https://') && image.complete && image.naturalWidth > 0;
  while (!(images.length > 0 && images.every(shown)) && Date.now() < deadline) {
    await wb.page.waitForTimeout(250);
    images = await read();
  }
  return images;
}

export const scenarios: readonly UiScenario[] = [
  scenario(
    "shows the README's screenshots on the extension's details page",
    async (wb) => {
      const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { displayName: string; repository?: string | { url?: string } };
      const readme = path.join(repoRoot, 'README.md');
      const expected = markdownImages(readme);
      assert.ok(expected.length > 0, 'the README shows no image');
      const heading = /^# (.+)$/m.exec(fs.readFileSync(readme, 'utf8'))?.[1]?.trim();
      assert.ok(heading, 'the README has no "# " heading');

      const host = await serveRawFiles(wb.page.context(), repoRoot, rawImagesBase(manifest));
      try {
        await wb.runCommand('Extensions: Show Installed Extensions');
        // The manifest names itself through package.nls.json ("%displayName%").
        const nls = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
        const displayName = manifest.displayName.replace(/^%(.+)%$/, (whole, key: string) => nls[key] ?? whole);
        const row = await wb.waitForTreeRow(displayName, 30_000);
        await row.click();
        const frame = await readmeFrame(wb, heading, 30_000);
        const shown = await imagesWhenSettled(wb, frame, 45_000);
        await frame.locator('img').first().scrollIntoViewIfNeeded().catch(() => undefined); // the first screenshot in the picture
        await wb.screenshot('extension-details');

        const describe = (image: ShownImage): string =>
          `${image.alt || '(no alt)'}: src "${image.src}", ${image.complete ? `${image.naturalWidth} px wide` : 'still loading'} (${image.html})`;
        assert.equal(shown.length, expected.length, `the details page shows ${shown.length} images, the README has ${expected.length}:\n${shown.map(describe).join('\n')}`);
        const broken = shown.filter((image) => !image.src.startsWith('https://') || !image.complete || image.naturalWidth === 0);
        assert.deepEqual(
          broken.map(describe),
          [],
          `broken images on the details page (served ${host.served.length}, not in the repository at HEAD: ${host.missing.join(', ') || 'none'})`,
        );
        // Each image is the README's own file, fetched from the repository's address.
        assert.deepEqual(
          shown.map((image) => image.src),
          expected.map((relative) => `${host.base}/${path.posix.normalize(relative)}`),
        );
      } finally {
        await host.close();
        // The next file's page opens on what the window last showed: the editor area empty, the Explorer.
        await wb.runCommand('View: Close All Editors').catch(() => undefined);
        await wb.runCommand('View: Show Explorer').catch(() => undefined);
      }
    },
    { timeoutMs: 150_000 },
  ),
];
