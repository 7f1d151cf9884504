// Nothing escapes extraction: every message src/ passes to l10n.t is in the English bundle the build
// writes (dist/l10n, `npm run build`) and in its pseudo-locale; every %key% of the manifest is in
// package.nls.json and in its pseudo-locale. A message built at run time (a variable, a template
// with ${…}) is refused, since no tool can extract it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleKey, isL10nCall, repoRoot, sourceFiles, visit, where } from './sourceStrings';

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8')) as Record<string, unknown>;

describe('localization bundles', () => {
  const keys = new Map<string, string>();
  const unextractable: string[] = [];
  for (const s of sourceFiles()) {
    visit(s.ast, (node) => {
      if (!isL10nCall(node)) return;
      const key = bundleKey(node);
      if (key === undefined) unextractable.push(where(s, node));
      else keys.set(key, where(s, node));
    });
  }

  it('finds the messages of src/ (the scan itself works)', () => {
    assert.ok(keys.size > 250, `only ${keys.size} messages found`);
    assert.ok(keys.has('Could not load members: {0}'));
  });

  it('every l10n.t call names its message as a literal', () => {
    assert.deepEqual(unextractable, []);
  });

  it('the English bundle holds every message, and nothing else', () => {
    const bundle = readJson('dist/l10n/bundle.l10n.json');
    const missing = [...keys.keys()].filter((k) => !(k in bundle)).map((k) => `${k} (${keys.get(k)})`);
    assert.deepEqual(missing, [], 'not extracted: run `npm run build`, or the extractor does not see these calls');
    assert.deepEqual(Object.keys(bundle).filter((k) => !keys.has(k)), [], 'stale messages in the bundle');
  });

  it('the pseudo-locale bundle translates every message and keeps its placeholders', () => {
    const bundle = readJson('dist/l10n/bundle.l10n.json');
    const pseudo = readJson('dist/l10n/bundle.l10n.qps-ploc.json');
    assert.deepEqual(Object.keys(pseudo).sort(), Object.keys(bundle).sort());
    for (const [key, value] of Object.entries(pseudo)) {
      const english = bundle[key];
      const message = typeof english === 'string' ? english : (english as { message: string }).message;
      assert.equal(typeof value, 'string', key);
      assert.deepEqual((value as string).match(/\{\d+\}/g)?.sort() ?? [], message.match(/\{\d+\}/g)?.sort() ?? [], `placeholders of ${key}`);
      if (/[a-z]{2}/i.test(message.replace(/\{\d+\}/g, ''))) assert.notEqual(value, message, `not pseudo-localized: ${key}`);
    }
  });

  it('every %key% of package.json is in package.nls.json and its pseudo-locale, link targets and code kept', () => {
    const manifest = fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
    const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    assert.ok(used.length > 40, `only ${used.length} %keys% in package.json`);
    const nls = readJson('package.nls.json');
    const pseudo = readJson('package.nls.qps-ploc.json');
    assert.deepEqual(used.filter((k) => !(k in nls)), [], 'missing from package.nls.json');
    assert.deepEqual(Object.keys(nls).filter((k) => !used.includes(k)), [], 'unused in package.json');
    assert.deepEqual(Object.keys(pseudo).sort(), Object.keys(nls).sort(), 'package.nls.qps-ploc.json is stale: run `npm run build`');
    for (const [key, english] of Object.entries(nls)) {
      const verbatim = (text: string) => text.match(/\]\([^)]*\)|`[^`]*`|#[\w.]+#/g) ?? [];
      assert.notEqual(pseudo[key], english, key);
      assert.deepEqual(verbatim(pseudo[key] as string), verbatim(english as string), `links, code and setting references of ${key}`);
    }
    // A title left in English in the manifest would not be translated.
    assert.doesNotMatch(manifest, /"(title|name|markdownDescription|description|contents)": "(?!%)(?!Asana")(?!asana)[A-Z][a-z]+ [a-z]/);
  });
});
