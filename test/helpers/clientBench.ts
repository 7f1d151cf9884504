/**
 * What the client's rule suites stand on: one emulator per `describe`, a fresh log per test, and
 * every client a test made disposed after it. Call it inside a `describe`: it registers the hooks.
 */
import * as assert from 'node:assert/strict';
import { AsanaClient, type AsanaClientOptions } from '../../src/asana/client';
import type { AsanaError } from '../../src/asana/errors';
import { startEmulator } from '../emulator/index';
import type { Emulator, EmulatorOptions } from '../emulator/types';
import { RecordingLogger } from './recordingLogger';

export interface ClientBench {
  readonly emu: Emulator;
  /** The seeded Acme Corp workspace. */
  readonly acme: string;
  /** This test's log. */
  readonly log: RecordingLogger;
  /** A client of the admin's token on the emulator; `defaults`, then `opts`, override the usual options. */
  client(opts?: Partial<AsanaClientOptions>): AsanaClient;
}

/** Retries at once: the rules are about what is retried, not how long it waits. */
const IMMEDIATE_RETRIES: Partial<AsanaClientOptions> = { retryBaseMs: 1, retryMaxMs: 1 };

export function clientBench(emulator: EmulatorOptions, defaults: Partial<AsanaClientOptions> = IMMEDIATE_RETRIES): ClientBench {
  let emu: Emulator | undefined;
  let log = new RecordingLogger();
  const clients: AsanaClient[] = [];
  const started = (): Emulator => emu ?? assert.fail('the emulator starts in before()');
  before(async () => {
    emu = await startEmulator(emulator);
  });
  beforeEach(() => {
    started().reset();
    log = new RecordingLogger();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  after(() => emu?.close());
  return {
    get emu() {
      return started();
    },
    get acme() {
      return started().state.seedInfo.workspaces.acme;
    },
    get log() {
      return log;
    },
    client(opts = {}) {
      const c = new AsanaClient({ token: started().tokens.admin, baseUrl: started().baseUrl, logger: log, ...defaults, ...opts });
      clients.push(c);
      return c;
    },
  };
}

/** The error a call fails with; an assertion failure if it succeeds. */
export async function failure(promise: Promise<unknown>): Promise<AsanaError> {
  return promise.then(
    () => assert.fail('expected the call to fail'),
    (e: AsanaError) => e,
  );
}
