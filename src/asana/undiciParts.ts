/**
 * The two pieces of undici the client uses, imported from their own modules: the package's
 * index also pulls in fetch, WebSocket, caches and mocks, which would double the bundle
 * (535 KB → 293 KB minified). undici publishes no `exports` map, so these paths are reachable;
 * the client tests exercise them on every run.
 */
import type { Agent as AgentClass, Dispatcher } from 'undici';

/* eslint-disable @typescript-eslint/no-require-imports */
export const Agent = require('undici/lib/dispatcher/agent') as typeof AgentClass;
const apiRequest = require('undici/lib/api/api-request') as (
  this: Dispatcher,
  opts: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;
/* eslint-enable @typescript-eslint/no-require-imports */

export function request(dispatcher: Dispatcher, opts: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return apiRequest.call(dispatcher, opts);
}
