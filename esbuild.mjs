// Bundles the extension into one CommonJS file; type-checking is `tsc --noEmit`'s job.
import * as esbuild from 'esbuild';
import { statSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outfile = 'dist/extension.js';

/** Prints the outcome of every (re)build, so watch mode shows errors and the size. */
const reportPlugin = {
  name: 'report',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ ${text}` + (location ? ` (${location.file}:${location.line}:${location.column})` : ''));
      }
      if (result.errors.length === 0) {
        const kb = (statSync(outfile).size / 1024).toFixed(1);
        console.log(`built ${outfile} (${kb} KB${production ? ', minified' : ''})`);
      }
    });
  },
};

const ctx = await esbuild.context({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile,
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'silent',
  plugins: [reportPlugin],
});

if (watch) {
  await ctx.watch();
} else {
  const result = await ctx.rebuild();
  await ctx.dispose();
  if (result.errors.length > 0) process.exit(1);
}
