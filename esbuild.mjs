// Bundles the extension into CommonJS files; type-checking is `tsc --noEmit`'s job.
// Two bundles: dist/extension.js, which activation loads, and dist/undici.js, the HTTP client's
// transport, which the extension requires at its first request (src/asana/undiciParts.ts).
// Before bundling, the strings of src/ are extracted into dist/l10n (see writeL10nBundles).
import * as esbuild from 'esbuild';
import { getL10nJson, getL10nPseudoLocalized } from '@vscode/l10n-dev';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outputs = ['dist/extension.js', 'dist/undici.js'];

/** `require('./undiciBundle')` in undiciParts.ts stays a require, of the second bundle next to the first. */
const deferUndiciPlugin = {
  name: 'defer-undici',
  setup(build) {
    build.onResolve({ filter: /^\.\/undiciBundle$/ }, (args) =>
      args.kind === 'require-call' ? { path: './undici.js', external: true } : undefined,
    );
  },
};

/** Prints the outcome of every (re)build, so watch mode shows errors and the size. */
const reportPlugin = {
  name: 'report',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ ${text}` + (location ? ` (${location.file}:${location.line}:${location.column})` : ''));
      }
      if (result.errors.length === 0) {
        const sizes = outputs.map((file) => `${file} ${(statSync(file).size / 1024).toFixed(1)} KB`).join(', ');
        console.log(`built ${sizes}${production ? ' (minified)' : ''}`);
      }
    });
  },
};

/**
 * dist/l10n/bundle.l10n.json (the English messages, for translators) and its pseudo-locale
 * bundle.l10n.qps-ploc.json, plus package.nls.qps-ploc.json, which VS Code reads only next to
 * package.json. The extractor recognises `l10n.t(` only when `l10n` is imported from 'vscode';
 * the code imports it from src/util/l10n (so that plain-Node modules stay free of VS Code),
 * so the extractor is shown each file with that import pointed at 'vscode'.
 */
async function writeL10nBundles() {
  const files = readdirSync('src', { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({
      extension: '.ts',
      contents: readFileSync(join('src', file), 'utf8').replace(/(import \{[^}]*\bl10n\b[^}]*\} from )'(?:\.\.?\/)+(?:util\/)?l10n'/g, "$1'vscode'"),
    }));
  const bundle = await getL10nJson(files);
  mkdirSync('dist/l10n', { recursive: true });
  const json = (data) => JSON.stringify(data, null, 2) + '\n';
  writeFileSync('dist/l10n/bundle.l10n.json', json(bundle));
  writeFileSync('dist/l10n/bundle.l10n.qps-ploc.json', json(pseudoLocalize(bundle)));
  const pseudoManifest = json(pseudoLocalize(JSON.parse(readFileSync('package.nls.json', 'utf8'))));
  // Written only when it changed, so that a build leaves the committed copy untouched.
  if (readFileOr('package.nls.qps-ploc.json') !== pseudoManifest) writeFileSync('package.nls.qps-ploc.json', pseudoManifest);
  return Object.keys(bundle).length;
}

/** Parts a translation must keep as written: link targets, `code`, #setting# references, $(icons). */
const VERBATIM = /\]\([^)]*\)|`[^`]*`|#[\w.]+#|\$\([\w-]+\)/g;

/** The pseudo-locale, with the verbatim parts hidden behind placeholders the pseudo-localizer keeps. */
function pseudoLocalize(bundle) {
  const kept = [];
  const hidden = Object.fromEntries(
    Object.entries(bundle).map(([key, value]) => [
      key,
      (typeof value === 'string' ? value : value.message).replace(VERBATIM, (part) => `{${kept.push(part) + 999}}`),
    ]),
  );
  const pseudo = getL10nPseudoLocalized(hidden);
  return Object.fromEntries(Object.entries(pseudo).map(([key, value]) => [key, value.replace(/\{(\d{4,})\}/g, (_, i) => kept[Number(i) - 1000])]));
}

function readFileOr(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const messages = await writeL10nBundles();
console.log(`l10n: ${messages} messages in dist/l10n`);

const ctx = await esbuild.context({
  entryPoints: { extension: 'src/extension.ts', undici: 'src/asana/undiciBundle.ts' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'silent',
  plugins: [deferUndiciPlugin, reportPlugin],
});

if (watch) {
  await ctx.watch();
} else {
  const result = await ctx.rebuild();
  await ctx.dispose();
  if (result.errors.length > 0) process.exit(1);
}
