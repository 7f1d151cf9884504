// The harness's own npm installs run in an environment cleaned of what an outer `npm run` exports:
// checked against a real npm, so a variable a new npm version adds is caught here.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanNpmEnv } from '../../vscode/npmEnv';

/** The environment a script sees under `npm run`, with `extraEnv` exported by the shell. */
function envUnderNpmRun(extraEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-env-'));
  try {
    const script = `node -e "process.stdout.write(JSON.stringify(process.env))"`;
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'probe', private: true, scripts: { probe: script } }));
    const output = execFileSync('npm', ['run', '--silent', 'probe'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...extraEnv } });
    return JSON.parse(output) as NodeJS.ProcessEnv;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('cleanNpmEnv (the environment of the harness own npm installs)', function () {
  this.timeout(30_000);
  let outer: NodeJS.ProcessEnv;
  before(() => {
    outer = envUnderNpmRun({ npm_config_registry: 'http://127.0.0.1:4873/', npm_config_https_proxy: 'http://proxy.test:3128' });
  });

  it('starts from an environment that really leaks the outer npm (so the test means something)', () => {
    assert.match(outer['npm_config_user_agent'] ?? '', /node\/v\d+/);
    assert.ok(outer['npm_lifecycle_event']);
    assert.match(outer['PATH'] ?? '', /node_modules[\\/]\.bin/);
  });

  it('drops the user agent, lifecycle, package and prefix variables, and INIT_CWD', () => {
    const env = cleanNpmEnv({}, outer);
    const leaked = Object.keys(env).filter((key) => /^npm_(?!config_(registry|proxy|https_proxy|noproxy|cafile|ca|strict_ssl|cache|userconfig|globalconfig)$)/i.test(key));
    assert.deepEqual(leaked, []);
    for (const key of ['npm_config_user_agent', 'npm_config_prefix', 'npm_config_local_prefix', 'npm_config_node_gyp', 'npm_execpath', 'INIT_CWD', 'NODE']) {
      assert.equal(env[key], undefined, key);
    }
  });

  it('keeps how the registry is reached: a mirror and a proxy exported in the shell', () => {
    const env = cleanNpmEnv({}, outer);
    assert.equal(env['npm_config_registry'], 'http://127.0.0.1:4873/');
    assert.equal(env['npm_config_https_proxy'], 'http://proxy.test:3128');
  });

  it('removes the PATH entries npm added and puts the requested bin folder first', () => {
    const env = cleanNpmEnv({ binFirst: '/opt/node24/bin', extra: { npm_config_nodedir: '/opt/node24' } }, outer);
    const entries = (env['PATH'] ?? '').split(path.delimiter);
    assert.equal(entries[0], '/opt/node24/bin');
    assert.ok(!entries.some((entry) => entry.endsWith(`node_modules${path.sep}.bin`) || entry.endsWith('node-gyp-bin')), entries.join('\n'));
    assert.ok(entries.includes('/usr/bin') || entries.includes('/bin'), 'the system PATH stays');
    assert.equal(env['npm_config_nodedir'], '/opt/node24');
  });

  it('an npm started with it reports its own user agent, not the outer one', () => {
    const fakeOuter = { ...outer, npm_config_user_agent: 'npm/0.0.0 node/v20.0.0 linux x64' };
    const agent = execFileSync('npm', ['config', 'get', 'user-agent'], { encoding: 'utf8', env: cleanNpmEnv({}, fakeOuter) }).trim();
    assert.doesNotMatch(agent, /node\/v20\.0\.0/);
  });
});
