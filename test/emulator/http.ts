/** Low-level HTTP helpers: reading bodies, writing JSON the way Asana does, CORS. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from './errors';

export const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';
const MAX_BODY_BYTES = 1024 * 1024;

/** Lets a web page (a webview or a browser UI test) call the emulator directly, as it can call Asana. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After, Asana-Change',
};

const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  ...CORS_HEADERS,
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Asana-Enable, Asana-Disable',
  'Access-Control-Max-Age': '600',
};

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buf);
  }
  if (size > MAX_BODY_BYTES) throw badRequest('Request body is too large');
  return Buffer.concat(chunks);
}

/**
 * JSON bodies, and form bodies as the real API also accepts them (`user=me` becomes
 * `{data: {user: "me"}}`). Returns undefined for an empty body.
 */
export function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  if ((contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return { data: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('Could not parse request data, invalid JSON');
  }
}

export function serializeJson(body: unknown, pretty: boolean): Buffer {
  return Buffer.from(pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body), 'utf8');
}

export function sendBuffer(res: ServerResponse, status: number, payload: Buffer, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...CORS_HEADERS, 'Content-Type': JSON_CONTENT_TYPE, 'Content-Length': String(payload.length), ...headers });
  res.end(payload);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, pretty = false): void {
  sendBuffer(res, status, serializeJson(body, pretty), headers);
}

export function sendPreflight(res: ServerResponse): void {
  res.writeHead(204, PREFLIGHT_HEADERS);
  res.end();
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : undefined;
}

export function isTruthy(value: string | null): boolean {
  return value !== null && value !== 'false' && value !== '0';
}
