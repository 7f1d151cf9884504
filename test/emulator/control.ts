/**
 * The control API under /__emulator, for drivers in another process (a browser UI test, a VS Code
 * extension host). Unauthenticated, not counted, not rate limited; plain JSON, not Asana envelopes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http';
import type { Emulator, FaultRule, RosterChangeRequest, RuntimeOptions } from './types';

export const CONTROL_BASE_PATH = '/__emulator';

export interface ControlTarget extends Emulator {
  readonly settings: Readonly<Record<string, unknown>>;
}

export async function handleControl(target: ControlTarget, req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
  try {
    const raw = await readBody(req);
    const body = raw.length === 0 ? undefined : (JSON.parse(raw.toString('utf8')) as unknown);
    const path = url.pathname.slice(CONTROL_BASE_PATH.length).replace(/\/+$/, '');
    const route = `${method} ${path}`;
    const faultId = /^DELETE \/faults\/([^/]+)$/.exec(route)?.[1];
    if (faultId !== undefined) {
      target.faults.remove(decodeURIComponent(faultId));
      return sendJson(res, 200, { ok: true });
    }
    switch (route) {
      case 'GET /counters':
        return sendJson(res, 200, target.counters);
      case 'POST /counters/reset':
        target.counters.reset();
        return sendJson(res, 200, { ok: true });
      case 'POST /reset':
        target.reset();
        return sendJson(res, 200, { ok: true });
      case 'GET /faults':
        return sendJson(res, 200, target.faults.list());
      case 'POST /faults':
        return sendJson(res, 200, { id: target.faults.add(body as FaultRule) });
      case 'DELETE /faults':
        target.faults.clear();
        return sendJson(res, 200, { ok: true });
      case 'GET /config':
        return sendJson(res, 200, target.settings);
      case 'POST /config':
        target.configure((body ?? {}) as Partial<RuntimeOptions>);
        return sendJson(res, 200, { ok: true, config: target.settings });
      case 'POST /expire-offsets':
        target.expireOffsets();
        return sendJson(res, 200, { ok: true });
      case 'POST /roster':
        // RosterError (bad request, nothing changed) lands in the catch below as a 400.
        return sendJson(res, 200, target.changeRoster(body as RosterChangeRequest));
      case 'GET /tokens':
        return sendJson(res, 200, target.tokens);
      case 'GET /info':
        return sendJson(res, 200, { baseUrl: target.baseUrl, origin: target.origin, tokens: target.tokens, seed: target.state.seedInfo });
      default:
        return sendJson(res, 404, { error: `No control route ${route}` });
    }
  } catch (e) {
    sendJson(res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
}
