/**
 * The whole client (undici transport, requester, retries, parsing) against servers that answer
 * with crafted bodies. The emulator has no fault kind that returns an arbitrary body, so two routes:
 * - a tiny loopback server here that answers every request with a crafted status, headers and body
 *   (valid records with hostile strings, any JSON, garbage, huge text, error envelopes echoing the
 *   Authorization header it received);
 * - the emulator's `status` fault, whose `message` and `phrase` are free text, for crafted error envelopes.
 * Whatever comes back, each call ends (bounded) in a typed result or a typed AsanaError, and the
 * token appears in no message.
 */
import * as assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { AsanaClient } from '../../src/asana/client';
import { isAsanaError } from '../../src/asana/errors';
import { collect } from '../../src/asana/pagination';
import { startEmulator, type Emulator } from '../emulator/index';
import { RecordingLogger } from '../helpers/recordingLogger';
import { within } from '../faults/table';
import { anyJson, hostileText, membership, userCompact, userWithEmail, workspace } from './arbitraries';
import { checkAsync, count } from './runs';

const TOKEN = '2/1200000000000001/1200000000000002:0123456789abcdef0123456789abcdef';
const GID = '1100000000000001';

interface Crafted {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** `%AUTH%` is replaced by the Authorization header the server received, `%TOKEN%` by the bare token. */
  readonly body: string;
}

class CraftedServer {
  private readonly server: Server;
  response: Crafted = { status: 200, headers: {}, body: '{}' };
  requests = 0;
  baseUrl = '';

  constructor() {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      req.on('end', () => {
        this.requests++;
        const auth = String(req.headers.authorization ?? '');
        const body = this.response.body.split('%AUTH%').join(auth).split('%TOKEN%').join(auth.replace(/^Bearer /, ''));
        res.writeHead(this.response.status, { 'content-type': 'application/json', ...this.response.headers });
        res.end(body);
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/1.0`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

type Op = {
  readonly label: string;
  readonly valid: fc.Arbitrary<unknown>;
  readonly call: (c: AsanaClient) => Promise<unknown>;
  /** A write: sent once, or a second time only after a 429 (Asana did not act on it). */
  readonly write?: true;
  /** A listing: up to two pages here, since every page carries the same next_page and a repeated offset stops it. */
  readonly listing?: true;
};

const OPS: readonly Op[] = [
  { label: 'list workspaces', valid: fc.array(workspace, { maxLength: 3 }), call: (c) => c.listWorkspaces(), listing: true },
  { label: 'get workspace', valid: workspace, call: (c) => c.getWorkspace(GID) },
  { label: 'rename', valid: workspace, call: (c) => c.renameWorkspace(GID, 'New Name'), write: true },
  { label: 'typeahead', valid: fc.array(userCompact, { maxLength: 3 }), call: (c) => c.typeaheadUsers(GID, 'ada') },
  { label: 'add', valid: userWithEmail, call: (c) => c.addUser(GID, 'ada@acme.test'), write: true },
  { label: 'remove', valid: fc.constant({}), call: (c) => c.removeUser(GID, 'ada@acme.test'), write: true },
  { label: 'membership', valid: membership, call: (c) => c.getWorkspaceMembership(GID) },
  { label: 'members listing', valid: fc.array(membership, { maxLength: 3 }), call: (c) => collect(c.workspaceMembershipPages(GID)), listing: true },
];

const headerText = fc.stringMatching(/^[ -~]{0,24}$/);
const status = fc.oneof(
  { weight: 3, arbitrary: fc.constant(200) },
  { weight: 2, arbitrary: fc.constantFrom(201, 204, 301, 400, 401, 402, 403, 404, 409, 429, 451, 500, 502, 503, 504) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) },
  // Often enough that writes meet 429s: the one status after which a write may be sent again.
  { weight: 1, arbitrary: fc.constant(429) },
);
const nextPage = fc.oneof(fc.constant(undefined), fc.constant(null), anyJson, fc.record({ offset: hostileText, path: fc.string(), uri: fc.string() }));

function bodyFor(op: Op): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(op.valid, nextPage).map(([data, next_page]) => JSON.stringify(next_page === undefined ? { data } : { data, next_page })) },
    { weight: 1, arbitrary: anyJson.map((data) => JSON.stringify({ data })) },
    { weight: 1, arbitrary: anyJson.map((j) => JSON.stringify(j)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
    { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 2_000_000 }).map((n) => `{"data":"${'x'.repeat(n)}"}`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(hostileText, hostileText, fc.constantFrom('%AUTH%', '%TOKEN%', 'Authorization: %AUTH%', '"authorization":"%AUTH%"', ''))
        .map(([message, phrase, echo]) => JSON.stringify({ errors: [{ message: `${message} ${echo}`, phrase: `${phrase} ${echo}`, help: echo }] })),
    },
    { weight: 1, arbitrary: fc.tuple(op.valid, fc.nat()).map(([data, cut]) => { const t = JSON.stringify({ data }); return t.slice(0, cut % (t.length + 1)); }) },
  );
}

const crafted: fc.Arbitrary<{ op: number; response: Crafted }> = fc.nat({ max: OPS.length - 1 }).chain((op) =>
  fc.record({
    op: fc.constant(op),
    response: fc.record({
      status,
      // Retry-After "0" (and its merged form) is short enough to be waited out here, so writes do get sent again after a 429.
      headers: fc.record({ 'retry-after': fc.oneof(headerText, fc.constantFrom('0', '0, 5', '+0')), 'x-extra': headerText }, { requiredKeys: [] }),
      body: bodyFor(OPS[op]!),
    }),
  }),
);

describe('Property: end to end, crafted responses', function () {
  this.timeout(180_000);

  describe('a loopback server answering with crafted bodies', () => {
    let server: CraftedServer;
    let client: AsanaClient;
    let log: RecordingLogger;

    before(async () => {
      server = new CraftedServer();
      await server.start();
      log = new RecordingLogger();
      client = new AsanaClient({
        token: TOKEN,
        baseUrl: server.baseUrl,
        logger: log,
        timeoutMs: 2_000,
        maxReadRetries: 1,
        retryBaseMs: 1,
        retryMaxMs: 2,
        maxRateLimitWaits: 1,
        maxRetryAfterMs: 20,
      });
    });
    after(async () => {
      await client?.dispose();
      await server?.close();
    });

    it('every call ends, in time, in typed data or a typed AsanaError without the token', async () => {
      await checkAsync(
        'client(crafted status/headers/body) → typed data | AsanaError, bounded, token-free',
        fc.asyncProperty(crafted, async ({ op, response }) => {
          server.response = response;
          const before = server.requests;
          let outcome: unknown;
          try {
            outcome = await within(5_000, OPS[op]!.call(client), OPS[op]!.label);
          } catch (e) {
            assert.ok(isAsanaError(e), `${OPS[op]!.label}: not a typed error: ${e instanceof Error ? e.stack : String(e)}`);
            assert.ok(e.message.length > 0 && e.message.length <= 700, `message length ${e.message.length}`);
            assert.ok(!e.message.includes(TOKEN.split(':')[1]!), `the token leaked into: ${e.message}`);
            assert.ok(!/\p{Cc}/u.test(e.message), `control characters in: ${JSON.stringify(e.message.slice(0, 200))}`);
            count(`end-to-end outcomes: ${e.kind}`);
            outcome = e;
          }
          if (!isAsanaError(outcome)) count('end-to-end outcomes: data');
          const sent = server.requests - before;
          const { label, write, listing } = OPS[op]!;
          if (write) {
            // A write is sent once, or again only after a 429: Asana refused it without acting on it.
            assert.ok(sent === 1 || (sent === 2 && response.status === 429), `${label}: sent ${sent} times after HTTP ${response.status}`);
            if (sent === 2) count('end-to-end writes sent again after a 429');
          } else {
            // A read: once, plus one retry (5xx, network, timeout) or one 429 wait; a listing does that for each of at most two pages.
            const perCall = response.status >= 500 || response.status === 429 ? 2 : 1;
            assert.ok(sent >= 1 && sent <= perCall * (listing ? 2 : 1), `${label}: ${sent} requests after HTTP ${response.status}`);
          }
          count('end-to-end requests', sent);
        }),
        400,
      );
      assert.ok(!log.text.includes(TOKEN), 'the token is not in the log');
    });
  });

  describe('the emulator with crafted error envelopes (status fault: message, phrase)', () => {
    let emu: Emulator;
    let client: AsanaClient;

    before(async () => {
      emu = await startEmulator({ seed: 23, sizes: { bigWorkspaceMembers: 20 } });
      client = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl, maxReadRetries: 0, maxRateLimitWaits: 0 });
    });
    after(async () => {
      await client?.dispose();
      await emu?.close();
    });

    it('every crafted error is a typed error of its status, with a short clean message', async () => {
      await checkAsync(
        'emulator status fault(crafted message/phrase) → typed error',
        fc.asyncProperty(fc.integer({ min: 400, max: 599 }), hostileText, hostileText, async (code, message, phrase) => {
          emu.faults.clear();
          emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: code, message, phrase, retryAfter: null });
          const e = await client.listWorkspaces().then(
            () => assert.fail('a status fault must fail the call'),
            (err: unknown) => err,
          );
          assert.ok(isAsanaError(e), String(e));
          assert.equal(e.status, code);
          assert.ok(e.message.length <= 700 && !/\p{Cc}/u.test(e.message), JSON.stringify(e.message.slice(0, 200)));
          assert.ok(!e.message.includes(emu.tokens.admin));
        }),
        150,
      );
    });
  });
});
