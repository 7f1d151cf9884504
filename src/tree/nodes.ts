/** One class per kind of row; ids are stable so expansion and selection survive a refresh. */
import type { Membership, Workspace } from '../asana/schemas';

export class WorkspaceNode {
  readonly id: string;
  constructor(
    public workspace: Workspace,
    /** Whether the signed-in user is an admin here; undefined until known. */
    public isAdmin: boolean | undefined = undefined,
  ) {
    this.id = `workspace:${workspace.gid}`;
  }
  get gid(): string {
    return this.workspace.gid;
  }
}

export class MemberNode {
  readonly id: string;
  constructor(
    readonly parent: WorkspaceNode,
    readonly membership: Membership,
    readonly email: string | undefined,
    readonly canRemove: boolean,
    readonly isMe: boolean,
    /** Set while a mutation on this member runs ("Removing…"). */
    readonly busy: string | undefined = undefined,
  ) {
    this.id = `member:${parent.gid}:${membership.gid}`;
  }
}

export type MessageKind = 'loading' | 'error' | 'empty' | 'info';

export class MessageNode {
  constructor(
    readonly id: string,
    readonly label: string,
    readonly kind: MessageKind,
    readonly parent: WorkspaceNode | undefined,
    readonly tooltip?: string,
    readonly command?: { command: string; title: string; arguments?: unknown[] },
  ) {}
}

export type TreeNode = WorkspaceNode | MemberNode | MessageNode;
