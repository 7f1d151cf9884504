/**
 * Workspace memberships: the two listings, the single record, and the writes that create and end
 * them (addUser, removeUser).
 */
import { ok } from '../context';
import type { RequestContext, RouteDef } from '../context';
import { badRequest, forbidden, unknownObject } from '../errors';
import { compactSelection, project, selectionOf } from '../fields';
import { isGid } from '../gid';
import { membershipNode, userNode } from '../model';
import { listBody, paginate } from '../pagination';
import type { MembershipRecord, UserRecord, WorkspaceRecord } from '../types';
import { callerMembership, isEmail, requestData, requiredString, resolveUser, selection, visibleUser, visibleWorkspace } from './common';

const COMPACT = compactSelection('workspace_membership');
const FULL = selectionOf(
  'resource_type,user,workspace,user_task_list,user_task_list.owner,user_task_list.workspace,' +
    'is_active,is_admin,is_guest,is_view_only,vacation_dates,created_at',
  'workspace_membership',
);
const USER_BASE = selectionOf('resource_type,name,email,photo', 'user');

/** Active memberships only: a removed user drops out of this listing (but not out of the per-user one). */
function listForWorkspace(ctx: RequestContext) {
  const sel = selection(ctx, 'workspace_membership', COMPACT);
  const ws = visibleWorkspace(ctx, ctx.params.workspace_gid ?? '');
  const userRef = ctx.query.get('user');
  let items: readonly MembershipRecord[];
  if (userRef !== null && userRef !== '') {
    const user = resolveUser(ctx, userRef);
    const m = ctx.store.activeMembership(ws.gid, user.gid);
    items = m ? [m] : [];
  } else {
    items = ctx.store.membershipsOf(ws.gid, { activeOnly: true });
  }
  const page = paginate(ctx, items, ['user']);
  return { status: 200, body: listBody(page.items.map((m) => project(membershipNode(m, ctx), sel)), page.nextPage) };
}

/** Every membership of the user, active or not, in the workspaces the caller can see. */
function listForUser(ctx: RequestContext) {
  const sel = selection(ctx, 'workspace_membership', COMPACT);
  const user = visibleUser(ctx, ctx.params.user_gid ?? '', 'user_gid');
  const mine = new Set(ctx.store.visibleWorkspaceGids(ctx.caller.gid));
  const items = ctx.store.membershipsOfUser(user.gid).filter((m) => mine.has(m.workspace));
  const page = paginate(ctx, items);
  return { status: 200, body: listBody(page.items.map((m) => project(membershipNode(m, ctx), sel)), page.nextPage) };
}

function getMembership(ctx: RequestContext) {
  const sel = selection(ctx, 'workspace_membership', FULL);
  const gid = ctx.params.workspace_membership_gid ?? '';
  if (!isGid(gid)) throw badRequest(`workspace_membership: Not a valid gid: "${gid}"`);
  const m = ctx.store.membership(gid);
  if (!m || !ctx.store.activeMembership(m.workspace, ctx.caller.gid)) throw unknownObject('workspace_membership', gid);
  return ok(project(membershipNode(m, ctx), sel));
}

/**
 * Any active member except a guest may add people. An unknown email creates the user; an active
 * member is returned unchanged; a removed member gets a new membership beside the old one. In an
 * organization, an email outside its domains joins as a guest.
 */
function addUser(ctx: RequestContext) {
  const sel = selection(ctx, 'user', USER_BASE);
  const ws = visibleWorkspace(ctx, ctx.params.workspace_gid ?? '');
  const ref = requiredString(requestData(ctx), 'user').trim();
  if (callerMembership(ctx, ws).is_guest) throw forbidden('Guests cannot add users to this workspace.');
  const user = findOrCreateUser(ctx, ref);
  if (!ctx.store.activeMembership(ws.gid, user.gid)) ctx.store.addMembership(ws, user, { isGuest: joinsAsGuest(ws, user) });
  return ok(project(userNode(user, ctx), sel));
}

function findOrCreateUser(ctx: RequestContext, ref: string): UserRecord {
  if (ref.includes('@') && isEmail(ref) && !ctx.store.userByEmail(ref)) {
    return ctx.store.createUser(nameFromEmail(ref), ref);
  }
  return resolveUser(ctx, ref);
}

/** In an organization, an email outside its domains makes a guest; Asana decides it, not the inviter. */
export function joinsAsGuest(ws: WorkspaceRecord, user: Pick<UserRecord, 'email'>): boolean {
  if (!ws.is_organization) return false;
  const domain = user.email.slice(user.email.lastIndexOf('@') + 1).toLowerCase();
  return !ws.email_domains.includes(domain);
}

/** "jane.doe-smith@x" → "Jane Doe Smith", the way Asana names an invitee before they sign up. */
export function nameFromEmail(email: string): string {
  const local = email.slice(0, email.lastIndexOf('@'));
  const words = local.split(/[._+-]+/).filter((w) => w.length > 0);
  if (words.length === 0) return local;
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** Admins only. The membership is marked inactive, not deleted, so history stays visible per user. */
function removeUser(ctx: RequestContext) {
  const ws = visibleWorkspace(ctx, ctx.params.workspace_gid ?? '');
  const ref = requiredString(requestData(ctx), 'user').trim();
  if (!callerMembership(ctx, ws).is_admin) {
    throw forbidden('You must be an admin of this workspace to remove users from it.');
  }
  const user = resolveUser(ctx, ref);
  const m = ctx.store.activeMembership(ws.gid, user.gid);
  if (!m) throw badRequest(`user: ${ref} is not a member of this workspace`);
  if (m.is_admin && ctx.store.membershipsOf(ws.gid, { activeOnly: true }).filter((x) => x.is_admin).length === 1) {
    throw badRequest('user: Cannot remove the last admin of this workspace');
  }
  ctx.store.deactivate(m);
  return ok({});
}

export const membershipRoutes: RouteDef[] = [
  { method: 'GET', template: '/workspaces/{workspace_gid}/workspace_memberships', handler: listForWorkspace },
  { method: 'GET', template: '/users/{user_gid}/workspace_memberships', handler: listForUser },
  { method: 'GET', template: '/workspace_memberships/{workspace_membership_gid}', handler: getMembership },
  { method: 'POST', template: '/workspaces/{workspace_gid}/addUser', handler: addUser },
  { method: 'POST', template: '/workspaces/{workspace_gid}/removeUser', handler: removeUser },
];
