/**
 * What the client puts on the wire, seen by a recording proxy in front of the emulator: headers
 * (the emulator ignores the ones it does not need, so only a recorder can hold them to account),
 * the JSON body of a write, and a query without empty parameters.
 */
import * as assert from 'node:assert/strict';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AsanaClient, type AsanaClientOptions } from '../../../src/asana/client';
import { MEMBERSHIP_FIELDS, optFields, TYPEAHEAD_FIELDS, WORKSPACE_FIELDS } from '../../../src/asana/fields';
import { collect } from '../../../src/asana/pagination';
import { startEmulator, type Emulator } from '../../emulator/index';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Forwards every request to the emulator unchanged and keeps a copy of it. */
class RecordingProxy {
  readonly seen: Seen[] = [];
  private readonly server: Server;
  baseUrl = '';

  constructor(private readonly target: URL) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: body.toString('utf8') });
        const upstream = request(
          { host: this.target.hostname, port: this.target.port, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', () => res.destroy());
        upstream.end(body);
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${this.target.pathname}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('AsanaClient on the wire', function () {
  this.timeout(20_000);
  let emu: Emulator;
  let proxy: RecordingProxy;
  let acme: string;
  const clients: AsanaClient[] = [];

  function client(opts: Partial<AsanaClientOptions> = {}): AsanaClient {
    const c = new AsanaClient({ token: emu.tokens.admin, baseUrl: proxy.baseUrl, retryBaseMs: 1, retryMaxMs: 1, ...opts });
    clients.push(c);
    return c;
  }

  before(async () => {
    emu = await startEmulator({ seed: 23, sizes: { bigWorkspaceMembers: 30 } });
    acme = emu.state.seedInfo.workspaces.acme;
    proxy = new RecordingProxy(new URL(emu.baseUrl));
    await proxy.start();
  });
  beforeEach(() => {
    emu.reset();
    proxy.seen.length = 0;
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  after(async () => {
    await proxy.close();
    await emu.close();
  });

  it('a read carries the token, asks for JSON, names the client, and has no body or content type', async () => {
    await client().getWorkspace(acme);
    const [read] = proxy.seen;
    assert.ok(read);
    assert.equal(read.method, 'GET');
    assert.equal(read.url, `/api/1.0/workspaces/${acme}?opt_fields=name%2Cis_organization%2Cemail_domains`);
    assert.equal(read.headers.authorization, `Bearer ${emu.tokens.admin}`);
    assert.equal(read.headers.accept, 'application/json');
    assert.equal(read.headers['user-agent'], 'asana-workspaces-vscode');
    assert.equal(read.headers['content-type'], undefined);
    assert.equal(read.body, '');
  });

  it('a write sends its fields inside "data", as JSON that says so', async () => {
    await client({ userAgent: 'test-agent/1.0' }).addUser(acme, 'wire@acme.test');
    const [write] = proxy.seen;
    assert.ok(write);
    assert.equal(write.method, 'POST');
    assert.equal(write.url, `/api/1.0/workspaces/${acme}/addUser?opt_fields=name%2Cemail`);
    assert.equal(write.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(write.headers['user-agent'], 'test-agent/1.0');
    assert.deepEqual(JSON.parse(write.body), { data: { user: 'wire@acme.test' } });
  });

  it('names the fields it wants even where Asana’s default record holds them, and the typeahead’s resource type', async () => {
    // Asana's default records differ from route to route and over time; opt_fields pins them down.
    const c = client();
    const [membership] = emu.state.membershipsOf(acme, { activeOnly: true });
    assert.ok(membership);
    await c.renameWorkspace(acme, 'Acme Renamed');
    await c.getWorkspaceMembership(membership.gid);
    await c.typeaheadUsers(acme, 'a');
    const queries = proxy.seen.map((s) => new URL(s.url, 'http://x').searchParams);
    assert.deepEqual(
      queries.map((q) => q.get('opt_fields')),
      [optFields(WORKSPACE_FIELDS), optFields(MEMBERSHIP_FIELDS), optFields(TYPEAHEAD_FIELDS)],
    );
    // The spec marks resource_type required (its default is user, which only some servers apply).
    assert.equal(queries[2]?.get('resource_type'), 'user');
  });

  it('leaves out query parameters that were not given, and pages with limit and offset', async () => {
    await client().getUser('me');
    assert.equal(proxy.seen[0]?.url, '/api/1.0/users/me?opt_fields=name%2Cemail%2Cworkspaces%2Cworkspaces.name');
    proxy.seen.length = 0;
    const c = client();
    await collect(c.workspaceMembershipPages(acme, { pageSize: 25 }));
    const urls = proxy.seen.map((s) => new URL(s.url, 'http://x'));
    assert.equal(urls.length, 2);
    assert.equal(urls[0]?.searchParams.get('limit'), '25');
    assert.equal(urls[0]?.searchParams.has('offset'), false);
    assert.equal(urls[0]?.searchParams.has('user'), false);
    assert.ok(urls[1]?.searchParams.get('offset'));
  });
});
