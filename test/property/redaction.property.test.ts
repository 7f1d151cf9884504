/**
 * Security properties of the client in plain Node: redaction of the token wherever it could be
 * echoed, header redaction, the base-URL rule (https, or http to loopback only), and a check that
 * the client never logs request headers (the Authorization header) at any log level, through
 * successful calls and failures alike.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { AsanaClient } from '../../src/asana/client';
import { parseBaseUrl } from '../../src/asana/baseUrl';
import { InvalidInputError } from '../../src/asana/errors';
import { collect } from '../../src/asana/pagination';
import { redact, redactHeaders, SECRET_HEADERS } from '../../src/asana/redact';
import { startEmulator, type Emulator } from '../emulator/index';
import { RecordingLogger } from '../helpers/recordingLogger';
import { check, count } from './runs';

/** Tokens as Asana issues them, and tokens with any printable non-space characters (a proxy's, a future format). */
const realisticToken = fc.stringMatching(/^[0-9]\/[0-9]{16}\/[0-9]{16}:[0-9a-f]{32}$/);
const oddToken = fc.string({ unit: fc.constantFrom(...'abcXYZ019/:._-,;"\'=}{[]\\|!$%&*+~`^'), minLength: 8, maxLength: 40 });
const anyToken = fc.oneof(realisticToken, oddToken);

const ECHO_FORMATS: ReadonlyArray<readonly [string, (t: string) => string, string]> = [
  ['bare', (t) => `token ${t} here`, 'token [redacted] here'],
  ['Bearer', (t) => `Bearer ${t}`, 'Bearer [redacted]'],
  ['header line', (t) => `Authorization: Bearer ${t}`, 'Authorization: [redacted]'],
  ['JSON header', (t) => `{"authorization":"Bearer ${t}"}`, '{"authorization":"[redacted]"}'],
];

describe('Property: the token is redacted wherever it could appear', function () {
  this.timeout(120_000);

  it('redact(text, [token]) removes every occurrence of the token, wherever it sits', () => {
    check(
      'redact(a + token + b + token, [token]) → no token',
      fc.property(anyToken, fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), (token, a, b) => {
        const out = redact(`${a}${token}${b}${token}`, [token]);
        assert.ok(!out.includes(token), JSON.stringify(out));
      }),
      2_000,
    );
  });

  it('redact(echo of the Authorization header, [token]) leaves no piece of the token, whatever its characters', () => {
    check(
      'redact(Bearer/Authorization echoes, [token]) → exact redacted form',
      fc.property(anyToken, fc.nat({ max: ECHO_FORMATS.length - 1 }), (token, k) => {
        const [label, format, expected] = ECHO_FORMATS[k]!;
        assert.equal(redact(format(token), [token]), expected, `${label} with token ${JSON.stringify(token)}`);
      }),
      2_000,
    );
  });

  it('redact(text) without knowing the token still hides Bearer values and Authorization headers', () => {
    check(
      'redact(Bearer <realistic token>) with no secrets → hidden',
      fc.property(realisticToken, fc.nat({ max: ECHO_FORMATS.length - 1 }).filter((k) => k > 0), (token, k) => {
        const out = redact(ECHO_FORMATS[k]![1](token));
        assert.ok(!out.includes(token.split(':')[1]!), out);
      }),
      1_000,
    );
  });

  it('redactHeaders hides Authorization, Cookie and Set-Cookie in any case, and keeps the rest', () => {
    const headerName = fc.oneof(
      fc.constantFrom('authorization', 'cookie', 'set-cookie').chain((n) => fc.mixedCase(fc.constant(n))),
      fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/).filter((n) => !SECRET_HEADERS.has(n)),
    );
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), fc.constant(undefined));
    check(
      'redactHeaders(any headers) → secrets hidden, others kept',
      fc.property(fc.dictionary(headerName, value, { maxKeys: 6 }), anyToken, (headers, token) => {
        const withAuth = { ...headers, Authorization: `Bearer ${token}` };
        const out = redactHeaders(withAuth);
        assert.ok(!JSON.stringify(out).includes(token));
        for (const [name, v] of Object.entries(withAuth)) {
          if (v === undefined) assert.ok(!(name in out));
          else if (SECRET_HEADERS.has(name.toLowerCase())) assert.equal(out[name], '[redacted]');
          else assert.equal(out[name], Array.isArray(v) ? v.join(', ') : v);
        }
      }),
      1_000,
    );
  });
});

describe('Property: the API base URL cannot send the token in the clear or elsewhere by accident', function () {
  const publicHost = fc.oneof(fc.domain(), fc.ipV4().filter((ip) => !ip.startsWith('127.')), fc.constantFrom('localhost.evil.test', '127.0.0.1.nip.io', 'app.asana.com', '[2001:db8::1]'));

  it('plain http is refused for any host but loopback', () => {
    check(
      'parseBaseUrl(http://public-host/…) → refused',
      fc.property(publicHost, fc.webPath(), (host, p) => {
        assert.throws(() => parseBaseUrl(`http://${host}${p}`), (e: unknown) => e instanceof InvalidInputError && /https/.test(e.message));
      }),
      1_000,
    );
  });

  it('https anywhere and http to loopback are accepted; credentials, queries and fragments never', () => {
    check(
      'parseBaseUrl(https | http loopback) → accepted; userinfo/query/fragment → refused',
      fc.property(
        fc.oneof(publicHost.map((h) => `https://${h}`), fc.constantFrom('http://localhost', 'http://127.0.0.1', 'http://127.8.9.10', 'http://[::1]').chain((o) => fc.option(fc.integer({ min: 1, max: 65535 })).map((port) => (port ? `${o}:${port}` : o)))),
        fc.webPath(),
        fc.constantFrom('', 'user:pass@', 'token@'),
        fc.constantFrom('', '?x=1', '#frag'),
        (origin, p, userinfo, tail) => {
          const url = userinfo ? origin.replace('://', `://${userinfo}`) : origin;
          const text = `${url}${p}${tail}`;
          if (userinfo || tail) {
            assert.throws(() => parseBaseUrl(text), InvalidInputError);
            return;
          }
          const parsed = parseBaseUrl(text);
          assert.ok(parsed.protocol === 'https:' || ['localhost', '[::1]'].includes(parsed.hostname) || parsed.hostname.startsWith('127.'));
          assert.ok(!parsed.pathname.endsWith('/') || parsed.pathname === '/');
        },
      ),
      1_000,
    );
  });
});

describe('The client never logs request headers', function () {
  this.timeout(60_000);
  let emu: Emulator;

  before(async () => {
    emu = await startEmulator({ seed: 29, sizes: { bigWorkspaceMembers: 120 } });
  });
  after(() => emu?.close());

  it('no log line at any level carries the token or an Authorization header, through successes and failures', async () => {
    const log = new RecordingLogger();
    const client = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl, logger: log, timeoutMs: 300, retryBaseMs: 5, retryMaxMs: 10 });
    const acme = emu.state.seedInfo.workspaces.acme;
    try {
      const ignore = () => undefined;
      await client.getMe();
      await client.listWorkspaces();
      await collect(client.workspaceMembershipPages(acme, { pageSize: 50 }));
      await client.typeaheadUsers(acme, 'a');
      emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 500, times: 2 });
      emu.faults.add({ route: 'GET /workspaces/{workspace_gid}', kind: 'reset-mid-body', times: 1 });
      emu.faults.add({ route: 'GET /workspaces/{workspace_gid}/typeahead', kind: 'status', status: 429, retryAfter: '0', times: 2 });
      emu.faults.add({ route: 'PUT /workspaces/{workspace_gid}', kind: 'hang', times: 1 });
      emu.faults.add({ route: 'POST /workspaces/{workspace_gid}/addUser', kind: 'drop', times: 1 });
      emu.faults.add({ route: 'GET /users/{user_gid}', kind: 'malformed-json', times: 1 });
      await client.listWorkspaces();
      await client.getWorkspace(acme);
      await client.typeaheadUsers(acme, 'b');
      await client.renameWorkspace(acme, 'Renamed').catch(ignore);
      await client.addUser(acme, 'someone.new@acme.test').catch(ignore);
      await client.getMe().catch(ignore);
      const bad = new AsanaClient({ token: emu.tokens.invalid, baseUrl: emu.baseUrl, logger: log });
      await bad.listWorkspaces().catch(ignore);
      await bad.dispose();
      const unreachable = new AsanaClient({ token: emu.tokens.admin, baseUrl: 'http://127.0.0.1:9/api/1.0', logger: log, maxReadRetries: 1, retryBaseMs: 1 });
      await unreachable.listWorkspaces().catch(ignore);
      await unreachable.dispose();
    } finally {
      await client.dispose();
    }
    count('log lines checked for the token', log.lines.length);
    assert.ok(log.lines.some((l) => l.startsWith('debug ')), 'debug logging was on');
    assert.ok(log.lines.some((l) => /retrying/.test(l)), 'failures were logged');
    for (const line of log.lines) {
      assert.ok(!line.includes(emu.tokens.admin) && !line.includes(emu.tokens.invalid), `token in: ${line}`);
      assert.ok(!/authorization|bearer/i.test(line), `a header in: ${line}`);
    }
  });

  it('no logger call in src/ is handed request headers (a static check)', () => {
    const root = path.resolve(__dirname, '../../../src');
    const files = (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.ts'));
    const offenders: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      // Any call of a logging method whose arguments (up to the closing of the statement) mention headers.
      for (const m of text.matchAll(/\.(trace|debug|info|warn|error|appendLine|append)\(([^;]*?)\);/gs)) {
        if (/headers|authorization/i.test(m[2]!)) offenders.push(`${file}: ${m[0].slice(0, 120)}`);
      }
    }
    assert.ok(files.length > 20, `scanned ${files.length} files`);
    assert.deepEqual(offenders, []);
  });
});
