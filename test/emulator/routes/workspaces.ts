/** GET /workspaces, GET and PUT /workspaces/{workspace_gid}. */
import { ok } from '../context';
import type { RequestContext, RouteDef } from '../context';
import { badRequest, forbidden } from '../errors';
import { compactSelection, project, selectionOf } from '../fields';
import { workspaceNode } from '../model';
import { listBody, paginate } from '../pagination';
import type { WorkspaceRecord } from '../types';
import { callerMembership, requestData, requiredString, selection, visibleWorkspace } from './common';

const COMPACT = compactSelection('workspace');
const FULL = selectionOf('resource_type,name,email_domains,is_organization', 'workspace');
const MAX_NAME_LENGTH = 1024;

function listWorkspaces(ctx: RequestContext) {
  const sel = selection(ctx, 'workspace', COMPACT);
  const visible = ctx.store
    .visibleWorkspaceGids(ctx.caller.gid)
    .map((gid) => ctx.store.workspace(gid))
    .filter((w): w is WorkspaceRecord => w !== undefined);
  const page = paginate(ctx, visible);
  return { status: 200, body: listBody(page.items.map((w) => project(workspaceNode(w), sel)), page.nextPage) };
}

function getWorkspace(ctx: RequestContext) {
  const sel = selection(ctx, 'workspace', FULL);
  const ws = visibleWorkspace(ctx, ctx.params.workspace_gid ?? '');
  return ok(project(workspaceNode(ws), sel));
}

/** Only `name` is writable; other fields in the body are ignored, as in the real API. */
function updateWorkspace(ctx: RequestContext) {
  const sel = selection(ctx, 'workspace', FULL);
  const ws = visibleWorkspace(ctx, ctx.params.workspace_gid ?? '');
  const data = requestData(ctx);
  if (!('name' in data)) throw badRequest('name: Missing input. Only the name of a workspace can be changed.');
  const name = requiredString(data, 'name').trim();
  if (name === '') throw badRequest('name: Cannot be empty');
  if (name.length > MAX_NAME_LENGTH) throw badRequest(`name: Must be at most ${MAX_NAME_LENGTH} characters`);
  const me = callerMembership(ctx, ws);
  if (me.is_guest || me.is_view_only) {
    throw forbidden('You do not have permission to rename this workspace: guests and view-only members cannot change its settings.');
  }
  ctx.store.renameWorkspace(ws, name);
  return ok(project(workspaceNode(ws), sel));
}

export const workspaceRoutes: RouteDef[] = [
  { method: 'GET', template: '/workspaces', handler: listWorkspaces },
  { method: 'GET', template: '/workspaces/{workspace_gid}', handler: getWorkspace },
  { method: 'PUT', template: '/workspaces/{workspace_gid}', handler: updateWorkspace },
];
