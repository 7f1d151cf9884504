// A language pack for the pseudo-locale (qps-ploc), made for the run. VS Code shows a display
// language only when a pack registers it: without one, `--locale qps-ploc` falls back to English,
// and so do vscode.env.language and every extension's bundles. Microsoft's Pseudo Language pack
// comes from the Marketplace, out of reach here, so the UI suite packs its own. It translates none
// of the workbench's own strings: on its screenshots the workbench stays English and every string
// of ours shows in pseudo-locale, so an English word of ours stands out.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { logsDir, repoRoot } from './paths';
import { runCommand } from './proc';

export const PSEUDO_LOCALE = 'qps-ploc';

/** Packs the language pack into `outDir` and returns the .vsix. */
export async function packPseudoLanguagePack(outDir: string): Promise<string> {
  const folder = path.join(outDir, 'pseudo-language-pack');
  fs.mkdirSync(path.join(folder, 'translations'), { recursive: true });
  const manifest = {
    name: 'test-pseudo-language-pack',
    displayName: 'Pseudo Language Pack (tests)',
    description: 'Registers qps-ploc as a display language, translating nothing of the workbench.',
    publisher: 'asana-workspaces-tests',
    version: '0.0.1',
    engines: { vscode: '^1.139.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [
        {
          languageId: PSEUDO_LOCALE,
          languageName: 'Pseudo Language',
          localizedLanguageName: 'Pseudo Language',
          translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
        },
      ],
    },
  };
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  fs.writeFileSync(path.join(folder, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }) + '\n');
  fs.writeFileSync(path.join(folder, 'README.md'), '# Pseudo Language Pack (tests)\n\nMade by the UI suite for its pseudo-locale scenario.\n');
  const vsix = path.join(outDir, 'pseudo-language-pack.vsix');
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const logFile = path.join(logsDir, 'ui-vsce-pseudo-language-pack.log');
  fs.mkdirSync(logsDir, { recursive: true });
  fs.writeFileSync(logFile, '');
  await runCommand(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix], { cwd: folder, logFile });
  return vsix;
}
