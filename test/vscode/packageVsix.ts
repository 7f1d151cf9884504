// Packages the extension as a person gets it: vsce over the built dist/, media/ and the manifest,
// README, CHANGELOG and LICENSE, filtered by .vscodeignore, with vsce's rewriting of the README's
// relative links (images become absolute https URLs into `repository`, which VS Code's details page
// needs). Used by the UI suite, which installs the result, and by the packaging tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { logsDir, repoRoot } from './paths';
import { runCommand } from './proc';

/** Files that go into the .vsix besides dist/ and media/ (the rest is excluded by .vscodeignore). */
const PACKAGED_FILES = ['package.json', '.vscodeignore', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.nls.json', 'package.nls.qps-ploc.json'];

/**
 * Packages dist/ as it was built. vsce would run `vscode:prepublish` (a production rebuild of
 * dist/ in the working tree), so it runs on a staging copy whose package.json has no prepublish.
 */
export async function packageVsix(outDir: string, logName = 'ui-vsce.log'): Promise<string> {
  const staging = path.join(outDir, 'vsix-staging');
  fs.mkdirSync(staging, { recursive: true });
  for (const name of PACKAGED_FILES) {
    if (fs.existsSync(path.join(repoRoot, name))) fs.copyFileSync(path.join(repoRoot, name), path.join(staging, name));
  }
  for (const dir of ['dist', 'media']) {
    if (fs.existsSync(path.join(repoRoot, dir))) fs.cpSync(path.join(repoRoot, dir), path.join(staging, dir), { recursive: true });
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(staging, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  delete manifest.scripts?.['vscode:prepublish'];
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const vsix = path.join(outDir, 'asana-workspaces.vsix');
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  fs.mkdirSync(logsDir, { recursive: true });
  const logFile = path.join(logsDir, logName);
  fs.writeFileSync(logFile, '');
  await runCommand(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--out', vsix], { cwd: staging, logFile });
  return vsix;
}
