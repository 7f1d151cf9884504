// The .vsix as vsce makes it from the built dist/: what goes in, the marketplace fields, and the
// README's links, which must be absolute https URLs into the repository (VS Code's details page drops
// relative image paths, and shows only https images). The UI suite's extensionDetails.ui.ts then checks
// that the details page really shows them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipEntries } from '../../helpers/zipEntries';
import { markdownImages, rawImagesBase } from '../../ui/repositoryRaw';
import { packageVsix } from '../../vscode/packageVsix';
import { extensionBundle, repoRoot } from '../../vscode/paths';

interface Manifest {
  repository?: string | { url?: string };
  homepage?: string;
  bugs?: { url?: string };
  galleryBanner?: { color?: string; theme?: string };
  extensionKind?: string[];
  icon?: string;
  engines: { vscode: string };
  devDependencies: Record<string, string>;
}

/** Targets of the Markdown links and images of a text, `[text](target)`. */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)[^)]*\)/g)].map((match) => match[1]!);
}

describe('The packaged extension (.vsix)', function () {
  this.timeout(120_000);
  let scratch: string;
  let entries: Map<string, Buffer>;
  let vsixBytes: number;
  let manifest: Manifest;

  before(async () => {
    assert.ok(fs.existsSync(extensionBundle), 'dist/extension.js is missing: run `npm run build` first');
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-vsix-test-'));
    const vsix = await packageVsix(scratch, 'unit-vsce.log');
    vsixBytes = fs.statSync(vsix).size;
    entries = zipEntries(vsix);
    manifest = JSON.parse(entries.get('extension/package.json')!.toString('utf8')) as Manifest;
  });

  after(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('holds the bundle, its strings, the icons, the manifest and the documents, and nothing else', () => {
    assert.deepEqual([...entries.keys()].sort(), [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/extension.js',
      'extension/dist/l10n/bundle.l10n.json',
      'extension/dist/l10n/bundle.l10n.qps-ploc.json',
      'extension/dist/undici.js',
      'extension/media/asana.svg',
      'extension/media/icon.png',
      'extension/package.json',
      'extension/package.nls.json',
      'extension/package.nls.qps-ploc.json',
      'extension/readme.md',
    ]);
    // The screenshots are fetched from the repository, so the package stays small.
    assert.ok(vsixBytes < 300 * 1024, `the .vsix is ${(vsixBytes / 1024).toFixed(0)} KB`);
  });

  it('has a 256 × 256 PNG icon', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const png = entries.get('extension/media/icon.png')!;
    assert.equal(png.toString('latin1', 1, 4), 'PNG');
    assert.equal(png.toString('latin1', 12, 16), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [256, 256]);
  });

  it('runs on the UI side first, so that in a remote window the requests leave from the user’s machine', () => {
    assert.deepEqual(manifest.extensionKind, ['ui', 'workspace']);
  });

  it('links its homepage and issues to the repository, with a gallery banner', () => {
    const base = rawImagesBase(manifest); // https://github.com/<owner>/<repo>/raw/HEAD
    const web = base.slice(0, -'/raw/HEAD'.length);
    assert.equal(manifest.homepage, `${web}#readme`);
    assert.equal(manifest.bugs?.url, `${web}/issues`);
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''), `galleryBanner.theme is ${manifest.galleryBanner?.theme}`);
  });

  it('is typed against no newer VS Code API than engines.vscode claims (vsce refuses newer types)', () => {
    const version = (spec: string | undefined): number[] => (spec ?? '').replace(/^[\^~]/, '').split('.').map(Number);
    const [engines, types] = [version(manifest.engines.vscode), version(manifest.devDependencies['@types/vscode'])];
    assert.ok(types.length === 3 && types.every(Number.isInteger), `@types/vscode is ${manifest.devDependencies['@types/vscode']}`);
    const newer = types.findIndex((part, i) => part !== engines[i]);
    assert.ok(newer === -1 || types[newer]! < engines[newer]!, `@types/vscode ${types.join('.')} is newer than engines.vscode ${engines.join('.')}`);
  });

  it("points each of the README's images at the repository's copy of the file, over https", () => {
    const readme = entries.get('extension/readme.md')!.toString('utf8');
    const base = rawImagesBase(manifest);
    const sources = markdownImages(path.join(repoRoot, 'README.md'));
    assert.ok(sources.length > 0, 'the README shows no image');
    for (const source of sources) assert.ok(fs.existsSync(path.join(repoRoot, source)), `the README shows ${source}, which is not in the repository`);
    const packaged = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].map((match) => match[1]!);
    assert.deepEqual(
      packaged,
      sources.map((source) => `${base}/${path.posix.normalize(source)}`),
    );
  });

  it('leaves no relative link in the packaged README or CHANGELOG (the details page would drop it)', () => {
    for (const name of ['extension/readme.md', 'extension/changelog.md']) {
      const relative = linkTargets(entries.get(name)!.toString('utf8')).filter((target) => !/^(https:\/\/|mailto:|#)/.test(target));
      assert.deepEqual(relative, [], `${name} keeps relative links`);
    }
  });
});
