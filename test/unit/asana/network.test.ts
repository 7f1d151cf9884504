/**
 * Which way a request goes on a company network, as VS Code decides it: `http.proxy` over the
 * environment, `http.noProxy` over NO_PROXY, credentials out of the proxy URL, and nothing secret
 * left in what may be shown. Pure rules; the proxy itself is exercised in proxy.test.ts.
 */
import * as assert from 'node:assert/strict';
import { InvalidInputError } from '../../../src/asana/errors';
import { bypassesProxy, describeRoute, noProxyEntries, parseProxy, proxySecrets, routeFor, withoutCredentials, type NetworkSettings } from '../../../src/asana/network';

const HTTPS_TARGET = new URL('https://app.asana.com/api/1.0/users/me');
const HTTP_TARGET = new URL('http://127.0.0.1:8080/api/1.0/users/me');
const basic = (userPass: string): string => `Basic ${Buffer.from(userPass).toString('base64')}`;

function proxyOf(target: URL, settings: NetworkSettings): string | undefined {
  return routeFor(target, settings).proxy?.url;
}

describe('network routes', () => {
  describe('choosing the proxy', () => {
    it('goes straight, checking certificates, when nothing is set', () => {
      assert.deepEqual(routeFor(HTTPS_TARGET, {}), { rejectUnauthorized: true });
      assert.deepEqual(routeFor(HTTPS_TARGET, { proxy: '  ', env: {} }), { rejectUnauthorized: true });
    });

    it('takes http.proxy, trimmed, and says so', () => {
      assert.deepEqual(routeFor(HTTPS_TARGET, { proxy: ' http://proxy.corp:3128 ' }), {
        proxy: { url: 'http://proxy.corp:3128', source: 'http.proxy' },
        rejectUnauthorized: true,
      });
    });

    it('prefers http.proxy to the environment', () => {
      const route = routeFor(HTTPS_TARGET, { proxy: 'http://setting:1', env: { HTTPS_PROXY: 'http://env:2', HTTP_PROXY: 'http://env:3' } });
      assert.deepEqual(route.proxy, { url: 'http://setting:1', source: 'http.proxy' });
    });

    it('uses HTTPS_PROXY for https, then HTTP_PROXY; HTTP_PROXY alone for http', () => {
      const env = { HTTPS_PROXY: 'http://secure:1', HTTP_PROXY: 'http://plain:2' };
      assert.deepEqual(routeFor(HTTPS_TARGET, { env }).proxy, { url: 'http://secure:1', source: 'HTTPS_PROXY' });
      assert.deepEqual(routeFor(HTTP_TARGET, { env }).proxy, { url: 'http://plain:2', source: 'HTTP_PROXY' });
      assert.deepEqual(routeFor(HTTPS_TARGET, { env: { HTTP_PROXY: 'http://plain:2' } }).proxy, { url: 'http://plain:2', source: 'HTTP_PROXY' });
      assert.equal(proxyOf(HTTP_TARGET, { env: { HTTPS_PROXY: 'http://secure:1' } }), undefined, 'HTTPS_PROXY is for https only');
    });

    it('reads the lower-case spelling first, and ignores blank values', () => {
      assert.equal(proxyOf(HTTPS_TARGET, { env: { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' } }), 'http://lower:1');
      assert.equal(proxyOf(HTTP_TARGET, { env: { http_proxy: 'http://lower:1', HTTP_PROXY: 'http://upper:2' } }), 'http://lower:1');
      assert.equal(proxyOf(HTTPS_TARGET, { env: { HTTPS_PROXY: '   ', HTTP_PROXY: 'http://plain:2' } }), 'http://plain:2');
      assert.equal(proxyOf(HTTPS_TARGET, { env: { https_proxy: '' } }), undefined);
    });

    it('ignores every proxy when http.proxySupport is off, and only then', () => {
      const settings = { proxy: 'http://setting:1', env: { HTTPS_PROXY: 'http://env:2' } };
      assert.equal(proxyOf(HTTPS_TARGET, { ...settings, proxySupport: 'off' }), undefined);
      for (const proxySupport of ['on', 'override', 'fallback']) assert.equal(proxyOf(HTTPS_TARGET, { ...settings, proxySupport }), 'http://setting:1');
    });

    it('relaxes certificate checks only when http.proxyStrictSSL is false', () => {
      assert.equal(routeFor(HTTPS_TARGET, { strictSSL: false }).rejectUnauthorized, false);
      assert.equal(routeFor(HTTPS_TARGET, { strictSSL: false, proxy: 'http://p:1' }).rejectUnauthorized, false);
      assert.equal(routeFor(HTTPS_TARGET, { strictSSL: true }).rejectUnauthorized, true);
    });
  });

  describe('proxy URLs', () => {
    it('take credentials out of the URL into a Basic header, decoded', () => {
      assert.deepEqual(parseProxy('http://ada:s%40cret@proxy.corp:3128', 'http.proxy'), {
        url: 'http://proxy.corp:3128',
        source: 'http.proxy',
        authorization: basic('ada:s@cret'),
      });
      assert.equal(parseProxy('http://ada@proxy:1', 'HTTPS_PROXY').authorization, basic('ada:'));
      assert.equal(parseProxy('http://:pw@proxy:1', 'HTTPS_PROXY').authorization, basic(':pw'));
    });

    it('let http.proxyAuthorization win over credentials in the URL', () => {
      assert.equal(parseProxy('http://ada:wrong@proxy:1', 'http.proxy', ' Basic abc ').authorization, 'Basic abc');
      assert.equal(parseProxy('http://proxy:1', 'http.proxy', 'Negotiate xyz').authorization, 'Negotiate xyz');
      assert.equal(parseProxy('http://ada:pw@proxy:1', 'http.proxy', '  ').authorization, basic('ada:pw'));
    });

    it('pass http.proxyAuthorization from the settings into the route', () => {
      const route = routeFor(HTTPS_TARGET, { proxy: 'http://proxy:1', proxyAuthorization: 'Basic abc' });
      assert.deepEqual(route.proxy, { url: 'http://proxy:1', source: 'http.proxy', authorization: 'Basic abc' });
    });

    it('carry no authorization when there are no credentials', () => {
      assert.ok(!('authorization' in parseProxy('http://proxy:1', 'http.proxy')));
    });

    it('are taken as http without a scheme, and may be https', () => {
      assert.equal(parseProxy('proxy.corp:3128', 'HTTPS_PROXY').url, 'http://proxy.corp:3128');
      assert.equal(parseProxy('ada:pw@proxy.corp:3128', 'HTTPS_PROXY').authorization, basic('ada:pw'));
      assert.equal(parseProxy('https://proxy.corp:8443', 'http.proxy').url, 'https://proxy.corp:8443');
      assert.equal(parseProxy('HTTP://Proxy.Corp:80/', 'http.proxy').url, 'http://proxy.corp');
    });

    it('look for a scheme only at the start: a later "://" does not make one', () => {
      assert.equal(parseProxy('proxy.corp:3128/#http://x', 'HTTPS_PROXY').url, 'http://proxy.corp:3128');
    });

    it('refuse other schemes and broken URLs, without their credentials', () => {
      assert.throws(
        () => parseProxy('socks5://ada:pw@proxy:1080', 'http.proxy'),
        (e: unknown) =>
          e instanceof InvalidInputError &&
          e.field === 'proxy' &&
          e.message === 'The proxy "socks5://proxy:1080" (from http.proxy) is not usable: it must be an http:// or https:// URL.',
      );
      assert.throws(
        () => parseProxy('http://ada:pw@proxy:99999', 'HTTPS_PROXY'),
        (e: unknown) =>
          e instanceof InvalidInputError && e.field === 'proxy' && e.message === 'The proxy "http://proxy:99999" (from HTTPS_PROXY) is not a valid URL.',
      );
      assert.throws(() => routeFor(HTTPS_TARGET, { proxy: 'ftp://proxy:21' }), InvalidInputError);
    });

    it('show without their credentials', () => {
      assert.equal(withoutCredentials('http://ada:pw@proxy:1/x'), 'http://proxy:1/x');
      assert.equal(withoutCredentials('ada:pw@proxy:1'), 'proxy:1');
      assert.equal(withoutCredentials('HTTPS://ada@proxy'), 'HTTPS://proxy');
      assert.equal(withoutCredentials('http://proxy:1/a@b'), 'http://proxy:1/a@b', 'an @ in the path is not userinfo');
      assert.equal(withoutCredentials('http://proxy:1'), 'http://proxy:1');
    });
  });

  describe('the bypass list', () => {
    const bypassed = (url: string, entries: string[]): boolean => bypassesProxy(new URL(url), entries);

    it('is http.noProxy when set, else NO_PROXY split on commas and spaces', () => {
      assert.deepEqual(noProxyEntries({ noProxy: [' a.corp ', '', 'b'], env: { NO_PROXY: 'env' } }), ['a.corp', 'b']);
      assert.deepEqual(noProxyEntries({ noProxy: [' '], env: { NO_PROXY: 'x, y z,,' } }), ['x', 'y', 'z']);
      assert.deepEqual(noProxyEntries({ env: { no_proxy: 'lower', NO_PROXY: 'upper' } }), ['lower']);
      assert.deepEqual(noProxyEntries({}), []);
    });

    it('matches a host and its subdomains, not look-alikes', () => {
      assert.equal(bypassed('https://asana.com/', ['asana.com']), true);
      assert.equal(bypassed('https://app.asana.com/', ['asana.com']), true);
      assert.equal(bypassed('https://notasana.com/', ['asana.com']), false);
      assert.equal(bypassed('https://asana.com.evil/', ['asana.com']), false);
      assert.equal(bypassed('https://APP.Asana.COM/', ['asana.COM']), true);
    });

    it('matches suffixes written .corp or *.corp, with the bare domain', () => {
      for (const entry of ['.corp', '*.corp']) {
        assert.equal(bypassed('https://git.corp/', [entry]), true, entry);
        assert.equal(bypassed('https://corp/', [entry]), true, entry);
        assert.equal(bypassed('https://incorp/', [entry]), false, entry);
      }
    });

    it('matches everything with *', () => {
      assert.equal(bypassed('https://app.asana.com/', ['other', '*']), true);
    });

    it('matches a port only when it is the target port, the scheme default included', () => {
      assert.equal(bypassed('http://127.0.0.1:8080/', ['127.0.0.1:8080']), true);
      assert.equal(bypassed('http://127.0.0.1:8081/', ['127.0.0.1:8080']), false);
      assert.equal(bypassed('https://app.asana.com/', ['asana.com:443']), true);
      assert.equal(bypassed('http://app.asana.com/', ['asana.com:80']), true);
      assert.equal(bypassed('http://app.asana.com/', ['asana.com:443']), false);
      assert.equal(bypassed('https://git.corp:8443/', ['*.corp:8443']), true);
      assert.equal(bypassed('https://git.corp/', ['.corp:8443']), false);
    });

    it('takes the host out of a .suffix:port entry, not only of *.suffix:port', () => {
      assert.equal(bypassed('https://git.corp:8443/', ['.corp:8443']), true);
    });

    it('reads a bare IPv6 address ending in digits as an address, not as host:port', () => {
      assert.equal(bypassed('http://[1:2:3:4:5:6:7:8]:8080/', ['1:2:3:4:5:6:7:8']), true);
    });

    it('matches loopback addresses as listed, IPv6 with or without brackets', () => {
      assert.equal(bypassed('http://127.0.0.1:3000/', ['127.0.0.1']), true);
      assert.equal(bypassed('http://localhost:3000/', ['localhost']), true);
      assert.equal(bypassed('http://[::1]:3000/', ['::1']), true);
      assert.equal(bypassed('http://[::1]:3000/', ['[::1]']), true);
      assert.equal(bypassed('http://[::1]:3000/', ['[::1]:3000']), true);
      assert.equal(bypassed('http://[::1]:3000/', ['[::1]:4000']), false);
      assert.equal(bypassed('http://127.0.0.1:3000/', ['localhost', '::1']), false, 'loopback is not bypassed unless listed');
    });

    it('ignores entries that are not a host, an address or a host with a port', () => {
      assert.equal(bypassed('http://[::1]:3000/', ['a[::1]']), false);
      assert.equal(bypassed('http://[::1]:3000/', ['[::1]x']), false);
      assert.equal(bypassed('http://[::1]:3000/', ['[::1]:3000x']), false);
      assert.equal(bypassed('http://host/', ['host:80x']), false);
      assert.equal(bypassed('http://host:80/', ['host:']), false);
      assert.equal(bypassed('http://corp/', ['.']), false);
    });

    it('is empty: nothing is bypassed', () => {
      assert.equal(bypassed('http://127.0.0.1/', []), false);
    });

    it('sends a listed host straight even with a proxy set', () => {
      assert.equal(proxyOf(HTTPS_TARGET, { proxy: 'http://p:1', noProxy: ['.asana.com'] }), undefined);
      assert.equal(proxyOf(HTTPS_TARGET, { env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'asana.com' } }), undefined);
      assert.equal(proxyOf(HTTPS_TARGET, { proxy: 'http://p:1', noProxy: ['other'], env: { NO_PROXY: 'asana.com' } }), 'http://p:1', 'the setting replaces NO_PROXY');
    });

    it('is not looked at when no proxy is set (a bad proxy URL is then never parsed)', () => {
      assert.deepEqual(routeFor(HTTPS_TARGET, { noProxy: ['*'] }), { rejectUnauthorized: true });
      assert.deepEqual(routeFor(HTTPS_TARGET, { proxy: 'ftp://x', noProxy: ['*'] }), { rejectUnauthorized: true });
    });
  });

  describe('the route as the log tells it', () => {
    it('says straight, or which proxy from where, with credentials or not, and never them', () => {
      assert.equal(describeRoute(HTTPS_TARGET, {}), 'Requests to app.asana.com go straight, without a proxy.');
      assert.equal(
        describeRoute(HTTPS_TARGET, { proxy: 'http://ada:pw@proxy.corp:3128' }),
        'Requests to app.asana.com go through the proxy http://proxy.corp:3128 (from http.proxy, with credentials).',
      );
      assert.equal(
        describeRoute(HTTP_TARGET, { env: { HTTP_PROXY: 'proxy.corp:3128' } }),
        'Requests to 127.0.0.1:8080 go through the proxy http://proxy.corp:3128 (from HTTP_PROXY).',
      );
    });

    it('says when certificates are not checked', () => {
      assert.equal(
        describeRoute(HTTPS_TARGET, { strictSSL: false }),
        'Requests to app.asana.com go straight, without a proxy, accepting certificates that do not verify (http.proxyStrictSSL is off).',
      );
    });

    it('says why nothing can go out with a proxy setting that is not usable', () => {
      assert.equal(
        describeRoute(HTTPS_TARGET, { proxy: 'socks5://ada:pw@proxy:1080' }),
        'Requests to app.asana.com cannot go out: The proxy "socks5://proxy:1080" (from http.proxy) is not usable: it must be an http:// or https:// URL.',
      );
    });
  });

  describe('secrets of the proxy settings', () => {
    it('are the authorization header, its credentials, and the passwords in proxy URLs, raw and decoded', () => {
      const secrets = proxySecrets({
        proxy: 'http://ada:s%40cret@p:1',
        proxyAuthorization: ' Basic QWxhZGRpbjpvcGVu ',
        env: { https_proxy: 'bob:hunter2:x@q:2', HTTP_PROXY: 'http://carol:pw3@r:3' },
      });
      assert.deepEqual(secrets, ['Basic QWxhZGRpbjpvcGVu', 'QWxhZGRpbjpvcGVu', 's%40cret', 's@cret', 'hunter2:x', 'pw3']);
    });

    it('are none without credentials, and a user name alone is not one', () => {
      assert.deepEqual(proxySecrets({}), []);
      assert.deepEqual(proxySecrets({ proxy: 'http://ada@p:1', proxyAuthorization: '  ' }), []);
    });

    it('are the credentials after any run of spaces in the authorization header', () => {
      assert.deepEqual(proxySecrets({ proxyAuthorization: 'Basic  QWxh' }), ['Basic  QWxh', 'QWxh']);
    });

    it('include the password of a proxy URL whose scheme has a digit (socks5), which is refused but still secret', () => {
      assert.deepEqual(proxySecrets({ proxy: 'socks5://ada:pw@proxy:1080' }), ['pw']);
    });

    it('come only from the userinfo at the start of a proxy URL, not from an @ in its path', () => {
      assert.deepEqual(proxySecrets({ proxy: 'http://proxy.corp:3128/x:y@z' }), []);
    });

    it('survive a password that is not valid percent-encoding', () => {
      assert.deepEqual(proxySecrets({ proxy: 'http://ada:100%@p:1' }), ['100%']);
    });
  });
});
