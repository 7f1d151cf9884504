// The workbench in the pseudo-locale (qps-ploc, code-server's `--locale`): every string of the
// extension a person sees comes from the bundles the build writes (package.nls.qps-ploc.json for the
// manifest, dist/l10n/bundle.l10n.qps-ploc.json for the code), so an English string on screen here
// is one that escaped localization. Expected texts are read from those bundles, not retyped.
//
// code-server runs in English whatever --locale says unless a language pack registers the locale:
// the harness installs one it packs for the run (test/vscode/pseudoLanguagePack.ts), which leaves the
// workbench's own strings English, so that only ours are pseudo-localized on the screenshot.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../vscode/paths';
import type { UiScenario, Workbench } from './workbench';
import { eventually, scenario } from './workbench';

export const isolated = true;
export const locale = 'qps-ploc';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.qps-ploc.json'), 'utf8')) as Record<string, string>;
const bundle = JSON.parse(fs.readFileSync(path.join(repoRoot, 'dist', 'l10n', 'bundle.l10n.qps-ploc.json'), 'utf8')) as Record<string, string>;

/** The pseudo-localized message, its {0}… filled in as l10n.t does. */
function pseudo(message: string, ...args: string[]): string {
  const text = bundle[message];
  assert.ok(text, `"${message}" is not in the pseudo-locale bundle`);
  return text.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)]!);
}

/** The text of a welcome link, `[text](target)`, of a manifest string. */
const linkText = (key: string, index = 0) => [...manifest[key]!.matchAll(/\[([^\]]+)\]\(/g)][index]![1]!;

async function rootRows(wb: Workbench) {
  return (await wb.visibleRows()).filter((r) => r.level === 1);
}

export const scenarios: readonly UiScenario[] = [
  scenario('signed out: the view name, welcome text and sign-in button are pseudo-localized', async (wb) => {
    await wb.openActivity('Asana');
    const signIn = linkText('viewsWelcome.signedOut');
    assert.notEqual(signIn, 'Sign In with a Personal Access Token');
    await wb.page.locator('.part.sidebar .welcome-view-content').getByRole('button', { name: signIn }).waitFor({ timeout: 30_000 });
    const welcome = await wb.welcomeText();
    assert.ok(welcome.includes(manifest['viewsWelcome.signedOut']!.split('\n')[0]!), `welcome text: ${welcome}`);
    assert.doesNotMatch(welcome, /See your Asana workspaces/);
    const header = await wb.page.locator('.part.sidebar .pane-header').first().innerText();
    assert.match(header, new RegExp(manifest['view.workspaces.name']!, 'i'), `the view's header: ${header}`);
  }),

  scenario('the command palette lists the commands by their pseudo-localized titles', async (wb) => {
    const input = await wb.openPalette();
    await input.fill('>Asana: ');
    // In a language other than English, VS Code shows each command's English title on a second line
    // (so that people can search by it): the title is the row's first line.
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    const shown = await eventually(
      async () => (await rows.allInnerTexts()).map((t) => t.trim().split('\n')[0]!.trim()),
      (texts) => texts.some((t) => t === `Asana: ${manifest['command.signIn.title']}`),
      'the palette should list Asana: <pseudo Sign In>',
    );
    assert.ok(!shown.includes('Asana: Sign In'), `English titles in the palette: ${shown.join(', ')}`);
    await wb.page.keyboard.press('Escape');
  }),

  scenario('signs in through the pseudo-localized box; the notification, tree groups and view are pseudo-localized', async (wb) => {
    await wb.clickWelcomeButton(linkText('viewsWelcome.signedOut'));
    const input = wb.page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await wb.page.locator('.quick-input-widget .quick-input-title').innerText(), pseudo('Sign in to Asana'));
    await input.pressSequentially(wb.emulator.tokens.admin, { delay: 5 });
    await wb.page.keyboard.press('Enter');
    await eventually(() => rootRows(wb), (rows) => rows.length === 3, 'the three workspaces', 30_000);
    await wb.waitForNotification(pseudo('Signed in to Asana as {0}.', 'Zoë Ångström'));
    await wb.treeRow(/^Design Guild$/).first().click();
    await wb.waitForTreeRow(pseudo('Admins'), 30_000);
    const guild = await eventually(
      async () => (await rootRows(wb)).find((r) => r.label === 'Design Guild'),
      (row) => row?.description === pseudo('{0} members', '41'),
      `Design Guild's row should read "${pseudo('{0} members', '41')}"`,
    );
    assert.ok(guild);
    await wb.waitForSideBarIdle();
    await wb.settle();
    await wb.screenshot('pseudo-locale');
  }),
];
