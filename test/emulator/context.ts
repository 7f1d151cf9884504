/** What a route handler receives and returns. */
import type { ViewContext } from './model';
import type { OffsetCodec } from './pagination';

export interface RequestContext extends ViewContext {
  readonly method: string;
  /** 'GET /workspaces/{workspace_gid}': the key used by counters and fault rules. */
  readonly routeKey: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Parsed request body (JSON or form), undefined when there was none. */
  readonly body: unknown;
  /** The request path below the API base, e.g. '/workspaces/1100000000000001/users'. */
  readonly apiPath: string;
  readonly baseUrl: string;
  readonly offsets: OffsetCodec;
  readonly offsetTtlMs: number;
}

export interface HandlerResult {
  status: number;
  body: unknown;
}

export type Handler = (ctx: RequestContext) => HandlerResult;

export interface RouteDef {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly template: string;
  readonly handler: Handler;
}

export function ok(data: unknown): HandlerResult {
  return { status: 200, body: { data } };
}
