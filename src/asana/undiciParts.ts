/**
 * undici, loaded when the first connection pool is made rather than when the extension starts:
 * see undiciBundle.ts. In the bundle, `./undiciBundle` resolves to dist/undici.js (esbuild.mjs).
 */
import type { Agent as AgentClass, Dispatcher, ProxyAgent as ProxyAgentClass } from 'undici';
import type * as UndiciBundle from './undiciBundle';

type UndiciParts = typeof UndiciBundle;

let loaded: UndiciParts | undefined;

/** Loads undici now rather than at the first request. */
export function loadUndici(): void {
  parts();
}

function parts(): UndiciParts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./undiciBundle') as UndiciParts;
  return loaded;
}

export function createAgent(options: AgentClass.Options): AgentClass {
  return new (parts().Agent)(options);
}

export function createProxyAgent(options: ProxyAgentClass.Options): ProxyAgentClass {
  return new (parts().ProxyAgent)(options);
}

export function request(dispatcher: Dispatcher, opts: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return parts().apiRequest.call(dispatcher, opts);
}
