/**
 * The client behind a company proxy: a real CONNECT proxy on loopback that counts what it lets
 * through, in front of the emulator. Requests go through it when told to, authenticate to it, skip
 * it for hosts in the bypass list, and say clearly, without credentials, when it refuses them.
 */
import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { InvalidInputError, NetworkError } from '../../../src/asana/errors';
import type { NetworkSettings } from '../../../src/asana/network';
import { startEmulator, type Emulator } from '../../emulator/index';
import { RecordingLogger } from '../../helpers/recordingLogger';
import { startCountingProxy, type CountingProxy } from '../../support/countingProxy';
import { deadPort } from '../../support/deadPort';

const USER = 'proxyuser';
const PASSWORD = 'pr0xy-s3cret-pw';


describe('the client behind a proxy', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let open: CountingProxy;
  let guarded: CountingProxy;
  let log: RecordingLogger;
  const clients: AsanaClient[] = [];

  /** The emulator's `host:port`, as a CONNECT names it. */
  const emulatorHost = (): string => new URL(emu.baseUrl).host;

  function client(network: NetworkSettings, extra: { maxReadRetries?: number } = {}): AsanaClient {
    const c = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl, logger: log, retryBaseMs: 10, retryMaxMs: 20, network, ...extra });
    clients.push(c);
    return c;
  }

  async function failure(p: Promise<unknown>): Promise<NetworkError> {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof NetworkError, `a NetworkError, got ${String(e)}`);
      return e;
    }
    return assert.fail('expected the call to fail');
  }

  before(async () => {
    emu = await startEmulator({ seed: 3 });
    open = await startCountingProxy();
    guarded = await startCountingProxy({ credentials: { user: USER, password: PASSWORD } });
  });
  beforeEach(() => {
    emu.reset();
    open.reset();
    guarded.reset();
    log = new RecordingLogger();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    assert.ok(!log.text.includes(PASSWORD), 'the proxy password is in no log line');
  });
  after(async () => {
    await Promise.all([open.close(), guarded.close(), emu.close()]);
  });

  it('goes straight to the server when no proxy is set', async () => {
    const workspaces = await client({}).listWorkspaces();
    assert.equal(workspaces.length, 3);
    assert.equal(open.passed, 0);
    assert.doesNotMatch(log.text, / via /);
  });

  it('goes through http.proxy, tunnelling to the server, and logs which proxy', async () => {
    const c = client({ proxy: open.url });
    assert.equal((await c.listWorkspaces()).length, 3);
    await c.getMe();
    assert.ok(open.passed >= 1);
    assert.deepEqual(new Set(open.targets), new Set([emulatorHost()]), 'CONNECTs to the emulator only');
    assert.ok(emu.counters.total >= 2);
    assert.match(log.text, new RegExp(`GET /api/1\\.0/workspaces\\S* → 200 in \\d+ ms via ${open.url.replace(/\./g, '\\.')}`));
  });

  it('uses HTTP_PROXY from the environment when http.proxy is not set', async () => {
    await client({ env: { HTTP_PROXY: open.url } }).getMe();
    assert.equal(open.passed, 1);
  });

  it('prefers http.proxy to the environment', async () => {
    const dead = `http://127.0.0.1:${await deadPort()}`;
    await client({ proxy: open.url, env: { HTTP_PROXY: dead, HTTPS_PROXY: dead } }).getMe();
    assert.equal(open.passed, 1);
  });

  it('is refused by a proxy that wants credentials: 407, said plainly, not retried', async () => {
    const e = await failure(client({ proxy: guarded.url }, { maxReadRetries: 3 }).getMe());
    assert.equal(e.message, `Could not reach Asana through the proxy ${guarded.url}: 407 Proxy Authentication Required. Check the proxy's user name and password.`);
    assert.equal(e.kind, 'network');
    assert.equal(e.transient, false);
    assert.equal(guarded.refused, 1, 'retrying cannot help: one attempt');
    assert.equal(emu.counters.total, 0, 'nothing reached Asana');
  });

  it('tells a write refused by the proxy that it was not made', async () => {
    const c = client({ proxy: guarded.url });
    const e = await failure(c.renameWorkspace('1100000000000001', 'Renamed'));
    assert.equal(e.message, `Could not reach Asana through the proxy ${guarded.url}: 407 Proxy Authentication Required. Check the proxy's user name and password.`);
    assert.equal(guarded.refused, 1);
  });

  it('authenticates with user:password in the proxy URL', async () => {
    const url = new URL(guarded.url);
    url.username = USER;
    url.password = PASSWORD;
    await client({ proxy: url.href }).getMe();
    assert.deepEqual([guarded.passed, guarded.refused], [1, 0]);
  });

  it('authenticates with http.proxyAuthorization, which wins over credentials in the URL', async () => {
    const header = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    await client({ proxy: guarded.url, proxyAuthorization: header }).getMe();
    const wrongInUrl = guarded.url.replace('http://', 'http://someone:wrong@');
    await client({ proxy: wrongInUrl, proxyAuthorization: header }).getMe();
    assert.deepEqual([guarded.passed, guarded.refused], [2, 0]);
  });

  it('keeps wrong credentials out of the message', async () => {
    const url = guarded.url.replace('http://', `http://${USER}:${PASSWORD}x@`);
    const e = await failure(client({ proxy: url }).getMe());
    assert.equal(e.message, `Could not reach Asana through the proxy ${guarded.url}: 407 Proxy Authentication Required. Check the proxy's user name and password.`);
    assert.ok(!e.message.includes(PASSWORD));
    assert.ok(!log.text.includes(`${PASSWORD}x`));
  });

  it('skips the proxy for hosts in http.noProxy', async () => {
    await client({ proxy: open.url, noProxy: ['127.0.0.1'] }).getMe();
    await client({ proxy: open.url, noProxy: [`127.0.0.1:${new URL(emu.baseUrl).port}`] }).getMe();
    assert.equal(open.passed, 0);
    assert.ok(emu.counters.total >= 2, 'the requests went straight to Asana');
  });

  it('skips the proxy for hosts in NO_PROXY, but not for others', async () => {
    await client({ env: { HTTP_PROXY: open.url, NO_PROXY: 'example.test, 127.0.0.1' } }).getMe();
    assert.equal(open.passed, 0);
    await client({ env: { HTTP_PROXY: open.url, NO_PROXY: 'example.test,localhost' } }).getMe();
    assert.equal(open.passed, 1);
  });

  it('says which proxy could not be reached, and retries a read', async () => {
    const port = await deadPort();
    const e = await failure(client({ proxy: `http://${USER}:${PASSWORD}@127.0.0.1:${port}` }, { maxReadRetries: 1 }).getMe());
    assert.equal(
      e.message,
      `Could not reach Asana through the proxy http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}. Check the proxy settings and your connection, then try again.`,
    );
    assert.equal(e.transient, true);
    assert.match(log.text, /network error, retrying in \d+ ms \(retry 1\)/);
  });

  it('refuses a proxy setting that is not an http(s) URL before sending anything', async () => {
    await assert.rejects(
      client({ proxy: `socks5://${USER}:${PASSWORD}@127.0.0.1:1080` }).getMe(),
      (e: unknown) => e instanceof InvalidInputError && e.message === 'The proxy "socks5://127.0.0.1:1080" (from http.proxy) is not usable: it must be an http:// or https:// URL.',
    );
  });

  it('follows new settings from the next request on, closing the old connections', async () => {
    const c = client({});
    await c.getMe();
    assert.equal(open.passed, 0);
    await c.useNetwork({ proxy: open.url });
    await c.getMe();
    assert.equal(open.passed, 1);
    await c.useNetwork({ proxy: open.url, noProxy: ['*'] });
    await c.getMe();
    await c.useNetwork({ proxy: open.url });
    await c.getMe();
    assert.equal(open.passed, 2, 'a new tunnel after each change: the old pool was closed');
  });

  it('lets no request out through a closed client', async () => {
    const c = client({ proxy: open.url });
    await c.dispose();
    const e = await failure(c.getMe());
    assert.equal(e.message, `Could not reach Asana (the transport is closed). Check your connection and try again.`);
    assert.equal(open.passed, 0);
  });
});
