/**
 * What a person reads when a request got no answer: which proxy refused and how, a certificate not
 * trusted here, or a plain network failure; whether trying again can help; nothing secret.
 * The same failures against a real proxy and an https emulator: proxy.test.ts, certificates.test.ts.
 */
import * as assert from 'node:assert/strict';
import { describeConnectionFailure } from '../../../src/asana/connectionFailure';
import { redact } from '../../../src/asana/redact';
import { PROXY_REFUSED, ProxyError, provablyNotSent } from '../../../src/asana/transport';
import { english, format, useTranslator, type L10nArg, type Translator } from '../../../src/util/l10n';

const PROXY = 'http://proxy.corp:3128';
const coded = (message: string, code: string): Error => Object.assign(new Error(message), { code });
const refused = (status: number): ProxyError => new ProxyError(PROXY, status, new Error(`Proxy response (${status}) !== 200 when HTTP Tunneling`));

describe('connection failures', () => {
  it('name the proxy and its answer when it refused the tunnel', () => {
    assert.deepEqual(describeConnectionFailure(refused(407), []), {
      what: ` through the proxy ${PROXY}: 407 Proxy Authentication Required`,
      advice: "Check the proxy's user name and password.",
      lasting: true,
    });
    assert.deepEqual(describeConnectionFailure(refused(403), []), {
      what: ` through the proxy ${PROXY}: 403 Forbidden`,
      advice: 'Check the proxy settings and try again.',
      lasting: true,
    });
    assert.deepEqual(describeConnectionFailure(refused(502), []), {
      what: ` through the proxy ${PROXY}: 502 Bad Gateway`,
      advice: 'Check the proxy settings and try again.',
      lasting: false,
    });
    assert.equal(describeConnectionFailure(refused(499), []).lasting, true, 'the last 4xx is lasting');
    assert.equal(describeConnectionFailure(refused(500), []).lasting, false, 'the first 5xx may pass');
    assert.equal(describeConnectionFailure(refused(599), []).what, ` through the proxy ${PROXY}: 599 Unknown Status`);
  });

  it('name the proxy when it could not be reached, with the socket error', () => {
    const e = new ProxyError(PROXY, undefined, coded('connect ECONNREFUSED 10.0.0.1:3128', 'ECONNREFUSED'));
    assert.deepEqual(describeConnectionFailure(e, []), {
      what: ` through the proxy ${PROXY}: connect ECONNREFUSED 10.0.0.1:3128`,
      advice: 'Check the proxy settings and your connection, then try again.',
      lasting: false,
    });
  });

  it('say the certificate is not trusted, straight or through a proxy, for every certificate code', () => {
    const advice =
      "If your network inspects TLS traffic, its root certificate must be trusted: add it to the system's certificates or to the file NODE_EXTRA_CA_CERTS names.";
    const straight = describeConnectionFailure(coded('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN'), []);
    assert.deepEqual(straight, { what: `: the server's certificate is not trusted (self-signed certificate in certificate chain)`, advice, lasting: true });
    const node24 = coded('unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.equal(describeConnectionFailure(node24, []).what, ": the server's certificate is not trusted (unable to verify the first certificate)", "Node's hint about its command line is left out");
    const viaProxy = describeConnectionFailure(new ProxyError(PROXY, undefined, coded('certificate has expired', 'CERT_HAS_EXPIRED')), []);
    assert.deepEqual(viaProxy, { what: ` through the proxy ${PROXY}: the server's certificate is not trusted (certificate has expired)`, advice, lasting: true });
    for (const code of [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'UNABLE_TO_GET_ISSUER_CERT',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'CERT_UNTRUSTED',
      'CERT_HAS_EXPIRED',
      'CERT_NOT_YET_VALID',
      'CERT_REVOKED',
      'CERT_SIGNATURE_FAILURE',
      'ERR_TLS_CERT_ALTNAME_INVALID',
    ]) {
      assert.equal(describeConnectionFailure(coded('x', code), []).lasting, true, code);
      assert.equal(provablyNotSent(coded('x', code)), true, `${code}: the request is sent only after the handshake`);
    }
  });

  it('keep the plain wording for other failures, which may pass', () => {
    assert.deepEqual(describeConnectionFailure(coded('socket hang up', 'ECONNRESET'), []), {
      what: ' (socket hang up)',
      advice: 'Check your connection and try again.',
      lasting: false,
    });
    assert.equal(describeConnectionFailure('a string', []).what, ' (a string)');
  });

  it('leave secrets out of what they quote', () => {
    const e = new ProxyError(PROXY, undefined, new Error('bad header: proxy-authorization: Basic c2VjcmV0OnB3 and pw hunter2hunter2'));
    assert.equal(
      describeConnectionFailure(e, ['hunter2hunter2']).what,
      ` through the proxy ${PROXY}: bad header: proxy-authorization: [redacted]`,
    );
    assert.equal(describeConnectionFailure(new Error('to http://ada:pw@proxy:1/ failed'), []).what, ' (to http://[redacted]@proxy:1/ failed)');
  });

  it('count a refused tunnel as never sent, and carry its code', () => {
    assert.equal(refused(407).code, PROXY_REFUSED);
    assert.equal(provablyNotSent(refused(407)), true);
    const unreachable = new ProxyError(PROXY, undefined, coded('connect ECONNREFUSED', 'ECONNREFUSED'));
    assert.equal(unreachable.code, undefined);
    assert.equal(provablyNotSent(unreachable), true, "the cause's code counts");
    assert.equal(provablyNotSent(new ProxyError(PROXY, undefined, coded('reset', 'ECONNRESET'))), false);
    assert.equal(refused(407).name, 'ProxyError');
    assert.equal(refused(407).message, `request through the proxy ${PROXY} failed`);
    assert.equal(refused(407).status, 407);
  });

  describe('in the display language', () => {
    afterEach(() => useTranslator(english));

    it('look the proxy phrase up under its message/comment key, as VS Code does', () => {
      // What `l10n-dev export` writes for the comment form, and the key vscode.l10n.t looks it up by:
      // without its comment the phrase would silently stay English in every translation.
      const key = ' through the proxy {0}/Completes "Could not reach Asana…"; starts with a space.';
      const bundle: Record<string, string> = { [key]: ' über den Proxy {0}' };
      useTranslator(((m: string | { message: string; args?: L10nArg[]; comment?: string | string[] }, ...a: L10nArg[]) => {
        if (typeof m === 'string') return format(bundle[m] ?? m, ...a);
        const comment = [m.comment ?? ''].flat().join('');
        return format(bundle[comment ? `${m.message}/${comment}` : m.message] ?? m.message, ...(m.args ?? []));
      }) as Translator);
      assert.equal(describeConnectionFailure(refused(407), []).what, ` über den Proxy ${PROXY}: 407 Proxy Authentication Required`);
    });
  });

  it('redact credentials in any URL', () => {
    assert.equal(redact('via https://user:p%40ss@proxy.corp:8443/x and ftp://a:b@c'), 'via https://[redacted]@proxy.corp:8443/x and ftp://[redacted]@c');
    assert.equal(redact('mail ada@acme.test at http://proxy:1'), 'mail ada@acme.test at http://proxy:1');
  });
});
