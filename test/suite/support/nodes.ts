/**
 * Tree nodes come from the bundled extension, not from out/src, so `instanceof` cannot tell them
 * apart in tests: these guards go by shape.
 */
import type { MemberNode, MessageNode, WorkspaceNode } from '../../../src/tree/nodes';

export const isWorkspace = (n: unknown): n is WorkspaceNode => !!n && typeof n === 'object' && 'workspace' in n;
export const isMember = (n: unknown): n is MemberNode => !!n && typeof n === 'object' && 'membership' in n;
export const isMessage = (n: unknown): n is MessageNode => !!n && typeof n === 'object' && 'kind' in n && 'label' in n;
