/** A small fetch wrapper for the emulator's tests: raw status, headers, text and parsed JSON. */
import type { Emulator } from '../types';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body; undefined when the text is not JSON. */
  json: T;
}

export type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  token?: string | null;
  query?: Query;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function withQuery(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.append(k, String(v));
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export async function call<T = unknown>(emu: Emulator, method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? emu.tokens.admin : opts.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  const url = path.startsWith('http') ? path : `${emu.baseUrl}${withQuery(path, opts.query)}`;
  const res = await fetch(url, { method, headers, body, signal: opts.signal });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as T };
}

export const get = <T = unknown>(emu: Emulator, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> => call<T>(emu, 'GET', path, opts);
export const post = <T = unknown>(emu: Emulator, path: string, body: unknown, opts: RequestOptions = {}): Promise<ApiResponse<T>> =>
  call<T>(emu, 'POST', path, { ...opts, body });
export const put = <T = unknown>(emu: Emulator, path: string, body: unknown, opts: RequestOptions = {}): Promise<ApiResponse<T>> =>
  call<T>(emu, 'PUT', path, { ...opts, body });

export interface Envelope<T> {
  data: T;
  next_page?: { offset: string; path: string; uri: string } | null;
}

export interface ErrorEnvelope {
  errors: { message: string; help?: string; phrase?: string }[];
}

export interface Compact {
  gid: string;
  resource_type?: string;
  name?: string;
  [key: string]: unknown;
}

/** Follows next_page from a first request with `limit` until the end; returns every item and the page count. */
export async function pageAll<T>(emu: Emulator, path: string, query: Query, token?: string): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let url: string | undefined = withQuery(path, query);
  while (url !== undefined) {
    const r: ApiResponse<Envelope<T[]>> = await get<Envelope<T[]>>(emu, url, { token });
    if (r.status !== 200) throw new Error(`page ${pages + 1} failed: ${r.status} ${r.text}`);
    items.push(...r.json.data);
    pages++;
    url = r.json.next_page ? r.json.next_page.path : undefined;
  }
  return { items, pages };
}

/** The errors[0].message of an error response. */
export function errorMessage(r: ApiResponse): string {
  return (r.json as ErrorEnvelope | undefined)?.errors?.[0]?.message ?? '';
}
