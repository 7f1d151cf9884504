/**
 * Runs inside the real extension host (code-server), loaded by test/vscode/runSuite.ts as the
 * `extensionTestsPath`: times the activation of the extension in this fresh window and watches for
 * sockets opened while it activates. Writes its findings as JSON to `ASANA_BENCH_OUT`; the
 * benchmark (scenarios/bundleActivation.ts) also asks the emulator, which `asana.apiBaseUrl` points
 * at, whether it saw any request during the window's life.
 *
 * VS Code often activates the extension itself before this entry runs: an empty window creates a
 * plaintext model at start-up, which fires the `onLanguage:plaintext` activation event
 * (remoteexthost.log: "_doActivateExtension asana-workspaces-vscode.asana-workspaces, startup:
 * false, activationEvent: 'onLanguage:plaintext'"). Such a window cannot be timed from here
 * (VS Code strips NODE_OPTIONS from the extension host, so nothing can be preloaded either); it
 * reports `wasActive` and the benchmark opens another window.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';

/** The lines runSuite.ts waits for (its START_MARKER / RESULT_MARKER; not imported: that module pulls in Playwright). */
const START_MARKER = 'ASANA_SUITE_START';
const RESULT_MARKER = 'ASANA_SUITE_RESULT ';
const EXTENSION_ID = 'asana-workspaces-vscode.asana-workspaces';
/** Work an activate() starts without awaiting (timers, un-awaited promises) shows up in this window. */
const AFTER_MS = 1000;

export interface ActivationReport {
  /** Already active before we asked: then activateMs says nothing and the run is discarded. */
  readonly wasActive: boolean;
  /** `await extension.activate()`: loading dist/extension.js and running activate(). */
  readonly activateMs: number;
  /**
   * Where activateMs went: VS Code before our bundle runs; evaluating the bundle; VS Code between the
   * bundle and activate() (it reads the extension's stored state for the ExtensionContext, concurrently
   * with loading the module); activate()'s body.
   */
  readonly split?: { readonly hostMs: number; readonly bundleMs: number; readonly contextMs: number; readonly bodyMs: number };
  /** From the same start until the stored sign-in is read and the view's state set (`api.ready`), which activate() no longer awaits. */
  readonly readyMs: number;
  /** Sockets the extension host opened during activate() and in the second after, with their targets. */
  readonly socketsDuring: readonly string[];
  readonly socketsAfter: readonly string[];
  readonly viewState: string | undefined;
  readonly signedIn: boolean;
  readonly vscodeVersion: string;
  readonly node: string;
  readonly error?: string;
}

/** Counts outgoing connections of this process: undici, fetch and http all end in Socket#connect. */
function watchSockets(): { take(): string[]; stop(): void } {
  const proto = net.Socket.prototype as unknown as { connect: (this: net.Socket, ...args: unknown[]) => net.Socket };
  const original = proto.connect;
  let seen: string[] = [];
  proto.connect = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const o = (typeof first === 'object' && first !== null ? first : {}) as { host?: string; port?: number; path?: string };
    seen.push(o.path ?? `${o.host ?? String(first)}:${o.port ?? ''}`);
    return original.apply(this, args);
  };
  return {
    take: () => {
      const out = seen;
      seen = [];
      return out;
    },
    stop: () => {
      proto.connect = original;
    },
  };
}

function write(report: ActivationReport): void {
  const out = process.env['ASANA_BENCH_OUT'];
  if (out) fs.writeFileSync(out, JSON.stringify(report));
}

export async function run(): Promise<void> {
  console.log(START_MARKER);
  const base = { vscodeVersion: vscode.version, node: process.version };
  try {
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
    const wasActive = extension.isActive;
    const sockets = watchSockets();
    const started = performance.now();
    const api = await extension.activate();
    const activateMs = performance.now() - started;
    await api?.ready;
    const readyMs = performance.now() - started;
    const socketsDuring = sockets.take();
    await new Promise((resolve) => setTimeout(resolve, AFTER_MS));
    const socketsAfter = sockets.take();
    sockets.stop();
    const t = api?.timings;
    const split = t && {
      hostMs: t.bundleStartedAt - started,
      bundleMs: t.bundleEvaluatedAt - t.bundleStartedAt,
      contextMs: t.activateStartedAt - t.bundleEvaluatedAt,
      bodyMs: t.activateEndedAt - t.activateStartedAt,
    };
    write({ ...base, wasActive, activateMs, readyMs, ...(split ? { split } : {}), socketsDuring, socketsAfter, viewState: api?.viewState(), signedIn: !!api?.session.signedIn });
    console.log(RESULT_MARKER + JSON.stringify({ passed: 1, failed: 0, pending: 0 }));
  } catch (e) {
    const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    write({ ...base, wasActive: false, activateMs: Number.NaN, readyMs: Number.NaN, socketsDuring: [], socketsAfter: [], viewState: undefined, signedIn: false, error });
    console.log(RESULT_MARKER + JSON.stringify({ passed: 0, failed: 1, pending: 0 }));
    throw e;
  }
}
