/**
 * One class per kind of row. Ids are stable (expansion and selection survive a refresh and a reload),
 * and each node carries the record it was last drawn with, so a command run on a row acts on what
 * the person saw.
 */
import type { Membership, Workspace } from '../asana/schemas';
import type { Account } from '../auth/tokenStore';
import type { FormerMember } from '../store/formerCodec';
import type { MemberGroup } from '../store/memberRoles';

/** An account's row: shown at the root only when several accounts are signed in. */
export class AccountNode {
  readonly id: string;
  constructor(
    readonly accountGid: string,
    public account: Account,
  ) {
    this.id = `account:${accountGid}`;
  }
}

/** A workspace as one account sees it: a workspace two accounts share has a row under each. */
export class WorkspaceNode {
  readonly id: string;
  constructor(
    readonly accountGid: string,
    public workspace: Workspace,
  ) {
    this.id = WorkspaceNode.idOf(accountGid, workspace.gid);
  }
  static idOf(accountGid: string, workspaceGid: string): string {
    return `workspace:${accountGid}:${workspaceGid}`;
  }
  get gid(): string {
    return this.workspace.gid;
  }
}

/**
 * Admins, Members, Guests, View-only, Inactive: the members of a workspace by role. While the first
 * listing streams in, groups carry ids of their own: VS Code keeps a row's first expansion state, and
 * whether a workspace is small enough to open its groups is known only once the listing is complete.
 */
export class GroupNode {
  readonly id: string;
  constructor(
    readonly parent: WorkspaceNode,
    readonly group: MemberGroup,
    readonly whileLoading = false,
  ) {
    this.id = GroupNode.idOf(parent, group, whileLoading);
  }
  static idOf(parent: WorkspaceNode, group: MemberGroup, whileLoading: boolean): string {
    return `group:${parent.accountGid}:${parent.gid}:${group}${whileLoading ? ':loading' : ''}`;
  }
}

/** A thousand members of a big group, by position in name order. */
export class RangeNode {
  readonly id: string;
  constructor(
    readonly parent: GroupNode,
    /** Which thousand: 0 for the first. */
    readonly index: number,
  ) {
    this.id = RangeNode.idOf(parent, index);
  }
  static idOf(parent: GroupNode, index: number): string {
    return `range:${parent.id.slice('group:'.length)}:${index}`;
  }
}

export class MemberNode {
  readonly id: string;
  constructor(
    readonly workspace: WorkspaceNode,
    public membership: Membership,
    public email: string | undefined,
  ) {
    this.id = MemberNode.idOf(workspace, membership.gid);
  }
  static idOf(workspace: WorkspaceNode, membershipGid: string): string {
    return `member:${workspace.accountGid}:${workspace.gid}:${membershipGid}`;
  }
}

/** "12 changes since Nov 28": opens the roster changes report. */
export class ChangesNode {
  readonly id: string;
  constructor(readonly parent: WorkspaceNode) {
    this.id = ChangesNode.idOf(parent);
  }
  static idOf(parent: WorkspaceNode): string {
    return `changes:${parent.accountGid}:${parent.gid}`;
  }
}

/** People seen here as active members who no longer are. */
export class FormerGroupNode {
  readonly id: string;
  constructor(readonly parent: WorkspaceNode) {
    this.id = FormerGroupNode.idOf(parent);
  }
  static idOf(parent: WorkspaceNode): string {
    return `former:${parent.accountGid}:${parent.gid}`;
  }
}

export class FormerNode {
  readonly id: string;
  constructor(
    readonly parent: FormerGroupNode,
    public former: FormerMember,
  ) {
    this.id = FormerNode.idOf(parent, former.userGid);
  }
  static idOf(parent: FormerGroupNode, userGid: string): string {
    return `${parent.id}:${userGid}`;
  }
  get workspace(): WorkspaceNode {
    return this.parent.parent;
  }
}

export type MessageKind = 'loading' | 'error' | 'empty' | 'info';

export class MessageNode {
  constructor(
    readonly id: string,
    readonly label: string,
    readonly kind: MessageKind,
    readonly parent: WorkspaceNode | AccountNode | undefined,
    readonly tooltip?: string,
    readonly command?: { command: string; title: string; arguments?: unknown[] },
  ) {}
}

export type TreeNode = AccountNode | WorkspaceNode | GroupNode | RangeNode | MemberNode | MessageNode | ChangesNode | FormerGroupNode | FormerNode;

/** The account a row belongs to: commands run on a row act as that account. */
export function accountGidOf(node: TreeNode): string | undefined {
  if (node instanceof AccountNode || node instanceof WorkspaceNode) return node.accountGid;
  if (node instanceof GroupNode || node instanceof ChangesNode || node instanceof FormerGroupNode) return node.parent.accountGid;
  if (node instanceof RangeNode) return node.parent.parent.accountGid;
  if (node instanceof MemberNode || node instanceof FormerNode) return node.workspace.accountGid;
  return node.parent?.accountGid;
}
