/**
 * The client's connections, counted by a TCP relay in front of the emulator: kept-alive
 * connections carry call after call, and they are closed when the client is disposed or its network
 * settings change (an idle socket left open would hold the extension host and the server).
 * And a response that declares a body over the limit is refused before any of the body is read.
 */
import * as assert from 'node:assert/strict';
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { BodyTooLargeError, Transport } from '../../../src/asana/transport';
import { clientBench } from '../../helpers/clientBench';

/** Pipes each connection to the emulator, and counts the connections opened and still open. */
class Relay {
  opened = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  baseUrl = '';

  constructor(private readonly target: URL) {
    this.server = createServer((socket) => {
      this.opened++;
      this.sockets.add(socket);
      const up = new Socket();
      up.connect(Number(this.target.port), this.target.hostname);
      socket.pipe(up).pipe(socket);
      const end = (): void => {
        this.sockets.delete(socket);
        socket.destroy();
        up.destroy();
      };
      socket.on('close', end).on('error', end);
      up.on('close', end).on('error', end);
    });
  }

  get open(): number {
    return this.sockets.size;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${this.target.pathname}`;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Waits for the relay to see every connection closed; fails when one is still open after `ms`. */
async function allClosed(relay: Relay, ms = 2_000): Promise<void> {
  const until = Date.now() + ms;
  while (relay.open > 0) {
    if (Date.now() > until) assert.fail(`${relay.open} connection(s) still open`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('AsanaClient connections', function () {
  this.timeout(20_000);
  const bench = clientBench({ seed: 37, sizes: { bigWorkspaceMembers: 20 } });
  let relay: Relay;
  beforeEach(async () => {
    relay = new Relay(new URL(bench.emu.baseUrl));
    await relay.start();
  });
  afterEach(() => relay.close());

  it('carries call after call on its kept-alive connections, not a new one per call', async () => {
    const c = bench.client({ baseUrl: relay.baseUrl });
    for (let i = 0; i < 3; i++) {
      await c.getMe();
      await c.getWorkspace(bench.acme);
    }
    // A second one may open while undici still counts the first as busy with the answer just read.
    assert.ok(relay.opened <= 2, `${relay.opened} connections for six calls`);
  });

  it('closes its connections when disposed, and a second dispose is harmless', async () => {
    const c = bench.client({ baseUrl: relay.baseUrl });
    await c.getMe();
    assert.equal(relay.open, 1);
    await c.dispose();
    await allClosed(relay);
    await c.dispose();
  });

  it('closes its old connection when the network settings change, and opens a new one for the next call', async () => {
    const c = bench.client({ baseUrl: relay.baseUrl });
    await c.getMe();
    await c.useNetwork({});
    await allClosed(relay);
    await c.getMe();
    assert.equal(relay.opened, 2);
  });
});

describe('Transport', function () {
  this.timeout(20_000);
  let server: Server;
  const sockets = new Set<Socket>();
  let url: URL;
  before(async () => {
    // Declares a body of 100 MB and sends none of it: only a transport that believes the header stops at once.
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/1.0/users/me`);
  });
  after(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('refuses a body declared over the limit without waiting for it, naming the limit and the status', async () => {
    const transport = new Transport({ connections: 1, maxResponseBytes: 1_000 });
    try {
      const e: unknown = await transport.send({ url, method: 'GET', headers: {}, signal: AbortSignal.timeout(5_000) }).then(
        () => assert.fail('expected the body to be refused'),
        (error: unknown) => error,
      );
      assert.ok(e instanceof BodyTooLargeError, String(e));
      assert.equal(e.name, 'BodyTooLargeError');
      assert.equal(e.message, 'the response is larger than 1000 bytes');
      assert.equal(e.limitBytes, 1_000);
      assert.equal(e.status, 200);
    } finally {
      await transport.close();
    }
  });
});
