/**
 * A real HTTP proxy on loopback (the `proxy` package: CONNECT tunnels and plain forwarding, Basic
 * authentication) that counts what passes through it, so that tests can tell whether requests
 * went through it, and whether it refused them.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface CountingProxy {
  /** `http://127.0.0.1:port` (https with `tls`), without credentials. */
  readonly url: string;
  /** Requests let through (each CONNECT tunnel counts once, however many requests it then carries). */
  readonly passed: number;
  /** Requests answered 407 for lack of the right credentials. */
  readonly refused: number;
  /** The `host:port` of each tunnel let through, in order. */
  readonly targets: readonly string[];
  reset(): void;
  close(): Promise<void>;
}

export interface CountingProxyOptions {
  /** When set, the proxy answers 407 unless Basic credentials with this user and password come. */
  readonly credentials?: { readonly user: string; readonly password: string };
  /** Speak https to clients with this key and certificate (PEM), as some company proxies do. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export async function startCountingProxy(opts: CountingProxyOptions = {}): Promise<CountingProxy> {
  // The `proxy` package is an ES module: loaded with import(), which the CommonJS output keeps.
  const { createProxy } = await import('proxy');
  const server = createProxy(opts.tls ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }) : createServer());
  const counts = { passed: 0, refused: 0, targets: [] as string[] };
  const expected = opts.credentials ? `Basic ${Buffer.from(`${opts.credentials.user}:${opts.credentials.password}`).toString('base64')}` : undefined;
  server.authenticate = (req: IncomingMessage) => {
    const ok = expected === undefined || req.headers['proxy-authorization'] === expected;
    if (!ok) {
      counts.refused++;
      return false;
    }
    counts.passed++;
    counts.targets.push(req.url ?? '');
    return true;
  };
  // Tunnels outlive their requests (undici keeps them alive): closing the proxy ends them too.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    get passed() {
      return counts.passed;
    },
    get refused() {
      return counts.refused;
    },
    get targets() {
      return [...counts.targets];
    },
    reset() {
      counts.passed = 0;
      counts.refused = 0;
      counts.targets = [];
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
