// A stand-in for the repository's raw-file host (github.com/…/raw/HEAD/…) on a machine without
// internet. The packaged README links its images there: VS Code's extension details page shows only
// https images (its sanitizer drops relative paths and its CSP allows `img-src https: data:`), so vsce
// rewrites each relative image path against package.json's `repository`. The stand-in answers those
// URLs with the files committed at HEAD, and nothing else, as the real host would for a public
// repository: an image missing from the commit, or a link that points elsewhere, stays broken.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';

/** Where vsce points relative image links for this manifest (its own rule: GitHub or GitLab, branch HEAD). */
export function rawImagesBase(manifest: { repository?: string | { url?: string } }): string {
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  if (!repository) throw new Error('package.json has no repository: vsce cannot make the README images absolute');
  const github = /github(?:\.com\/|:)([^/]+\/[^/]+?)(?:\.git)?(?:\/|$)/.exec(repository);
  if (github) return `https://github.com/${github[1]}/raw/HEAD`;
  const gitlab = /gitlab(?:\.com\/|:)((?:[^/]+)(?:\/[^/]+)+?)(?:\.git)?(?:\/|$)/.exec(repository);
  if (gitlab) return `https://gitlab.com/${gitlab[1]}/-/raw/HEAD`;
  throw new Error(`repository ${repository} is on neither GitHub nor GitLab: vsce needs --baseImagesUrl to make the README images absolute`);
}

/** A file as committed at HEAD, or undefined when HEAD has no such file. */
function committedFile(repoRoot: string, relative: string): Buffer | undefined {
  try {
    return execFileSync('git', ['show', `HEAD:${relative}`], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

const CONTENT_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

export interface RawHost {
  readonly base: string;
  /** Paths served (200) and refused (404), in the order asked. */
  readonly served: string[];
  readonly missing: string[];
  close(): Promise<void>;
}

/** Answers `${base}/<path>` in the browser context with HEAD's `<path>` until closed. */
export async function serveRawFiles(context: BrowserContext, repoRoot: string, base: string): Promise<RawHost> {
  const served: string[] = [];
  const missing: string[] = [];
  const pattern = `${base}/**`;
  const handler = async (route: Route): Promise<void> => {
    const relative = decodeURIComponent(new URL(route.request().url()).pathname.slice(new URL(base).pathname.length + 1));
    const body = relative.split('/').includes('..') ? undefined : committedFile(repoRoot, relative);
    if (!body) {
      missing.push(relative);
      await route.fulfill({ status: 404, contentType: 'text/plain', body: `${relative}: not in the repository at HEAD` });
      return;
    }
    served.push(relative);
    const type = CONTENT_TYPES[path.extname(relative).toLowerCase()] ?? 'application/octet-stream';
    await route.fulfill({ status: 200, contentType: type, body });
  };
  await context.route(pattern, handler);
  return { base, served, missing, close: () => context.unroute(pattern, handler) };
}

/** The image paths of a Markdown file (`![alt](path)` and `<img src="path">`), in order. */
export function markdownImages(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const images: string[] = [];
  for (const match of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]+src=["']([^"']+)["']/g)) images.push((match[1] ?? match[2])!);
  return images;
}
