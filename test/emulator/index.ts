/**
 * An Asana API emulator: a real HTTP server on loopback with a seeded organization, Asana's
 * envelopes, pagination, rate limits and errors, plus fault injection and counters for tests.
 *
 *   const emu = await startEmulator({ sizes: { bigWorkspaceMembers: 300 } });
 *   await fetch(`${emu.baseUrl}/workspaces`, { headers: { Authorization: `Bearer ${emu.tokens.admin}` } });
 *   await emu.close();
 */
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RuntimeConfig } from './config';
import type { RuntimeSettings } from './config';
import { CONTROL_BASE_PATH, handleControl } from './control';
import type { ControlTarget } from './control';
import { CounterSet } from './counters';
import { FaultRegistry } from './faults';
import { sendPreflight } from './http';
import { OffsetCodec } from './pagination';
import { ConcurrencyLimiter, SlidingWindowLimiter } from './rateLimit';
import { Router } from './router';
import { API_ROUTES } from './routes';
import { changeRoster } from './roster';
import { DEFAULT_BIG_WORKSPACE_MEMBERS, DEFAULT_SEED } from './seed';
import { API_BASE_PATH, ApiHandler } from './server';
import { Store } from './state';
import type { Emulator, EmulatorOptions, RosterChangeRequest, RosterChangeResult, RuntimeOptions, SeedTokens } from './types';

export type * from './types';
export {
  DEFAULT_BIG_WORKSPACE_MEMBERS,
  DEFAULT_SEED,
  GID_BASES,
  SEED_EMAIL_DOMAINS,
  SEED_GUILD_ACTIVE_MEMBERS,
  SEED_NORTHWIND_ACTIVE_MEMBERS,
  SEED_PERSONAL_ACTIVE_MEMBERS,
  SEED_USERS,
  SEED_WORKSPACE_NAMES,
} from './seed';
export { DEFAULT_CONCURRENCY, DEFAULT_OFFSET_TTL_MS } from './config';
export { MAX_LIMIT, MAX_UNPAGINATED } from './pagination';
export { ERROR_HELP, RATE_LIMIT_MESSAGE, TOO_LARGE_MESSAGE } from './errors';
export { API_BASE_PATH } from './server';
export { CONTROL_BASE_PATH } from './control';
export { MAX_ROSTER_CHANGES, ROSTER_ROLES, RosterError } from './roster';
export { contactScore } from './typeahead';
export { WORKSPACE_USERS_CAP } from './routes/users';
export { TYPEAHEAD_DEFAULT_COUNT, TYPEAHEAD_MAX_COUNT } from './routes/typeahead';

class RunningEmulator implements ControlTarget {
  readonly faults = new FaultRegistry();
  readonly counters = new CounterSet();
  readonly state: Store;
  private readonly config: RuntimeConfig;
  private readonly offsets = new OffsetCodec();
  private readonly window = new SlidingWindowLimiter();
  private readonly api: ApiHandler;
  private readonly server: Server;
  private address = '';
  private readonly scheme: 'http' | 'https';
  private closing: Promise<void> | undefined;

  constructor(opts: EmulatorOptions) {
    const seed = opts.seed ?? DEFAULT_SEED;
    this.state = new Store(seed, opts.sizes?.bigWorkspaceMembers ?? DEFAULT_BIG_WORKSPACE_MEMBERS);
    this.config = new RuntimeConfig(opts, seed);
    this.api = new ApiHandler({
      store: this.state,
      router: new Router(API_ROUTES),
      counters: this.counters,
      faults: this.faults,
      config: this.config,
      offsets: this.offsets,
      window: this.window,
      concurrency: new ConcurrencyLimiter(),
      baseUrl: () => this.baseUrl,
    });
    const handler = (req: IncomingMessage, res: ServerResponse): void => this.dispatch(req, res);
    this.scheme = opts.tls ? 'https' : 'http';
    this.server = opts.tls ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, handler) : createServer(handler);
  }

  get origin(): string {
    return this.address;
  }

  get baseUrl(): string {
    return `${this.address}${API_BASE_PATH}`;
  }

  get tokens(): SeedTokens {
    return { ...this.state.seedTokens };
  }

  get settings(): Readonly<RuntimeSettings> {
    return this.config.settings;
  }

  async listen(host: string, port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const addr = this.server.address() as AddressInfo;
    const urlHost = addr.family === 'IPv6' || addr.address.includes(':') ? `[${addr.address}]` : addr.address;
    this.address = `${this.scheme}://${urlHost}:${addr.port}`;
  }

  configure(opts: Partial<RuntimeOptions>): void {
    this.config.apply(opts);
  }

  expireOffsets(): void {
    this.offsets.expireAll();
  }

  changeRoster(request: RosterChangeRequest): RosterChangeResult {
    return changeRoster(this.state, request);
  }

  /** Seeded data, start-up settings, no faults, zeroed counters, empty rate windows; old offsets expire. */
  reset(): void {
    this.state.reset();
    this.faults.clear();
    this.counters.reset();
    this.window.clear();
    this.config.restore();
    this.offsets.expireAll();
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // Hung requests and keep-alive sockets would otherwise hold close() open.
      this.server.closeAllConnections();
    });
    return this.closing;
  }

  private dispatch(req: IncomingMessage, res: ServerResponse): void {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (method === 'OPTIONS') {
      req.resume();
      sendPreflight(res);
      return;
    }
    const work =
      url.pathname === CONTROL_BASE_PATH || url.pathname.startsWith(`${CONTROL_BASE_PATH}/`)
        ? handleControl(this, req, res, url, method)
        : this.api.handle(req, res, url, method);
    work.catch((e: unknown) => {
      console.error('[asana-emulator] request failed:', e);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  }
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new RunningEmulator(opts);
  await emulator.listen(opts.host ?? '127.0.0.1', opts.port ?? 0);
  return emulator;
}
