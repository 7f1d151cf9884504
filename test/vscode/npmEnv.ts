// The environment of an npm that the harness starts itself (the cache's own installs), cleaned of what
// an outer `npm test` / `npm start` exported. npm hands every script its configuration and identity
// through variables, and a child npm (or a package's install script) reads them as its own:
// code-server's postinstall reads the Node version from `npm_config_user_agent` ("node/v20…") and
// refuses to build; `npm_config_prefix`, `npm_config_global`, `npm_config_cache`,
// `npm_config_node_gyp`, `npm_config_local_prefix` would point the child at the outer project; and
// the outer npm prepends its `node_modules/.bin` folders and its node-gyp shim to PATH.
// Only the settings that say how to reach the registry stay (a mirror, a proxy, a CA exported in the
// shell): the child npm reads every other setting from the same npmrc files the outer one read.
import * as path from 'node:path';

/** Variables npm sets for the scripts it runs, besides the `npm_*` family. */
const NPM_SCRIPT_VARIABLES = new Set(['init_cwd', 'node', 'color', 'editor']);

/** `npm_config_*` settings about the network and the download cache, kept for the child. */
const KEPT_NPM_CONFIG = /^npm_config_(registry|.+:registry|proxy|https_proxy|noproxy|cafile|ca|strict_ssl|cache|userconfig|globalconfig)$/;

function isFromOuterNpm(key: string): boolean {
  const lower = key.toLowerCase();
  if (KEPT_NPM_CONFIG.test(lower)) return false;
  return lower.startsWith('npm_') || NPM_SCRIPT_VARIABLES.has(lower);
}

/** PATH entries an outer npm run added: `…/node_modules/.bin` of the project and its parents, and npm's node-gyp shim. */
function isNpmAddedPath(entry: string): boolean {
  const normalized = entry.split(path.sep).join('/');
  return normalized.endsWith('/node_modules/.bin') || normalized.endsWith('/node-gyp-bin');
}

export interface CleanNpmEnvOptions {
  /** Put first on PATH (the Node the child npm must run under). */
  readonly binFirst?: string;
  /** Added after cleaning, so they win (e.g. `npm_config_nodedir`). */
  readonly extra?: NodeJS.ProcessEnv;
}

/** `base` (the process environment by default) without the outer npm's variables and PATH entries. */
export function cleanNpmEnv(options: CleanNpmEnvOptions = {}, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined || isFromOuterNpm(key)) continue;
    env[key] = value;
  }
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  const entries = (env[pathKey] ?? '').split(path.delimiter).filter((entry) => entry !== '' && !isNpmAddedPath(entry));
  if (options.binFirst !== undefined) entries.unshift(options.binFirst);
  env[pathKey] = entries.join(path.delimiter);
  return { ...env, ...options.extra };
}
