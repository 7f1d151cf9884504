/** Lookups, visibility rules and body parsing shared by the route modules. */
import type { RequestContext } from '../context';
import { badRequest, unknownObject } from '../errors';
import { parseOptFields } from '../fields';
import type { Selection } from '../fields';
import { isGid } from '../gid';
import type { ResourceType } from '../model';
import type { MembershipRecord, UserRecord, WorkspaceRecord } from '../types';

const EMAIL = /^[^\s@",;<>()[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function isEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

/** The records to return: opt_fields when given, else the route's default record. */
export function selection(ctx: RequestContext, type: ResourceType, fallback: Selection): Selection {
  return parseOptFields(ctx.query.get('opt_fields'), type) ?? fallback;
}

/**
 * A workspace the caller has an active membership in. Any other gid, existing or not, is a 404:
 * like the real API, the emulator does not reveal that a workspace the caller cannot see exists.
 */
export function visibleWorkspace(ctx: RequestContext, gid: string, param = 'workspace'): WorkspaceRecord {
  if (!isGid(gid)) throw badRequest(`${param}: Not a valid gid: "${gid}"`);
  const ws = ctx.store.workspace(gid);
  if (!ws || !ctx.store.activeMembership(ws.gid, ctx.caller.gid)) throw unknownObject(param, gid);
  return ws;
}

/** The caller's own active membership in a workspace it can see. */
export function callerMembership(ctx: RequestContext, ws: WorkspaceRecord): MembershipRecord {
  const m = ctx.store.activeMembership(ws.gid, ctx.caller.gid);
  if (!m) throw unknownObject('workspace', ws.gid);
  return m;
}

/** Resolves "me", an email address or a user gid, as the API accepts in every user parameter. */
export function resolveUser(ctx: RequestContext, ref: string, param = 'user'): UserRecord {
  const trimmed = ref.trim();
  let user: UserRecord | undefined;
  if (trimmed === 'me') user = ctx.caller;
  else if (trimmed.includes('@')) {
    if (!isEmail(trimmed)) throw badRequest(`${param}: Not a valid email address: "${ref}"`);
    user = ctx.store.userByEmail(trimmed);
  } else if (isGid(trimmed)) user = ctx.store.user(trimmed);
  else throw badRequest(`${param}: Not a valid user reference: "${ref}". Use "me", an email address or a user gid.`);
  if (!user) throw unknownObject(param, ref);
  return user;
}

/** Users the caller may look up: themselves, and anyone with a membership in one of the caller's workspaces. */
export function canSeeUser(ctx: RequestContext, user: UserRecord): boolean {
  if (user.gid === ctx.caller.gid) return true;
  const mine = ctx.store.visibleWorkspaceGids(ctx.caller.gid);
  return ctx.store.membershipsOfUser(user.gid).some((m) => mine.includes(m.workspace));
}

export function visibleUser(ctx: RequestContext, ref: string, param = 'user'): UserRecord {
  const user = resolveUser(ctx, ref, param);
  if (!canSeeUser(ctx, user)) throw unknownObject(param, ref);
  return user;
}

/** The `data` object of a write body; the real API rejects bodies that are not wrapped in it. */
export function requestData(ctx: RequestContext): Record<string, unknown> {
  const body = ctx.body;
  if (body === undefined || body === null) throw badRequest('data: Missing input. Send a JSON body of the form {"data": {...}}.');
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('Request body must be a JSON object of the form {"data": {...}}.');
  const data = (body as Record<string, unknown>).data;
  if (data === undefined) throw badRequest('data: Missing input. Wrap the fields in {"data": {...}}.');
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw badRequest('data: Must be an object.');
  return data as Record<string, unknown>;
}

export function requiredString(data: Record<string, unknown>, field: string): string {
  const value = data[field];
  if (value === undefined || value === null) throw badRequest(`${field}: Missing input`);
  if (typeof value !== 'string') throw badRequest(`${field}: Must be a string, got ${Array.isArray(value) ? 'array' : typeof value}`);
  return value;
}
