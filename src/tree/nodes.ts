/**
 * One class per kind of row. Ids are stable (expansion and selection survive a refresh and a reload),
 * and each node carries the record it was last drawn with, so a command run on a row acts on what
 * the person saw.
 */
import type { Membership, Workspace } from '../asana/schemas';
import type { FormerMember } from '../store/formerCodec';
import type { MemberGroup } from '../store/memberRoles';

export class WorkspaceNode {
  readonly id: string;
  constructor(public workspace: Workspace) {
    this.id = `workspace:${workspace.gid}`;
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
    this.id = `group:${parent.gid}:${group}${whileLoading ? ':loading' : ''}`;
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
    this.id = `range:${parent.id.slice('group:'.length)}:${index}`;
  }
}

export class MemberNode {
  readonly id: string;
  constructor(
    readonly workspace: WorkspaceNode,
    public membership: Membership,
    public email: string | undefined,
  ) {
    this.id = `member:${workspace.gid}:${membership.gid}`;
  }
}

/** "12 changes since Nov 28": opens the roster changes report. */
export class ChangesNode {
  readonly id: string;
  constructor(readonly parent: WorkspaceNode) {
    this.id = `changes:${parent.gid}`;
  }
}

/** People seen here as active members who no longer are. */
export class FormerGroupNode {
  readonly id: string;
  constructor(readonly parent: WorkspaceNode) {
    this.id = `former:${parent.gid}`;
  }
}

export class FormerNode {
  readonly id: string;
  constructor(
    readonly parent: FormerGroupNode,
    public former: FormerMember,
  ) {
    this.id = `former:${parent.parent.gid}:${former.userGid}`;
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
    readonly parent: WorkspaceNode | undefined,
    readonly tooltip?: string,
    readonly command?: { command: string; title: string; arguments?: unknown[] },
  ) {}
}

export type TreeNode = WorkspaceNode | GroupNode | RangeNode | MemberNode | MessageNode | ChangesNode | FormerGroupNode | FormerNode;
