/**
 * The Asana view: a projection of the store. Workspaces at the root (with several accounts signed in,
 * the accounts at the root and their workspaces below); under each workspace, its members by role
 * (Admins, Members, Guests, View-only, Inactive), a big group in ranges of a thousand so that no
 * redraw sends more rows than a person can have open. Store events redraw only the workspace they
 * are about, at most every 250 ms while a listing streams in.
 */
import * as vscode from 'vscode';
import type { Membership, Workspace } from '../asana/schemas';
import type { ChannelLogger } from '../log/channelLogger';
import { describeFilter, isActive, matchesFilter, NO_FILTER, type MemberFilter } from '../members/memberFilter';
import type { AccountStore } from '../store/accountStore';
import { MEMBER_GROUPS } from '../store/memberRoles';
import type { Store } from '../store/store';
import type { WorkspaceMembers } from '../store/workspaceMembers';
import { outOfOfficeMarkdown } from '../members/describeMember';
import { setViewState } from '../util/contextKeys';
import { escapeMarkdown } from '../util/markdown';
import { timeAgo } from '../util/relativeTime';
import { GroupRowsCache, RANGE_SIZE, type GroupRows } from './groupRows';
import { foldText } from '../store/foldText';
import { accountScope } from '../store/accountScope';
import type { HiddenWorkspaces } from './hiddenWorkspaces';
import type { DefaultWorkspaces } from './defaultWorkspaces';
import { formatNumber } from '../util/displayLocale';
import type { FormerMember } from '../store/formerCodec';
import { AccountNode, accountGidOf, ChangesNode, FormerGroupNode, FormerNode, GroupNode, MemberNode, MessageNode, RangeNode, WorkspaceNode, type TreeNode } from './nodes';
import type { Account } from '../auth/tokenStore';
import {
  accountItem,
  changesItem,
  formerGroupItem,
  formerItem,
  groupItem,
  memberItem,
  memberTooltip,
  messageItem,
  rangeItem,
  workspaceItem,
  type MemberRowState,
} from './treeItems';
import type { ViewMemory } from './viewMemory';
import { l10n } from '../util/l10n';

export const VIEW_ID = 'asana.workspaces';
/** Members arrive a hundred at a time; redrawing at most this often keeps a big list smooth. */
const REDRAW_INTERVAL_MS = 250;
/** Workspaces this small open their groups at once: a click less, and few rows. */
const SMALL_WORKSPACE = 200;

/** What the view has sent to VS Code: for the benchmarks and the tests that watch redraw sizes. */
export interface TreeStats {
  redraws: number;
  /** Rows returned by getChildren since the last redraw started. */
  rowsSinceRedraw: number;
  maxRowsPerRedraw: number;
}

export class WorkspaceTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly stats: TreeStats = { redraws: 0, rowsSinceRedraw: 0, maxRowsPerRedraw: 0 };
  private view: vscode.TreeView<TreeNode> | undefined;
  private filter: MemberFilter;
  private readonly rowsCache = new GroupRowsCache();
  private accountNodes = new Map<string, AccountNode>();
  /** By node id: an account and a workspace. */
  private workspaceNodes = new Map<string, WorkspaceNode>();
  private nodes = new Map<string, GroupNode | RangeNode | MemberNode | ChangesNode | FormerGroupNode | FormerNode>();
  private readonly redraws = new Map<string, NodeJS.Timeout>();
  private readonly progress = new Set<WorkspaceMembers>();
  private readonly subscriptions: { dispose(): unknown }[] = [];
  /** Why the workspaces shown may be old (a failed refresh), for the view's message. */
  private refreshError: string | undefined;
  /** That some workspaces are hidden, for the view's message. */
  private hiddenNote: string | undefined;

  private rootReady: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly memory: ViewMemory,
    private readonly hidden: HiddenWorkspaces,
    private readonly defaults: DefaultWorkspaces,
    private readonly logger: ChannelLogger,
    /** Who each account is, for its row (the session knows). */
    private readonly who: (accountGid: string) => Account | undefined = () => undefined,
  ) {
    this.filter = memory.filter();
    this.subscriptions.push(
      this.changed,
      store.onDidChangeAccounts(() => this.reset()),
      store.onDidChangeWorkspaces((account) => (this.store.account ? this.redrawAll() : this.fire(this.accountNodes.get(account.accountGid)))),
      store.onDidChangeMembers(({ account, workspaceGid, change }) => this.scheduleRedraw(account, workspaceGid, change === 'all')),
      hidden.onDidChange(() => this.redrawAll()),
      defaults.onDidChange(() => this.redrawAll()),
      // The default workspace is marked on its row.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('asana.defaultWorkspace')) this.redrawAll();
      }),
    );
  }

  attach(view: vscode.TreeView<TreeNode>): void {
    this.view = view;
    this.subscriptions.push(
      view.onDidExpandElement((e) => this.memory.setExpanded(e.element.id, true)),
      view.onDidCollapseElement((e) => this.memory.setExpanded(e.element.id, false)),
    );
    this.showViewMessage();
  }

  get currentFilter(): MemberFilter {
    return this.filter;
  }

  setFilter(filter: MemberFilter): void {
    this.filter = isActive(filter) ? filter : NO_FILTER;
    this.memory.setFilter(this.filter);
    this.showViewMessage();
    this.redrawAll();
  }

  /** The account of the first selected row, if any. */
  selectedAccountGid(): string | undefined {
    const node = this.view?.selection[0];
    return node && accountGidOf(node);
  }

  /** The workspace of the first selected row, if any. */
  selectedWorkspaceGid(): string | undefined {
    const node = this.view?.selection[0];
    if (node instanceof AccountNode) return undefined;
    if (node instanceof WorkspaceNode) return node.gid;
    if (node instanceof GroupNode) return node.parent.gid;
    if (node instanceof RangeNode) return node.parent.parent.gid;
    if (node instanceof MemberNode || node instanceof FormerNode) return node.workspace.gid;
    if (node instanceof FormerGroupNode || node instanceof ChangesNode) return node.parent.gid;
    return node?.parent instanceof WorkspaceNode ? node.parent.gid : undefined;
  }

  /** The member rows selected (a keybinding hands its command no row: it acts on these). */
  selectedMembers(): MemberNode[] {
    return (this.view?.selection ?? []).filter((n): n is MemberNode => n instanceof MemberNode);
  }

  /** The row of a workspace as an account sees it, as drawn in the view. */
  workspaceNode(accountGid: string, workspace: Workspace): WorkspaceNode {
    const id = WorkspaceNode.idOf(accountGid, workspace.gid);
    let node = this.workspaceNodes.get(id);
    if (!node) this.workspaceNodes.set(id, (node = new WorkspaceNode(accountGid, workspace)));
    node.workspace = workspace;
    return node;
  }

  /** The account a row belongs to, while it is signed in. */
  accountOf(node: TreeNode): AccountStore | undefined {
    const gid = accountGidOf(node);
    return gid === undefined ? undefined : this.store.accountOf(gid);
  }

  /**
   * Shows a person's row: waits for the listing to reach them, clears a filter that hides them, and
   * opens their group and range. False when they are not an active member.
   */
  async revealMember(account: AccountStore, workspaceGid: string, userGid: string): Promise<boolean> {
    const membership = await account.whenMember(workspaceGid, userGid);
    const workspace = account.workspace(workspaceGid);
    if (!membership?.is_active || !workspace || this.store.accountOf(account.accountGid) !== account) return false;
    const index = account.membersOf(workspaceGid)!.index;
    if (!matchesFilter(membership, index.emailOf(userGid), this.filter)) this.setFilter(NO_FILTER);
    const node = this.memberNode(this.workspaceNode(account.accountGid, workspace), membership, index.emailOf(userGid));
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    await this.view?.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }

  async refresh(): Promise<void> {
    await this.withViewProgress(Promise.all(this.store.accounts.map((a) => a.refresh())));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const account = this.accountOf(node);
    if (node instanceof AccountNode) {
      node.account = this.who(node.accountGid) ?? node.account;
      return accountItem(node, account?.workspaces?.length);
    }
    if (node instanceof WorkspaceNode) {
      node.workspace = account?.workspace(node.gid) ?? node.workspace;
      const members = account?.membersOf(node.gid);
      const started = members && members.state !== 'idle';
      return workspaceItem(node.workspace, node.id, {
        isAdmin: account?.isAdmin(node.gid),
        members: started ? { count: members.index.activeCount, loading: members.state === 'loading', ...(isActive(this.filter) ? { shown: this.shownCount(node, members) } : {}) } : undefined,
        asOf: started && members.fromSnapshot && members.asOf !== undefined ? timeAgo(members.asOf) : undefined,
        expanded: this.memory.isExpanded(node.id),
        isDefault: account !== undefined && this.defaults.of(accountScope(account)) === node.gid,
      });
    }
    if (node instanceof GroupNode) {
      const members = account?.membersOf(node.parent.gid);
      const total = members?.index.count(node.group) ?? 0;
      const shown = members ? this.rowsOf(node.parent, members, node).count : 0;
      const small = !node.whileLoading && (members?.index.activeCount ?? 0) <= SMALL_WORKSPACE;
      return groupItem(node, shown, total, small || this.memory.isExpanded(node.id));
    }
    if (node instanceof RangeNode) {
      const members = account?.membersOf(node.parent.parent.gid);
      const rows = members ? this.rowsOf(node.parent.parent, members, node.parent) : undefined;
      const start = node.index * RANGE_SIZE;
      const end = Math.min(start + RANGE_SIZE, rows?.count ?? 0);
      const [first] = rows?.slice(start, start + 1) ?? [];
      const [last] = rows?.slice(end - 1, end) ?? [];
      return rangeItem(node, start, end, first?.user.name ?? '', last?.user.name ?? '', this.memory.isExpanded(node.id));
    }
    if (node instanceof MemberNode) return memberItem(node, this.memberState(account, node.membership));
    if (node instanceof ChangesNode) {
      const history = account?.membersOf(node.parent.gid)?.history;
      if (history?.changes) return changesItem(node, history.changes, history.isFirstLook);
      return messageItem(new MessageNode(node.id, l10n.t('Roster changes: waiting for the whole roster'), 'info', node.parent));
    }
    if (node instanceof FormerGroupNode) {
      const members = account?.membersOf(node.parent.gid);
      return formerGroupItem(node, members ? this.shownFormer(members).length : 0, this.memory.isExpanded(node.id));
    }
    if (node instanceof FormerNode) return formerItem(node, account?.isAdmin(node.workspace.gid) === true);
    return messageItem(node);
  }

  /** The member's details, with their out-of-office entries asked of Asana when first hovered. */
  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
    if (!(node instanceof MemberNode)) return item;
    const account = this.accountOf(node);
    if (!account || !node.membership.is_active) {
      item.tooltip = memberTooltip(node);
      return item;
    }
    let outOfOffice: string;
    try {
      outOfOffice = outOfOfficeMarkdown(await account.outOfOffice.entries(node.workspace.gid, node.membership.user.gid));
    } catch (e) {
      outOfOffice = l10n.t('Out of office: unknown ({0})', escapeMarkdown(this.logger.clean(e instanceof Error ? e.message : String(e))));
    }
    item.tooltip = memberTooltip(node, outOfOffice);
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node instanceof WorkspaceNode) return this.store.account ? undefined : this.accountNode(node.accountGid);
    if (node instanceof GroupNode) return node.parent;
    if (node instanceof RangeNode) return node.parent;
    if (node instanceof MessageNode || node instanceof ChangesNode || node instanceof FormerGroupNode) return node.parent;
    if (node instanceof FormerNode) return node.parent;
    if (node instanceof MemberNode) {
      const members = this.accountOf(node)?.membersOf(node.workspace.gid);
      const group = members?.index.groupOf(node.membership.gid);
      if (!members || !group) return node.workspace;
      const state = members.state;
      const groupNode = this.groupNode(node.workspace, group, state === 'loading' || state === 'idle');
      const rows = this.rowsOf(node.workspace, members, groupNode);
      if (rows.count <= RANGE_SIZE) return groupNode;
      return this.rangeNode(groupNode, Math.floor(Math.max(0, rows.positionOf(node.membership.gid)) / RANGE_SIZE));
    }
    return undefined;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const children = await this.children(node);
    this.stats.rowsSinceRedraw += children.length;
    return children;
  }

  dispose(): void {
    for (const timer of this.redraws.values()) clearTimeout(timer);
    for (const d of this.subscriptions) d.dispose();
  }

  /** The root waits for `ready` (the stored sign-in being read) rather than showing an empty view meanwhile. */
  holdRootUntil(ready: Promise<unknown>): void {
    this.rootReady = ready;
  }

  private async children(node: TreeNode | undefined): Promise<TreeNode[]> {
    if (!node) {
      await this.rootReady;
      const accounts = this.store.accounts;
      if (accounts.length > 1) return this.accountRows(accounts);
      return this.rootChildren(accounts[0]);
    }
    const account = this.accountOf(node);
    if (!account) return [];
    if (node instanceof AccountNode) return this.accountChildren(account, node);
    if (node instanceof WorkspaceNode) return this.workspaceChildren(account, node);
    if (node instanceof GroupNode) {
      const members = account.membersOf(node.parent.gid);
      if (!members) return [];
      const rows = this.rowsOf(node.parent, members, node);
      if (rows.count <= RANGE_SIZE) return this.memberNodes(node.parent, members, rows.slice(0, rows.count));
      return Array.from({ length: Math.ceil(rows.count / RANGE_SIZE) }, (_, i) => this.rangeNode(node, i));
    }
    if (node instanceof RangeNode) {
      const members = account.membersOf(node.parent.parent.gid);
      if (!members) return [];
      const rows = this.rowsOf(node.parent.parent, members, node.parent);
      return this.memberNodes(node.parent.parent, members, rows.slice(node.index * RANGE_SIZE, (node.index + 1) * RANGE_SIZE));
    }
    if (node instanceof FormerGroupNode) {
      const members = account.membersOf(node.parent.gid);
      return members ? this.shownFormer(members).map((f) => this.formerNode(node, f)) : [];
    }
    return [];
  }

  /**
   * Former members not also shown as an Inactive row (someone removed here stays there until the
   * next listing), narrowed by the filter's text; a role filter is about members and leaves them out.
   */
  private shownFormer(members: WorkspaceMembers): FormerMember[] {
    if (this.filter.roles.length > 0) return [];
    const text = foldText(this.filter.text.trim());
    return members.history.former.filter(
      (f) => members.index.byUserGid(f.userGid) === undefined && (!text || foldText(`${f.name} ${f.email ?? ''}`).includes(text)),
    );
  }

  private formerNode(group: FormerGroupNode, former: FormerMember): FormerNode {
    const id = FormerNode.idOf(group, former.userGid);
    let node = this.nodes.get(id) as FormerNode | undefined;
    if (!node) this.nodes.set(id, (node = new FormerNode(group, former)));
    node.former = former;
    return node;
  }

  private async rootChildren(account: AccountStore | undefined): Promise<TreeNode[]> {
    if (!account) {
      void setViewState('signedOut');
      return [];
    }
    if (account.workspaces === undefined) void setViewState('loading');
    await this.withViewProgress(account.start());
    if (this.store.account !== account) return [];
    const list = account.workspaces;
    if (list === undefined) {
      void setViewState(account.workspacesState === 'loading' ? 'loading' : 'unreachable');
      this.refreshError = account.workspacesError ? l10n.t('Could not load workspaces: {0}', account.workspacesError.message) : undefined;
      this.showViewMessage();
      return [];
    }
    void setViewState(list.length ? 'ready' : 'empty');
    this.refreshError = account.workspacesError && account.workspacesAsOf !== undefined
      ? l10n.t('Refresh failed, showing the last loaded data (workspaces as of {0}): {1}', timeAgo(account.workspacesAsOf), account.workspacesError.message)
      : undefined;
    const hidden = this.hidden.of(accountScope(account));
    const shown = list.filter((w) => !hidden.has(w.gid));
    this.hiddenNote = shown.length < list.length ? l10n.t('{0} of {1} workspaces shown ("Asana: Select Workspaces…" to change).', formatNumber(shown.length), formatNumber(list.length)) : undefined;
    this.showViewMessage();
    return shown.map((w) => this.workspaceNode(account.accountGid, w));
  }

  /** Several accounts: one row each; what goes wrong for one is said under its row. */
  private accountRows(accounts: readonly AccountStore[]): TreeNode[] {
    void setViewState('ready');
    this.refreshError = undefined;
    this.hiddenNote = undefined;
    this.showViewMessage();
    return accounts.map((a) => this.accountNode(a.accountGid));
  }

  private async accountChildren(account: AccountStore, node: AccountNode): Promise<TreeNode[]> {
    await this.withViewProgress(account.start());
    if (this.store.accountOf(account.accountGid) !== account) return [];
    const list = account.workspaces;
    const clean = (text: string) => this.logger.clean(text);
    const messages: MessageNode[] = [];
    const retry = { command: 'asana.refresh', title: l10n.t('Retry') };
    if (list === undefined) {
      const error = account.workspacesError;
      return [
        error
          ? new MessageNode(`${node.id}:error`, l10n.t('Could not load workspaces: {0}', clean(error.message)), 'error', node, l10n.t('Click to try again'), retry)
          : new MessageNode(`${node.id}:loading`, l10n.t('Loading workspaces…'), 'loading', node),
      ];
    }
    if (account.workspacesError && account.workspacesAsOf !== undefined) {
      const label = l10n.t('Refresh failed, showing the last loaded data (workspaces as of {0}): {1}', timeAgo(account.workspacesAsOf), clean(account.workspacesError.message));
      messages.push(new MessageNode(`${node.id}:refresh-error`, label, 'error', node, l10n.t('Click to try again'), retry));
    }
    const hidden = this.hidden.of(accountScope(account));
    const shown = list.filter((w) => !hidden.has(w.gid));
    if (shown.length < list.length) {
      messages.push(new MessageNode(`${node.id}:hidden`, l10n.t('{0} of {1} workspaces shown ("Asana: Select Workspaces…" to change).', formatNumber(shown.length), formatNumber(list.length)), 'info', node));
    }
    if (list.length === 0) messages.push(new MessageNode(`${node.id}:empty`, l10n.t('No workspaces'), 'empty', node));
    return [...messages, ...shown.map((w) => this.workspaceNode(account.accountGid, w))];
  }

  private accountNode(accountGid: string): AccountNode {
    let node = this.accountNodes.get(accountGid);
    const who = this.who(accountGid) ?? node?.account ?? { gid: accountGid, name: accountGid, email: undefined };
    if (!node) this.accountNodes.set(accountGid, (node = new AccountNode(accountGid, who)));
    node.account = who;
    return node;
  }

  private async workspaceChildren(account: AccountStore, node: WorkspaceNode): Promise<TreeNode[]> {
    const members = account.loadMembers(node.gid);
    if (!members) return [];
    // A snapshot is a few milliseconds away: show it rather than flash "Loading…".
    await members.whenSnapshotTried();
    if (this.store.accountOf(account.accountGid) !== account) return [];
    if (members.state === 'loading' && !this.progress.has(members)) {
      this.progress.add(members);
      void this.withViewProgress(members.start()).finally(() => this.progress.delete(members));
    }
    const index = members.index;
    const messages: MessageNode[] = [];
    const clean = (text: string) => this.logger.clean(text);
    if (members.state === 'loading' || members.state === 'idle') {
      messages.push(new MessageNode(`${node.id}:loading`, l10n.t('Loading members… {0} so far', formatNumber(index.activeCount)), 'loading', node));
    } else if (members.state === 'failed' && members.error) {
      const retry = { command: 'asana.retryMembers', title: l10n.t('Retry'), arguments: [node] };
      const label = index.size
        ? l10n.t('Stopped after {0} members: {1}', formatNumber(index.activeCount), clean(members.error.message))
        : l10n.t('Could not load members: {0}', clean(members.error.message));
      messages.push(new MessageNode(`${node.id}:error`, label, 'error', node, l10n.t('Click to try again'), retry));
    }
    if (members.refreshError && members.asOf !== undefined) {
      const label = l10n.t('Refresh failed, showing members as of {0}: {1}', timeAgo(members.asOf), clean(members.refreshError.message));
      messages.push(new MessageNode(`${node.id}:refresh-error`, label, 'error', node, l10n.t('Click to try again'), { command: 'asana.retryMembers', title: l10n.t('Retry'), arguments: [node] }));
    }
    if (members.emailError && index.size) {
      messages.push(new MessageNode(`${node.id}:emails`, l10n.t('Emails unavailable: {0}', clean(members.emailError.message)), 'error', node));
    }
    const loading = members.state === 'loading' || members.state === 'idle';
    const groups = MEMBER_GROUPS.map((g) => this.groupNode(node, g, loading)).filter((g) => this.rowsOf(node, members, g).count > 0);
    if (groups.length === 0 && members.state === 'done') {
      messages.push(
        isActive(this.filter) && index.size > 0
          ? new MessageNode(`${node.id}:filtered`, l10n.t('No member matches the filter ({0} hidden): click to clear it', formatNumber(index.activeCount)), 'empty', node, undefined, {
              command: 'asana.clearFilter',
              title: l10n.t('Clear Filter'),
            })
          : new MessageNode(`${node.id}:empty`, l10n.t('No active members'), 'empty', node),
      );
    }
    // A filter narrows the view to people: the workspace's news waits until it is cleared.
    const news = members.state === 'done' && members.history.changes && !isActive(this.filter) ? [this.changesNode(node)] : [];
    const former = members.state === 'done' && this.shownFormer(members).length > 0 ? [this.formerGroupNode(node)] : [];
    return [...messages, ...news, ...groups, ...former];
  }

  private changesNode(workspace: WorkspaceNode): ChangesNode {
    const id = ChangesNode.idOf(workspace);
    let node = this.nodes.get(id) as ChangesNode | undefined;
    if (!node) this.nodes.set(id, (node = new ChangesNode(workspace)));
    return node;
  }

  private formerGroupNode(workspace: WorkspaceNode): FormerGroupNode {
    const id = FormerGroupNode.idOf(workspace);
    let node = this.nodes.get(id) as FormerGroupNode | undefined;
    if (!node) this.nodes.set(id, (node = new FormerGroupNode(workspace)));
    return node;
  }

  private memberNodes(workspace: WorkspaceNode, members: WorkspaceMembers, list: readonly Membership[]): MemberNode[] {
    return list.map((m) => this.memberNode(workspace, m, members.index.emailOf(m.user.gid)));
  }

  private memberNode(workspace: WorkspaceNode, membership: Membership, email: string | undefined): MemberNode {
    const id = MemberNode.idOf(workspace, membership.gid);
    let node = this.nodes.get(id) as MemberNode | undefined;
    if (!node) this.nodes.set(id, (node = new MemberNode(workspace, membership, email)));
    node.membership = membership;
    node.email = email;
    return node;
  }

  private groupNode(workspace: WorkspaceNode, group: GroupNode['group'], whileLoading: boolean): GroupNode {
    const id = GroupNode.idOf(workspace, group, whileLoading);
    let node = this.nodes.get(id) as GroupNode | undefined;
    if (!node) this.nodes.set(id, (node = new GroupNode(workspace, group, whileLoading)));
    return node;
  }

  private rangeNode(group: GroupNode, index: number): RangeNode {
    const id = RangeNode.idOf(group, index);
    let node = this.nodes.get(id) as RangeNode | undefined;
    if (!node) this.nodes.set(id, (node = new RangeNode(group, index)));
    return node;
  }

  /** The members the filter keeps, over every group. */
  private shownCount(node: WorkspaceNode, members: WorkspaceMembers): number {
    return MEMBER_GROUPS.reduce((sum, g) => sum + this.rowsCache.rows(node.id, members.index, g, this.filter).count, 0);
  }

  private rowsOf(workspace: WorkspaceNode, members: WorkspaceMembers, group: GroupNode): GroupRows {
    return this.rowsCache.rows(workspace.id, members.index, group.group, this.filter);
  }

  private memberState(account: AccountStore | undefined, m: Membership): MemberRowState {
    return {
      canRemove: account?.isAdmin(m.workspace.gid) === true,
      isMe: m.user.gid === account?.accountGid,
      busy: account?.busyLabel(m.gid),
    };
  }

  private scheduleRedraw(account: AccountStore, workspaceGid: string, now: boolean): void {
    const key = WorkspaceNode.idOf(account.accountGid, workspaceGid);
    const node = this.workspaceNodes.get(key);
    if (!node) return;
    const streaming = account.membersOf(workspaceGid)?.state === 'loading';
    if (now || !streaming) {
      const timer = this.redraws.get(key);
      if (timer) clearTimeout(timer);
      this.redraws.delete(key);
      this.fire(node);
      return;
    }
    if (this.redraws.has(key)) return;
    this.redraws.set(
      key,
      setTimeout(() => {
        this.redraws.delete(key);
        this.fire(node);
      }, REDRAW_INTERVAL_MS),
    );
  }

  private fire(node: TreeNode | undefined): void {
    this.stats.redraws++;
    this.stats.maxRowsPerRedraw = Math.max(this.stats.maxRowsPerRedraw, this.stats.rowsSinceRedraw);
    this.stats.rowsSinceRedraw = 0;
    this.changed.fire(node);
  }

  private redrawAll(): void {
    this.fire(undefined);
  }

  /** Forgets the rows of the accounts that were signed in. */
  private reset(): void {
    for (const timer of this.redraws.values()) clearTimeout(timer);
    this.redraws.clear();
    this.accountNodes = new Map();
    this.workspaceNodes = new Map();
    this.nodes = new Map();
    this.rowsCache.clear();
    this.refreshError = undefined;
    this.hiddenNote = undefined;
    this.showViewMessage();
    this.fire(undefined);
  }

  /** The view's message: why the rows may be old, then the filter (the description is hidden when the view is alone in its container). */
  private showViewMessage(): void {
    if (!this.view) return;
    const text = describeFilter(this.filter);
    this.view.description = text || undefined;
    const parts = [this.refreshError, this.hiddenNote, text ? l10n.t('{0}. Clear it with the filter button or "Asana: Clear Member Filter".', text) : undefined];
    const message = parts.filter(Boolean).join('\n');
    this.setMessage(message || undefined);
    void vscode.commands.executeCommand('setContext', 'asana.filtered', isActive(this.filter));
  }

  private setMessage(message: string | undefined): void {
    if (this.view) this.view.message = message === undefined ? undefined : this.logger.clean(message);
  }

  private withViewProgress<T>(work: Promise<T>): Promise<T> {
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => work));
  }
}
