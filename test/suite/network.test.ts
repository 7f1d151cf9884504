/**
 * VS Code's proxy settings, inside a real VS Code: with `http.proxy` set, the tree loads through a
 * real CONNECT proxy that counts what passes; a proxy that is down makes the next refresh say so,
 * naming the proxy; `http.noProxy` sends requests straight again; all without a reload. And the
 * certificates VS Code trusts: a company root named by NODE_EXTRA_CA_CERTS (set by the harness, see
 * test/vscode/companyRoot.ts) is trusted, a root no one installed is refused with advice.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { WorkspaceNode } from '../../src/tree/nodes';
import { startEmulator, type Emulator } from '../emulator/index';
import { startCountingProxy, type CountingProxy } from '../support/countingProxy';
import { makeThrowawayCa } from '../support/throwawayCa';
import { COMPANY_ROOT_DIR } from '../vscode/companyRoot';
import { activateExtension, setApiBaseUrl, waitFor } from './support/extension';
import { isWorkspace } from './support/nodes';
import { signInAs } from './support/signInAs';
import { TestUi } from './support/testUi';
import { deadPort } from '../support/deadPort';

const USER = 'suiteuser';
const PASSWORD = 'suite-proxy-pw-1';

/**
 * Sets an `http.*` setting and waits until the extension host has it: update() may settle before
 * the change reaches the extension host, whose change event the extension follows.
 */
async function setHttp(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('http').update(key, value, vscode.ConfigurationTarget.Global);
  const wanted = JSON.stringify(value);
  await waitFor(`http.${key} in the extension host`, () => JSON.stringify(vscode.workspace.getConfiguration('http').inspect(key)?.globalValue) === wanted);
}


describe('Network settings (http.proxy, http.noProxy)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let proxy: CountingProxy;
  let guarded: CountingProxy;
  let api: ExtensionApi;
  let ui: TestUi;

  async function roots(): Promise<WorkspaceNode[]> {
    return (await api.tree.getChildren()).filter(isWorkspace);
  }

  before(async () => {
    emu = await startEmulator({ seed: 5 });
    proxy = await startCountingProxy();
    guarded = await startCountingProxy({ credentials: { user: USER, password: PASSWORD } });
    api = await activateExtension();
    await setApiBaseUrl(emu.baseUrl);
  });
  beforeEach(() => {
    emu.reset();
    proxy.reset();
    guarded.reset();
    ui = new TestUi(api);
  });
  afterEach(async () => {
    ui.dispose();
    await api.session.signOut();
    for (const key of ['proxy', 'noProxy', 'proxyAuthorization']) await setHttp(key, undefined);
  });
  after(async () => {
    await setApiBaseUrl(undefined);
    await Promise.all([proxy.close(), guarded.close(), emu.close()]);
  });

  it('loads the tree through http.proxy, which sees the requests', async () => {
    await setHttp('proxy', proxy.url);
    await signInAs(api, emu.tokens.admin);
    assert.equal((await roots()).length, 3);
    assert.ok(proxy.passed >= 1, 'the proxy let requests through');
    assert.deepEqual(new Set(proxy.targets), new Set([new URL(emu.baseUrl).host]));
    assert.ok(api.logger.recent.some((line) => line.includes(` via ${proxy.url}`)), 'the log says which proxy each request went through');
    const route = `Requests to ${new URL(emu.baseUrl).host} go through the proxy ${proxy.url} (from http.proxy).`;
    assert.ok(api.logger.recent.includes(`info ${route}`), `the log says: ${route}`);
  });

  it('says the proxy when it is down, at the next refresh, without a reload', async () => {
    await setHttp('proxy', proxy.url);
    await signInAs(api, emu.tokens.admin);
    assert.equal((await roots()).length, 3);
    const port = await deadPort();
    await setHttp('proxy', `http://${USER}:${PASSWORD}@127.0.0.1:${port}`);
    await ui.command('asana.refresh');
    // Reads are retried with backoff before the refresh gives up.
    // The view sets its message when it asks for its rows, as VS Code does after a refresh.
    const message = await waitFor(
      'the refresh error',
      async () => {
        await roots();
        return api.treeView.message?.includes('proxy') && api.treeView.message;
      },
      40_000,
    );
    assert.match(message, new RegExp(`Refresh failed, showing the last loaded data .*Could not reach Asana through the proxy http://127\\.0\\.0\\.1:${port}: connect ECONNREFUSED`));
    assert.ok(!message.includes(PASSWORD), 'no password in the message');
    assert.ok(!api.logger.recent.some((line) => line.includes(PASSWORD)), 'no password in the log');
    assert.equal((await roots()).length, 3, 'the old data stays');
  });

  it('authenticates to the proxy with http.proxyAuthorization, and says 407 without it', async () => {
    await setHttp('proxy', guarded.url);
    await signInAs(api, emu.tokens.admin).then(
      () => assert.fail('signing in through a proxy that wants credentials cannot work'),
      (e: unknown) => assert.match(String(e), new RegExp(`through the proxy ${guarded.url.replace(/\./g, '\\.')}: 407 Proxy Authentication Required`)),
    );
    await setHttp('proxyAuthorization', `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
    await signInAs(api, emu.tokens.admin);
    assert.equal((await roots()).length, 3);
    assert.ok(guarded.passed >= 1);
  });

  it('goes straight to hosts in http.noProxy', async () => {
    await setHttp('proxy', `http://127.0.0.1:${await deadPort()}`);
    await setHttp('noProxy', ['127.0.0.1']);
    await signInAs(api, emu.tokens.admin);
    assert.equal((await roots()).length, 3);
    assert.equal(proxy.passed, 0);
    assert.ok(emu.counters.total > 0, 'the requests reached Asana straight');
  });

  it('follows http.proxy set after signing in, from the next refresh on', async () => {
    await signInAs(api, emu.tokens.admin);
    assert.equal((await roots()).length, 3);
    assert.equal(proxy.passed, 0);
    await setHttp('proxy', proxy.url);
    await ui.command('asana.refresh');
    await waitFor('requests through the proxy', () => proxy.passed > 0);
    assert.equal((await roots()).length, 3);
  });
});

describe('Certificates (a company root in NODE_EXTRA_CA_CERTS)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  async function roots(): Promise<WorkspaceNode[]> {
    return (await api.tree.getChildren()).filter(isWorkspace);
  }

  /** The emulator over https with the given server key and certificate, as the API the extension uses. */
  async function httpsAsana(tls: { key: string; cert: string }): Promise<Emulator> {
    const emu = await startEmulator({ seed: 5, tls });
    assert.match(emu.baseUrl, /^https:\/\/127\.0\.0\.1:/);
    await setApiBaseUrl(emu.baseUrl);
    return emu;
  }

  before(async () => {
    api = await activateExtension();
  });
  afterEach(async () => {
    await api.session.signOut();
    await setApiBaseUrl(undefined);
  });

  it('loads the tree from a server whose certificate the company root signed', async () => {
    const dir = process.env[COMPANY_ROOT_DIR];
    assert.ok(dir && process.env['NODE_EXTRA_CA_CERTS'], 'the harness starts the extension host with a company root in NODE_EXTRA_CA_CERTS');
    const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
    const emu = await httpsAsana({ key: read('server-key.pem'), cert: read('server-cert.pem') });
    try {
      await signInAs(api, emu.tokens.admin);
      assert.equal((await roots()).length, 3);
      assert.ok(emu.counters.total > 0, 'the requests reached the https server');
    } finally {
      await emu.close();
    }
  });

  it('refuses a certificate from a root this machine does not trust, and says what to do', async () => {
    const stranger = makeThrowawayCa('Root No One Installed');
    const emu = await httpsAsana({ key: stranger.key, cert: stranger.cert });
    try {
      const refusal = await signInAs(api, emu.tokens.admin).then(
        () => assert.fail('a certificate from an unknown root cannot be trusted'),
        (e: unknown) => String(e),
      );
      assert.match(refusal, /the server's certificate is not trusted/);
      assert.match(refusal, /NODE_EXTRA_CA_CERTS/);
      assert.equal(emu.counters.total, 0, 'no request got through');
    } finally {
      await emu.close();
    }
  });
});
