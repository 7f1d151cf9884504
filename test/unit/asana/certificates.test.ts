/**
 * Trusting what VS Code trusts: the emulator served over https with a certificate from a CA made
 * for this run, as a company that inspects TLS does with its own root. Without that root the
 * client says the certificate is not trusted; with it (NODE_EXTRA_CA_CERTS, the system store) it
 * works, straight or through a proxy, and Node's own roots stay trusted.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { extraCertificates, splitPem, trustedCertificates, type TlsStore } from '../../../src/asana/certificates';
import { AsanaClient } from '../../../src/asana/client';
import { NetworkError } from '../../../src/asana/errors';
import type { NetworkSettings } from '../../../src/asana/network';
import { startEmulator, type Emulator } from '../../emulator/index';
import { RecordingLogger } from '../../helpers/recordingLogger';
import { startCountingProxy, type CountingProxy } from '../../support/countingProxy';
import { makeThrowawayCa, type ThrowawayCa } from '../../support/throwawayCa';

const UNTRUSTED =
  "Could not reach Asana: the server's certificate is not trusted (unable to verify the first certificate). If your network inspects TLS traffic, its root certificate must be trusted: add it to the system's certificates or to the file NODE_EXTRA_CA_CERTS names.";

describe('certificates', function () {
  this.timeout(30_000);

  describe('against the emulator over https', () => {
    let ca: ThrowawayCa;
    let emu: Emulator;
    let proxy: CountingProxy;
    let log: RecordingLogger;
    let folder: string;
    const clients: AsanaClient[] = [];

    function client(network: NetworkSettings): AsanaClient {
      const c = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl, logger: log, retryBaseMs: 10, retryMaxMs: 20, network });
      clients.push(c);
      return c;
    }

    before(async () => {
      ca = makeThrowawayCa();
      emu = await startEmulator({ seed: 3, tls: { key: ca.key, cert: ca.cert } });
      proxy = await startCountingProxy();
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-ca-'));
    });
    beforeEach(() => {
      emu.reset();
      proxy.reset();
      log = new RecordingLogger();
    });
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((c) => c.dispose()));
    });
    after(async () => {
      await Promise.all([proxy.close(), emu.close()]);
      fs.rmSync(folder, { recursive: true, force: true });
    });

    it('serves https at an https base URL', () => {
      assert.match(emu.baseUrl, /^https:\/\/127\.0\.0\.1:\d+\/api\/1\.0$/);
    });

    it('is refused without the CA, saying the certificate is not trusted, once', async () => {
      const c = client({});
      await assert.rejects(c.getMe(), (e: unknown) => e instanceof NetworkError && e.message === UNTRUSTED && !e.transient);
      assert.doesNotMatch(log.text, /retrying/, 'an untrusted certificate is not retried');
      assert.equal(emu.counters.total, 0, 'no request was sent');
    });

    it('works with the CA given as an extra certificate', async () => {
      const me = await client({ extraCaCerts: [ca.caCert] }).getMe();
      assert.equal(me.gid, (await client({ extraCaCerts: [ca.caCert] }).getMe()).gid);
      assert.ok(emu.counters.total >= 2);
    });

    it('works with the CA in the file NODE_EXTRA_CA_CERTS names', async () => {
      const file = path.join(folder, 'company-root.pem');
      fs.writeFileSync(file, `# company root\n${ca.caCert}`);
      const extra = extraCertificates({ env: { NODE_EXTRA_CA_CERTS: file }, systemCertificates: false, readFile: (p) => fs.readFileSync(p, 'utf8') });
      assert.deepEqual(extra, { certs: [ca.caCert.trim()], notes: [] });
      await client({ extraCaCerts: extra.certs }).getMe();
    });

    it('works without the CA when http.proxyStrictSSL is false', async () => {
      await client({ strictSSL: false }).getMe();
    });

    it('goes through HTTPS_PROXY with the CA, the tunnel to the emulator', async () => {
      await client({ env: { HTTPS_PROXY: proxy.url }, extraCaCerts: [ca.caCert] }).getMe();
      assert.deepEqual(proxy.targets, [new URL(emu.baseUrl).host]);
    });

    it('says through which proxy the certificate was not trusted', async () => {
      await assert.rejects(
        client({ proxy: proxy.url }).getMe(),
        (e: unknown) =>
          e instanceof NetworkError &&
          e.message ===
            `Could not reach Asana through the proxy ${proxy.url}: the server's certificate is not trusted (unable to verify the first certificate). If your network inspects TLS traffic, its root certificate must be trusted: add it to the system's certificates or to the file NODE_EXTRA_CA_CERTS names.`,
      );
      assert.equal(proxy.passed, 1);
    });

    it('reaches an https proxy with the same certificates, and says when it cannot trust it', async () => {
      const secureProxy = await startCountingProxy({ tls: { key: ca.key, cert: ca.cert } });
      try {
        assert.match(secureProxy.url, /^https:\/\/127\.0\.0\.1:\d+$/);
        await client({ proxy: secureProxy.url, extraCaCerts: [ca.caCert] }).getMe();
        assert.equal(secureProxy.passed, 1);
        await assert.rejects(
          client({ proxy: secureProxy.url }).getMe(),
          (e: unknown) =>
            e instanceof NetworkError &&
            e.message ===
              `Could not reach Asana through the proxy ${secureProxy.url}: the proxy's or the server's certificate is not trusted (unable to verify the first certificate). If your network inspects TLS traffic, its root certificate must be trusted: add it to the system's certificates or to the file NODE_EXTRA_CA_CERTS names.`,
        );
        assert.equal(secureProxy.passed, 1, 'the refused proxy let nothing through');
      } finally {
        await Promise.all(clients.splice(0).map((c) => c.dispose()));
        await secureProxy.close();
      }
    });

    it('asks for certificates given as a function at the first connection, once', async () => {
      let calls = 0;
      const certs = (): string[] => {
        calls++;
        return [ca.caCert];
      };
      const c = client({ extraCaCerts: certs });
      assert.equal(calls, 0, 'not when the client is made');
      await c.getMe();
      await c.listWorkspaces();
      assert.equal(calls, 1);
      await c.useNetwork({ extraCaCerts: certs });
      assert.equal(calls, 1, 'not when the settings change');
      await c.getMe();
      assert.equal(calls, 2, 'again for the new settings');
    });

    it('follows a change of certificates from the next request on', async () => {
      const c = client({});
      await assert.rejects(c.getMe(), NetworkError);
      await c.useNetwork({ extraCaCerts: [ca.caCert] });
      await c.getMe();
    });
  });

  describe('which ones are trusted', () => {
    const A = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----';
    const B = '-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----';
    const C = '-----BEGIN CERTIFICATE-----\nCCCC\n-----END CERTIFICATE-----';
    const read = (files: Record<string, string>) => (p: string): string => {
      const text = files[p];
      if (text === undefined) throw new Error(`ENOENT: no such file, open '${p}'`);
      return text;
    };
    const oldNode: TlsStore = { rootCertificates: [A] };
    const newNode: TlsStore = {
      rootCertificates: [A],
      getCACertificates: (type) => ({ default: [A, B], system: [C], bundled: [A], extra: [B] })[type],
    };

    it('splits a PEM file into its certificates, ignoring what lies between', () => {
      assert.deepEqual(splitPem(`comment\n${A}\n\nmore\r\n${B}\ntrailer`), [A, B]);
      assert.deepEqual(splitPem('no certificate here'), []);
    });

    it('reads NODE_EXTRA_CA_CERTS, trimmed, and says when it cannot', () => {
      const files = { '/ca.pem': `${A}\n${B}\n`, '/empty.pem': 'nothing' };
      assert.deepEqual(extraCertificates({ env: { NODE_EXTRA_CA_CERTS: ' /ca.pem ' }, systemCertificates: false, readFile: read(files) }), {
        certs: [A, B],
        notes: [],
      });
      assert.deepEqual(extraCertificates({ env: { NODE_EXTRA_CA_CERTS: '/empty.pem' }, systemCertificates: false, readFile: read(files) }), {
        certs: [],
        notes: ['NODE_EXTRA_CA_CERTS (/empty.pem) holds no PEM certificate.'],
      });
      assert.deepEqual(extraCertificates({ env: { NODE_EXTRA_CA_CERTS: '/missing.pem' }, systemCertificates: false, readFile: read(files) }), {
        certs: [],
        notes: ["NODE_EXTRA_CA_CERTS (/missing.pem) could not be read: ENOENT: no such file, open '/missing.pem'"],
      });
      assert.deepEqual(extraCertificates({ env: { NODE_EXTRA_CA_CERTS: '  ' }, systemCertificates: false, readFile: read(files) }), { certs: [], notes: [] });
      assert.deepEqual(extraCertificates({ env: {}, systemCertificates: false, readFile: read(files) }), { certs: [], notes: [] });
    });

    it("adds the system's certificates when asked and this Node can read them, and says when it cannot", () => {
      const files = { '/ca.pem': A };
      assert.deepEqual(extraCertificates({ env: { NODE_EXTRA_CA_CERTS: '/ca.pem' }, systemCertificates: true, readFile: read(files), tls: newNode }), {
        certs: [A, C],
        notes: [],
      });
      assert.deepEqual(extraCertificates({ env: {}, systemCertificates: false, readFile: read(files), tls: newNode }), { certs: [], notes: [] });
      assert.deepEqual(extraCertificates({ env: {}, systemCertificates: true, readFile: read(files), tls: oldNode }), {
        certs: [],
        notes: [
          `This version of Node (${process.version}) cannot read the system's certificates: Node's own roots and NODE_EXTRA_CA_CERTS are trusted.`,
        ],
      });
    });

    it("says when the system's certificates cannot be read", () => {
      const broken: TlsStore = {
        rootCertificates: [A],
        getCACertificates: () => {
          throw new Error('keychain locked');
        },
      };
      assert.deepEqual(extraCertificates({ env: {}, systemCertificates: true, readFile: read({}), tls: broken }), {
        certs: [],
        notes: ["The system's certificates could not be read: keychain locked"],
      });
    });

    it("uses this machine's node:tls by default", () => {
      const result = extraCertificates({ env: {}, systemCertificates: true, readFile: read({}) });
      const canRead = typeof (tls as TlsStore).getCACertificates === 'function';
      assert.equal(result.notes.length, canRead ? 0 : 1);
    });

    it("keeps Node's roots when there is nothing to add, else adds to them, each once", () => {
      assert.equal(trustedCertificates([], newNode), undefined);
      assert.deepEqual(trustedCertificates([C, B, C], newNode), [A, B, C], "Node's default store first, then the extra ones");
      assert.deepEqual(trustedCertificates([C], oldNode), [A, C], 'before Node 22.15, the bundled roots');
      const here = trustedCertificates([C])!;
      assert.equal(here.at(-1), C);
      assert.ok(here.length > 100 && here.includes(tls.rootCertificates[0]!), "this machine's Node roots are kept");
    });
  });
});
