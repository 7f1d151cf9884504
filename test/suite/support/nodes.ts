/**
 * Tree nodes come from the bundled extension, not from out/src, so `instanceof` cannot tell them
 * apart in tests: these guards go by shape. The walkers open groups and ranges as a person would.
 */
import type { ExtensionApi } from '../../../src/extension';
import type { AccountNode, ChangesNode, FormerGroupNode, FormerNode, GroupNode, MemberNode, MessageNode, RangeNode, TreeNode, WorkspaceNode } from '../../../src/tree/nodes';
import { waitFor } from './extension';

const has = (n: unknown, key: string): boolean => !!n && typeof n === 'object' && key in n;

export const isAccount = (n: unknown): n is AccountNode => has(n, 'accountGid') && has(n, 'account') && !has(n, 'workspace');
export const isMember = (n: unknown): n is MemberNode => has(n, 'membership');
export const isWorkspace = (n: unknown): n is WorkspaceNode => has(n, 'workspace') && !has(n, 'membership') && !has(n, 'former');
export const isFormer = (n: unknown): n is FormerNode => has(n, 'former');
export const isChanges = (n: unknown): n is ChangesNode => has(n, 'id') && String((n as { id: unknown }).id).startsWith('changes:');
export const isFormerGroup = (n: unknown): n is FormerGroupNode => has(n, 'id') && /^former:\d+:\d+$/.test(String((n as { id: unknown }).id));
export const isGroup = (n: unknown): n is GroupNode => has(n, 'group') && !has(n, 'index');
export const isRange = (n: unknown): n is RangeNode => has(n, 'index') && has(n, 'parent');
export const isMessage = (n: unknown): n is MessageNode => has(n, 'kind') && has(n, 'label');

/** Every member row under a node (a workspace, group or range), opening groups and ranges. */
export async function memberRows(api: ExtensionApi, node: TreeNode): Promise<MemberNode[]> {
  const out: MemberNode[] = [];
  for (const child of await api.tree.getChildren(node)) {
    if (isMember(child)) out.push(child);
    else if (isGroup(child) || isRange(child)) out.push(...(await memberRows(api, child)));
  }
  return out;
}

/** The workspace's rows once its members have loaded: messages, groups. */
export async function childrenWhenLoaded(api: ExtensionApi, node: WorkspaceNode, timeoutMs = 30_000): Promise<TreeNode[]> {
  await api.tree.getChildren(node);
  return waitFor(
    'members loaded',
    async () => {
      const children = await api.tree.getChildren(node);
      const members = api.tree.accountOf(node)?.membersOf(node.gid);
      const busy = children.some((c) => isMessage(c) && c.kind === 'loading') || members?.isRefreshing;
      return busy ? undefined : children;
    },
    timeoutMs,
  );
}

/** Member rows of a workspace once loaded (the admin check done too). */
export async function loadedMembers(api: ExtensionApi, node: WorkspaceNode): Promise<MemberNode[]> {
  await childrenWhenLoaded(api, node);
  await waitFor('admin check', () => api.tree.accountOf(node)?.isAdmin(node.gid) !== undefined);
  return memberRows(api, node);
}

/**
 * Selects a row and waits until the selection holds: a refresh queued by an earlier sign-in or
 * sign-out can land after the reveal and clear it, so reveal again until it stays for half a second.
 */
export async function selectInTree(api: ExtensionApi, node: TreeNode): Promise<void> {
  let stableSince: number | undefined;
  await waitFor(`${node.id} selected`, async () => {
    if (api.treeView.selection[0] === node || (api.treeView.selection[0] as TreeNode | undefined)?.id === node.id) {
      stableSince ??= Date.now();
      return Date.now() - stableSince >= 500;
    }
    stableSince = undefined;
    await api.treeView.reveal(node, { select: true });
    return false;
  });
}
