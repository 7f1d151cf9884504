/**
 * The object model the API exposes: which fields each resource type has, which of them point to
 * other resources, and which make up its compact record. `opt_fields` paths are resolved against
 * this model, the way Asana resolves `user.name` through a membership to its user.
 */
import type { Store } from './state';
import type { MembershipRecord, OooEntryRecord, UserRecord, WorkspaceRecord } from './types';

export type ResourceType = 'workspace' | 'user' | 'workspace_membership' | 'user_task_list' | 'ooo_entry';

export type FieldSpec =
  | { kind: 'scalar' }
  /** A plain nested object (photo, vacation_dates): no gid, may be null. */
  | { kind: 'struct'; fields: readonly string[] }
  | { kind: 'ref'; type: ResourceType }
  | { kind: 'refList'; type: ResourceType }
  /** A list the emulator never fills (custom_fields); any sub-path is accepted. */
  | { kind: 'openList' };

export interface ResourceModel {
  readonly type: ResourceType;
  readonly compact: readonly string[];
  /** In output order (after gid). */
  readonly fields: ReadonlyMap<string, FieldSpec>;
}

const scalar: FieldSpec = { kind: 'scalar' };
const PHOTO_FIELDS = ['image_21x21', 'image_27x27', 'image_36x36', 'image_60x60', 'image_128x128', 'image_1024x1024'];

function model(type: ResourceType, compact: string[], fields: [string, FieldSpec][]): ResourceModel {
  return { type, compact, fields: new Map<string, FieldSpec>([['resource_type', scalar], ...fields]) };
}

export const MODELS: Readonly<Record<ResourceType, ResourceModel>> = {
  workspace: model('workspace', ['resource_type', 'name'], [
    ['name', scalar],
    ['email_domains', scalar],
    ['is_organization', scalar],
  ]),
  user: model('user', ['resource_type', 'name'], [
    ['name', scalar],
    ['email', scalar],
    ['photo', { kind: 'struct', fields: PHOTO_FIELDS }],
    ['workspaces', { kind: 'refList', type: 'workspace' }],
    ['custom_fields', { kind: 'openList' }],
  ]),
  workspace_membership: model('workspace_membership', ['resource_type', 'user', 'workspace'], [
    ['user', { kind: 'ref', type: 'user' }],
    ['workspace', { kind: 'ref', type: 'workspace' }],
    ['user_task_list', { kind: 'ref', type: 'user_task_list' }],
    ['is_active', scalar],
    ['is_admin', scalar],
    ['is_guest', scalar],
    ['is_view_only', scalar],
    ['vacation_dates', { kind: 'struct', fields: ['start_on', 'end_on'] }],
    ['created_at', scalar],
  ]),
  user_task_list: model('user_task_list', ['resource_type', 'name'], [
    ['name', scalar],
    ['owner', { kind: 'ref', type: 'user' }],
    ['workspace', { kind: 'ref', type: 'workspace' }],
  ]),
  // The spec has no OooEntryCompact: OooEntryBase (dates, no people) stands in as the compact record.
  ooo_entry: model('ooo_entry', ['resource_type', 'start_date', 'end_date'], [
    ['start_date', scalar],
    ['end_date', scalar],
    ['user', { kind: 'ref', type: 'user' }],
    ['created_by', { kind: 'ref', type: 'user' }],
  ]),
};

/** A resource as seen by one caller; values are computed only for the fields a response asks for. */
export interface Node {
  readonly type: ResourceType;
  readonly gid: string;
  get(field: string): unknown;
}

export interface ViewContext {
  readonly store: Store;
  readonly caller: UserRecord;
}

export function workspaceNode(ws: WorkspaceRecord): Node {
  return {
    type: 'workspace',
    gid: ws.gid,
    get(field) {
      switch (field) {
        case 'resource_type': return 'workspace';
        case 'name': return ws.name;
        case 'email_domains': return [...ws.email_domains];
        case 'is_organization': return ws.is_organization;
        default: return undefined;
      }
    },
  };
}

export function userNode(user: UserRecord, ctx: ViewContext): Node {
  return {
    type: 'user',
    gid: user.gid,
    get(field) {
      switch (field) {
        case 'resource_type': return 'user';
        case 'name': return user.name;
        case 'email': return user.email;
        case 'photo': return user.photo;
        case 'workspaces': return sharedWorkspaces(user, ctx);
        case 'custom_fields': return [];
        default: return undefined;
      }
    },
  };
}

/** The user's workspaces that the caller also belongs to (the API hides the others). */
function sharedWorkspaces(user: UserRecord, ctx: ViewContext): Node[] {
  const mine = new Set(ctx.store.visibleWorkspaceGids(ctx.caller.gid));
  const out: Node[] = [];
  for (const gid of ctx.store.visibleWorkspaceGids(user.gid)) {
    const ws = mine.has(gid) ? ctx.store.workspace(gid) : undefined;
    if (ws) out.push(workspaceNode(ws));
  }
  return out;
}

export function membershipNode(m: MembershipRecord, ctx: ViewContext): Node {
  return {
    type: 'workspace_membership',
    gid: m.gid,
    get(field) {
      switch (field) {
        case 'resource_type': return 'workspace_membership';
        case 'user': return refUser(m.user, ctx);
        case 'workspace': return refWorkspace(m.workspace, ctx);
        case 'user_task_list': return userTaskListNode(m, ctx);
        case 'is_active': return m.is_active;
        case 'is_admin': return m.is_admin;
        case 'is_guest': return m.is_guest;
        case 'is_view_only': return m.is_view_only;
        case 'vacation_dates': return m.vacation_dates;
        case 'created_at': return m.created_at;
        default: return undefined;
      }
    },
  };
}

function userTaskListNode(m: MembershipRecord, ctx: ViewContext): Node {
  return {
    type: 'user_task_list',
    gid: m.user_task_list,
    get(field) {
      switch (field) {
        case 'resource_type': return 'user_task_list';
        case 'name': return `My Tasks in ${ctx.store.workspace(m.workspace)?.name ?? 'workspace'}`;
        case 'owner': return refUser(m.user, ctx);
        case 'workspace': return refWorkspace(m.workspace, ctx);
        default: return undefined;
      }
    },
  };
}

export function oooEntryNode(e: OooEntryRecord, ctx: ViewContext): Node {
  return {
    type: 'ooo_entry',
    gid: e.gid,
    get(field) {
      switch (field) {
        case 'resource_type': return 'ooo_entry';
        case 'start_date': return e.start_date;
        case 'end_date': return e.end_date;
        case 'user': return refUser(e.user, ctx);
        case 'created_by': return refUser(e.created_by, ctx);
        default: return undefined;
      }
    },
  };
}

function refUser(gid: string, ctx: ViewContext): Node | null {
  const u = ctx.store.user(gid);
  return u ? userNode(u, ctx) : null;
}

function refWorkspace(gid: string, ctx: ViewContext): Node | null {
  const w = ctx.store.workspace(gid);
  return w ? workspaceNode(w) : null;
}
