// Bundles the extension into CommonJS files; type-checking is `tsc --noEmit`'s job.
// Two bundles: dist/extension.js, which activation loads, and dist/undici.js, the HTTP client's
// transport, which the extension requires at its first request (src/asana/undiciParts.ts).
import * as esbuild from 'esbuild';
import { statSync } from 'node:fs';

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
