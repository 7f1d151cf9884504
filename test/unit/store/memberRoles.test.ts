// Role names in prose go through VS Code's translator, which looks a message with a comment up under
// "message/comment": each role must reach the built pseudo-locale bundle under its extracted key.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROLE_NAMES, roleName, type ActiveGroup } from '../../../src/store/memberRoles';
import { format, useTranslator, type L10nArg, type Translator } from '../../../src/util/l10n';
import { repoRoot } from '../l10n/sourceStrings';

const english = ((m: string | { message: string; args?: L10nArg[] }, ...a: L10nArg[]) =>
  typeof m === 'string' ? format(m, ...a) : format(m.message, ...(m.args ?? []))) as Translator;

describe('roleName', () => {
  afterEach(() => useTranslator(english));

  it('says each role in the display language, looked up as VS Code does (message/comment)', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(repoRoot, 'dist/l10n/bundle.l10n.qps-ploc.json'), 'utf8')) as Record<string, string>;
    // The key rule of vscode.l10n.t: a non-empty comment (an array joined) follows the message after a slash.
    useTranslator(((m: string | { message: string; comment?: string | string[] }) => {
      const message = typeof m === 'string' ? m : m.message;
      const comment = typeof m === 'string' ? '' : [m.comment ?? ''].flat().join('');
      return bundle[comment ? `${message}/${comment}` : message] ?? message;
    }) as Translator);
    for (const group of Object.keys(ROLE_NAMES) as ActiveGroup[]) {
      const shown = roleName(group);
      assert.notEqual(shown, ROLE_NAMES[group], `${group}: translated, not the English fallback (run \`npm run build\` first)`);
      assert.ok(Object.values(bundle).includes(shown), group);
    }
  });

  it('says each role in English in plain Node', () => {
    for (const group of Object.keys(ROLE_NAMES) as ActiveGroup[]) assert.equal(roleName(group), ROLE_NAMES[group]);
  });
});
