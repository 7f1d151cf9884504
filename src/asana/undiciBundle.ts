/**
 * The pieces of undici the client uses (a pool, a pool through a proxy, a request), imported from their own modules: the package's
 * index also pulls in fetch, WebSocket, caches and mocks, which would double the bundle
 * (535 KB → 293 KB minified). undici publishes no `exports` map, so these paths are reachable;
 * the client tests exercise them on every run.
 *
 * esbuild.mjs builds this module into a bundle of its own (dist/undici.js), which the extension
 * loads at its first request: activation does not parse undici, three quarters of the code.
 */
import type { Agent as AgentClass, Dispatcher, ProxyAgent as ProxyAgentClass } from 'undici';

/* eslint-disable @typescript-eslint/no-require-imports */
export const Agent = require('undici/lib/dispatcher/agent') as typeof AgentClass;
export const ProxyAgent = require('undici/lib/dispatcher/proxy-agent') as typeof ProxyAgentClass;
export const apiRequest = require('undici/lib/api/api-request') as (
  this: Dispatcher,
  opts: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;

// ProxyAgent opens its tunnels with `client.connect()`, a method that undici's index puts on every
// dispatcher, and that the pieces above lack: put that one there, as the index would.
const DispatcherClass = require('undici/lib/dispatcher/dispatcher') as { prototype: { connect?: unknown } };
DispatcherClass.prototype.connect ??= require('undici/lib/api/api-connect');
/* eslint-enable @typescript-eslint/no-require-imports */
