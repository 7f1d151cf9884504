/**
 * `npm run test:mutation`: StrykerJS over src/asana, src/members, src/search and src/store (see
 * stryker.config.json). StrykerJS 10 needs Node 22 or later while the project builds on Node 20, so
 * it runs on the Node 24 the VS Code harness installs from npm (into the same cache).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { ensureNode24Installed } from '../vscode/install';
import { cleanNpmEnv } from '../vscode/npmEnv';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<number> {
  const node = await ensureNode24Installed();
  const stryker = path.join(repoRoot, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
  const env = cleanNpmEnv();
  // Stryker's workers and its build command find this Node first.
  env['PATH'] = `${path.dirname(node)}${path.delimiter}${env['PATH'] ?? ''}`;
  // Instrumented code runs several times slower: the tests that bound a duration allow for it.
  env['ASANA_TEST_TIME_SCALE'] = '20';
  const child = spawn(node, [stryker, 'run', path.join('test', 'mutation', 'stryker.config.json'), ...process.argv.slice(2)], {
    cwd: repoRoot,
    env,
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
