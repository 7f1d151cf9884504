/**
 * Counts TCP connections this process opens. The emulator counts requests, not connections, and on
 * loopback a connection is nearly free; against app.asana.com each new one costs a TCP and a TLS
 * handshake (2–3 round trips), so how a client reuses connections is a figure worth printing.
 * Both undici (ours) and superagent (the SDK) end in `net.Socket.prototype.connect`.
 */
import * as net from 'node:net';

type Connect = (this: net.Socket, ...args: unknown[]) => net.Socket;

let installed = false;
let opened = 0;
const targets: string[] = [];

function describe(args: unknown[]): string {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const o = first as { host?: string; port?: number; path?: string };
    return o.path ?? `${o.host ?? 'localhost'}:${o.port ?? '?'}`;
  }
  return String(first);
}

export function watchConnections(): void {
  if (installed) return;
  installed = true;
  const proto = net.Socket.prototype as unknown as { connect: Connect };
  const original = proto.connect;
  proto.connect = function (this: net.Socket, ...args: unknown[]): net.Socket {
    opened++;
    if (targets.length < 50) targets.push(describe(args));
    return original.apply(this, args);
  };
}

/** Connections opened since watchConnections(). */
export function connectionsOpened(): number {
  return opened;
}

/** The first few targets, for reports ("127.0.0.1:4010", a socket path, …). */
export function connectionTargets(): readonly string[] {
  return targets;
}
