/** GET /users/{user_gid}, GET /users, GET /workspaces/{workspace_gid}/users. */
import { ok } from '../context';
import type { RequestContext, RouteDef } from '../context';
import { unknownObject } from '../errors';
import { compactSelection, project, selectionOf } from '../fields';
import { compareGid } from '../gid';
import { userNode } from '../model';
import { listBody, paginate, rejectUnissuedOffset } from '../pagination';
import type { UserRecord } from '../types';
import { selection, visibleUser, visibleWorkspace } from './common';

const COMPACT = compactSelection('user');
const FULL = selectionOf('resource_type,name,email,photo,workspaces', 'user');
/** GET /workspaces/{gid}/users stops here; /users?workspace= pages past it. */
export const WORKSPACE_USERS_CAP = 2000;

/**
 * `workspace` is validated (it must be one of the caller's) but otherwise only scopes
 * custom_fields in the real API, which the emulator always returns empty.
 */
function getUser(ctx: RequestContext) {
  const sel = selection(ctx, 'user', FULL);
  const user = visibleUser(ctx, ctx.params.user_gid ?? '', 'user_gid');
  const workspace = ctx.query.get('workspace');
  if (workspace !== null && workspace !== '') visibleWorkspace(ctx, workspace);
  return ok(project(userNode(user, ctx), sel));
}

/** Sorted by gid. Without `workspace`, the users of every workspace the caller belongs to. */
function listUsers(ctx: RequestContext) {
  const sel = selection(ctx, 'user', COMPACT);
  const team = ctx.query.get('team');
  if (team !== null && team !== '') throw unknownObject('team', team);
  const workspace = ctx.query.get('workspace');
  const users = workspace !== null && workspace !== '' ? ctx.store.activeUsersByGid(visibleWorkspace(ctx, workspace).gid) : usersAcrossWorkspaces(ctx);
  const page = paginate(ctx, users, ['workspace', 'team']);
  return { status: 200, body: listBody(page.items.map((u) => project(userNode(u, ctx), sel)), page.nextPage) };
}

function usersAcrossWorkspaces(ctx: RequestContext): readonly UserRecord[] {
  const workspaces = ctx.store.visibleWorkspaceGids(ctx.caller.gid);
  return ctx.store.memo(`usersAcross:${workspaces.join(',')}`, () => {
    const byGid = new Map<string, UserRecord>();
    for (const ws of workspaces) for (const u of ctx.store.activeUsersByGid(ws)) byGid.set(u.gid, u);
    return [...byGid.values()].sort((a, b) => compareGid(a.gid, b.gid));
  });
}

/** Alphabetical, at most 2,000, no `limit` and no next_page: the spec's grandfathered listing. */
function listWorkspaceUsers(ctx: RequestContext) {
  const sel = selection(ctx, 'user', COMPACT);
  const ws = visibleWorkspace(ctx, ctx.params.workspace_gid ?? '');
  rejectUnissuedOffset(ctx);
  const users = ctx.store.activeUsersByName(ws.gid).slice(0, WORKSPACE_USERS_CAP);
  return ok(users.map((u) => project(userNode(u, ctx), sel)));
}

export const userRoutes: RouteDef[] = [
  { method: 'GET', template: '/users', handler: listUsers },
  { method: 'GET', template: '/users/{user_gid}', handler: getUser },
  { method: 'GET', template: '/workspaces/{workspace_gid}/users', handler: listWorkspaceUsers },
];
