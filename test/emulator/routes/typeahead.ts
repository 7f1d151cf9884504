/**
 * GET /workspaces/{workspace_gid}/typeahead. `resource_type` defaults to `user` when missing (the
 * spec marks it required but also gives that default; the deprecated `type` is honoured too).
 * Users (and `actor`, which is users plus agents, and there are no agents) are searched among
 * active members; the other types exist in the enum but hold nothing here, so they return [].
 */
import { ok } from '../context';
import type { RequestContext, RouteDef } from '../context';
import { badRequest } from '../errors';
import { compactSelection, parseOptFields, project } from '../fields';
import { userNode } from '../model';
import { buildTypeaheadIndex, rankUsers } from '../typeahead';
import { visibleWorkspace } from './common';

const RESOURCE_TYPES = ['actor', 'agent', 'custom_field', 'goal', 'project', 'project_template', 'portfolio', 'tag', 'task', 'team', 'user'];
export const TYPEAHEAD_DEFAULT_COUNT = 20;
export const TYPEAHEAD_MAX_COUNT = 100;
const COMPACT = compactSelection('user');

function typeahead(ctx: RequestContext) {
  const ws = visibleWorkspace(ctx, ctx.params.workspace_gid ?? '');
  const type = ctx.query.get('resource_type') || ctx.query.get('type') || 'user';
  if (!RESOURCE_TYPES.includes(type)) {
    throw badRequest(`resource_type: Not a valid resource type: "${type}". Use one of ${RESOURCE_TYPES.join(', ')}.`);
  }
  const count = parseCount(ctx.query.get('count'));
  if (type !== 'user' && type !== 'actor') return ok([]);
  const sel = parseOptFields(ctx.query.get('opt_fields'), 'user') ?? COMPACT;
  const index = ctx.store.memo(`typeahead:${ws.gid}`, () => buildTypeaheadIndex(ctx.store.activeUsersByGid(ws.gid)));
  const users = rankUsers(index, ctx.query.get('query') ?? '', count, ctx.caller.gid);
  return ok(users.map((u) => project(userNode(u, ctx), sel)));
}

function parseCount(raw: string | null): number {
  if (raw === null || raw === '') return TYPEAHEAD_DEFAULT_COUNT;
  const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > TYPEAHEAD_MAX_COUNT) {
    throw badRequest(`count: Must be an integer between 1 and ${TYPEAHEAD_MAX_COUNT}, got "${raw}"`);
  }
  return n;
}

export const typeaheadRoutes: RouteDef[] = [
  { method: 'GET', template: '/workspaces/{workspace_gid}/typeahead', handler: typeahead },
];
