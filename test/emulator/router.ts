/** Matches a method and a path below the API base against route templates such as '/workspaces/{workspace_gid}'. */
import type { RouteDef } from './context';

export interface RouteMatch {
  route: RouteDef;
  key: string;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: RouteDef;
  key: string;
  /** Literal segments as strings; parameters as { name }. */
  segments: (string | { name: string })[];
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly RouteDef[]) {
    this.routes = routes.map((route) => ({
      route,
      key: routeKey(route.method, route.template),
      segments: splitPath(route.template).map((s) => {
        const m = /^\{(\w+)\}$/.exec(s);
        return m ? { name: m[1] as string } : s;
      }),
    }));
  }

  get keys(): string[] {
    return this.routes.map((r) => r.key);
  }

  match(method: string, apiPath: string): RouteMatch | undefined {
    const parts = splitPath(apiPath);
    for (const r of this.routes) {
      if (r.route.method !== method || r.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let matched = true;
      for (let i = 0; i < parts.length && matched; i++) {
        const seg = r.segments[i];
        const part = parts[i] as string;
        if (typeof seg === 'string') matched = seg === part;
        else if (seg) params[seg.name] = safeDecode(part);
      }
      if (matched) return { route: r.route, key: r.key, params };
    }
    return undefined;
  }
}

export function routeKey(method: string, template: string): string {
  return `${method} ${template}`;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
