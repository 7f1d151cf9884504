/**
 * GET /ooo_entries?user=&workspace= and GET /ooo_entries/{ooo_entry_gid}: out-of-office periods.
 * `user` and `workspace` are both required (400 "…: Missing input" otherwise) and must be visible
 * to the caller, as elsewhere (404 Unknown object). `start_date` keeps entries that end on or
 * after it, `end_date` those that start on or before it, so both together keep the entries that
 * overlap the range. Listings carry the compact record (dates only); the single GET the full one.
 */
import { ok } from '../context';
import type { RequestContext, RouteDef } from '../context';
import { badRequest, unknownObject } from '../errors';
import { compactSelection, project, selectionOf } from '../fields';
import { isGid } from '../gid';
import { oooEntryNode } from '../model';
import { listBody, paginate } from '../pagination';
import { selection, visibleUser, visibleWorkspace } from './common';

const COMPACT = compactSelection('ooo_entry');
const FULL = selectionOf('resource_type,start_date,end_date,user,created_by', 'ooo_entry');
/** The listing is defined by these; an offset issued for one set of them is refused for another. */
const FILTERS = ['user', 'workspace', 'start_date', 'end_date'] as const;

function required(ctx: RequestContext, name: string): string {
  const value = ctx.query.get(name);
  if (value === null || value.trim() === '') throw badRequest(`${name}: Missing input`);
  return value.trim();
}

/** YYYY-MM-DD naming a real day; undefined when absent. ISO dates compare correctly as strings. */
function dateParam(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.query.get(name);
  if (value === null || value === '') return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw badRequest(`${name}: Not a valid date: "${value}". Use an ISO 8601 date such as 2025-01-31.`);
  }
  return value;
}

function listOooEntries(ctx: RequestContext) {
  const sel = selection(ctx, 'ooo_entry', COMPACT);
  const userRef = required(ctx, 'user');
  const workspaceRef = required(ctx, 'workspace');
  const from = dateParam(ctx, 'start_date');
  const to = dateParam(ctx, 'end_date');
  const ws = visibleWorkspace(ctx, workspaceRef);
  const user = visibleUser(ctx, userRef);
  const items = ctx.store
    .oooEntriesOf(ws.gid, user.gid)
    .filter((e) => (from === undefined || e.end_date >= from) && (to === undefined || e.start_date <= to));
  const page = paginate(ctx, items, FILTERS);
  return { status: 200, body: listBody(page.items.map((e) => project(oooEntryNode(e, ctx), sel)), page.nextPage) };
}

/** Visible when the caller is an active member of the entry's workspace; otherwise its existence is not revealed. */
function getOooEntry(ctx: RequestContext) {
  const sel = selection(ctx, 'ooo_entry', FULL);
  const gid = ctx.params.ooo_entry_gid ?? '';
  if (!isGid(gid)) throw badRequest(`ooo_entry: Not a valid gid: "${gid}"`);
  const entry = ctx.store.oooEntry(gid);
  if (!entry || !ctx.store.activeMembership(entry.workspace, ctx.caller.gid)) throw unknownObject('ooo_entry', gid);
  return ok(project(oooEntryNode(entry, ctx), sel));
}

export const oooEntryRoutes: RouteDef[] = [
  { method: 'GET', template: '/ooo_entries', handler: listOooEntries },
  { method: 'GET', template: '/ooo_entries/{ooo_entry_gid}', handler: getOooEntry },
];
