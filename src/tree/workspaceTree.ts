/**
 * The Asana view's data: workspaces at the root, their members below, loaded page by page.
 * A failed refresh keeps the old rows and says why; a rejected token leads back to sign-in;
 * an empty root always comes with a welcome message explaining it.
 */
import * as vscode from 'vscode';
import { collect } from '../asana/pagination';
import { isAsanaError, type AsanaError } from '../asana/errors';
import type { Workspace } from '../asana/schemas';
import type { Session } from '../auth/session';
import type { ChannelLogger } from '../log/channelLogger';
import { describeFilter, isActive, matchesFilter, NO_FILTER, type MemberFilter } from '../members/memberFilter';
import { MemberListing } from '../members/memberListing';
import { sortMembers } from '../members/sortMembers';
import { setViewState } from '../util/contextKeys';
import { MemberNode, MessageNode, WorkspaceNode, type TreeNode } from './nodes';
import { toTreeItem } from './treeItems';

/** Members arrive a hundred at a time; redrawing at most this often keeps a big list smooth. */
const REDRAW_INTERVAL_MS = 250;

export const VIEW_ID = 'asana.workspaces';

interface WorkspaceEntry {
  node: WorkspaceNode;
  listing: MemberListing | undefined;
  /** A newer listing loading after a refresh; the old one shows until it has finished. */
  next: MemberListing | undefined;
  redraw: NodeJS.Timeout | undefined;
  /** Member nodes by membership gid, reused while unchanged so reveal and selection keep their element. */
  nodes: Map<string, MemberNode>;
}

export class WorkspaceTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private entries = new Map<string, WorkspaceEntry>();
  private workspaces: Workspace[] | undefined;
  private loading: Promise<void> | undefined;
  private rootError: AsanaError | undefined;
  private view: vscode.TreeView<TreeNode> | undefined;
  private filter: MemberFilter = NO_FILTER;
  /** "Removing…" and the like, by membership gid, while a mutation runs. */
  private readonly busy = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Called when Asana rejects the token, so the session can end and sign-in be offered. */
  onUnauthorized: (error: AsanaError) => void = () => {};

  constructor(
    private readonly session: Session,
    private readonly logger: ChannelLogger,
  ) {
    this.subscriptions.push(this.changed, session.onDidChange(() => this.reset()));
  }

  attach(view: vscode.TreeView<TreeNode>): void {
    this.view = view;
  }

  get currentFilter(): MemberFilter {
    return this.filter;
  }

  setFilter(filter: MemberFilter): void {
    this.filter = filter;
    if (this.view) this.view.description = describeFilter(filter) || undefined;
    void vscode.commands.executeCommand('setContext', 'asana.filtered', isActive(filter));
    for (const entry of this.entries.values()) this.changed.fire(entry.node);
  }

  /** Shows a temporary state on a member ("Removing…"); undefined clears it. */
  setBusy(workspaceGid: string, membershipGid: string, label: string | undefined): void {
    if (label) this.busy.set(membershipGid, label);
    else this.busy.delete(membershipGid);
    this.redrawWorkspace(workspaceGid);
  }

  /** The workspace's node and listing, loading the workspaces first if needed. */
  async workspace(workspaceGid: string): Promise<{ node: WorkspaceNode; listing: MemberListing } | undefined> {
    if (this.workspaces === undefined) await this.loadWorkspaces(false);
    const w = this.workspaces?.find((x) => x.gid === workspaceGid);
    if (!w || !this.session.signedIn) return undefined;
    const entry = this.entryFor(w);
    if (!entry.listing) {
      entry.listing = this.createListing(entry);
      void this.checkAdmin(entry);
    }
    return { node: entry.node, listing: entry.listing };
  }

  /** Replaces a workspace record after a rename (or a re-read after a failed one). */
  updateWorkspace(workspace: Workspace): void {
    const i = this.workspaces?.findIndex((w) => w.gid === workspace.gid) ?? -1;
    if (i < 0 || !this.workspaces) return;
    this.workspaces[i] = workspace;
    const entry = this.entryFor(workspace);
    this.changed.fire(entry.node);
  }

  /** Whether the signed-in user is an admin of the workspace, asking Asana if not yet known. */
  async isAdmin(workspaceGid: string): Promise<boolean | undefined> {
    const found = await this.workspace(workspaceGid);
    if (!found) return undefined;
    if (found.node.isAdmin === undefined) await this.checkAdmin(this.entries.get(workspaceGid)!);
    return found.node.isAdmin;
  }

  /** The member's node once its listing holds it (waiting for pages still arriving). */
  async memberNode(workspaceGid: string, userGid: string, timeoutMs = 30_000): Promise<MemberNode | undefined> {
    const found = await this.workspace(workspaceGid);
    if (!found) return undefined;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = found.listing.findByUser(userGid);
      if (m) {
        const children = this.memberChildren(found.node);
        return children.find((c): c is MemberNode => c instanceof MemberNode && c.membership.gid === m.gid);
      }
      if (found.listing.state !== 'loading' || Date.now() > deadline) return undefined;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The workspace of the first selected row, if any. */
  selectedWorkspaceGid(): string | undefined {
    const node = this.view?.selection[0];
    if (node instanceof WorkspaceNode) return node.gid;
    if (node instanceof MemberNode || node instanceof MessageNode) return node.parent?.gid;
    return undefined;
  }

  async reveal(node: TreeNode): Promise<void> {
    await this.view?.reveal(node, { select: true, focus: true, expand: true });
  }

  /** Forgets everything (new account or sign-out) and redraws. */
  reset(): void {
    for (const entry of this.entries.values()) this.stopEntry(entry);
    this.entries = new Map();
    this.workspaces = undefined;
    this.rootError = undefined;
    this.loading = undefined;
    this.setMessage(undefined);
    this.changed.fire(undefined);
  }

  /** Reloads workspaces, then the members of expanded workspaces as they are shown again. */
  async refresh(): Promise<void> {
    if (!this.session.signedIn) return this.reset();
    await this.loadWorkspaces(true);
    if (!this.session.signedIn) return;
    for (const entry of this.entries.values()) {
      if (entry.listing && !entry.next) entry.next = this.createListing(entry);
    }
    this.changed.fire(undefined);
  }

  /** Starts the member listing of a workspace again after it failed. */
  retryMembers(workspaceGid: string): void {
    const entry = this.entries.get(workspaceGid);
    if (!entry) return;
    this.stopEntry(entry);
    entry.listing = undefined;
    this.changed.fire(entry.node);
  }

  workspaceNodes(): WorkspaceNode[] {
    return (this.workspaces ?? []).map((w) => this.entryFor(w).node);
  }

  listingOf(workspaceGid: string): MemberListing | undefined {
    return this.entries.get(workspaceGid)?.listing;
  }

  /** Redraws one workspace's members (after a mutation changed its listing). */
  redrawWorkspace(workspaceGid: string): void {
    const entry = this.entries.get(workspaceGid);
    if (entry) this.changed.fire(entry.node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const listing = node instanceof WorkspaceNode ? this.entries.get(node.gid)?.listing : undefined;
    const count = listing && listing.state !== 'idle' ? { count: listing.activeCount, loading: listing.state === 'loading' } : undefined;
    return toTreeItem(node, count);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node instanceof MemberNode) return node.parent;
    if (node instanceof MessageNode) return node.parent;
    return undefined;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.rootChildren();
    if (node instanceof WorkspaceNode) return this.memberChildren(node);
    return [];
  }

  dispose(): void {
    for (const entry of this.entries.values()) this.stopEntry(entry);
    for (const d of this.subscriptions) d.dispose();
  }

  private async rootChildren(): Promise<TreeNode[]> {
    if (!this.session.signedIn) {
      void setViewState('signedOut');
      return [];
    }
    if (this.workspaces === undefined) await this.loadWorkspaces(false);
    if (this.workspaces === undefined) {
      void setViewState(this.session.signedIn ? 'unreachable' : 'signedOut');
      return [];
    }
    void setViewState(this.workspaces.length ? 'ready' : 'empty');
    return this.workspaces.map((w) => this.entryFor(w).node);
  }

  private loadWorkspaces(isRefresh: boolean): Promise<void> {
    if (this.loading) return this.loading;
    const signedIn = this.session.signedIn;
    if (!signedIn) return Promise.resolve();
    void setViewState('loading');
    const run = async () => {
      try {
        const list = await collect(signedIn.client.workspacePages());
        if (this.session.signedIn !== signedIn) return;
        this.workspaces = list;
        this.rootError = undefined;
        this.setMessage(undefined);
        this.logger.info(`Loaded ${list.length} workspaces.`);
      } catch (e) {
        if (!isAsanaError(e)) throw e;
        this.rootError = e;
        this.logger.error(`Loading workspaces failed: ${e.message}`);
        if (e.kind === 'unauthorized') {
          this.onUnauthorized(e);
          return;
        }
        this.setMessage(
          this.workspaces && isRefresh
            ? `Refresh failed, showing the last loaded data: ${e.message}`
            : `Could not load workspaces: ${e.message}`,
        );
      }
    };
    this.loading = this.withViewProgress(run()).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private memberChildren(node: WorkspaceNode): TreeNode[] {
    // VS Code may still ask for the children of a row from before a sign-out or account switch.
    if (!this.session.signedIn || this.entries.get(node.gid)?.node !== node) return [];
    const entry = this.entryFor(node.workspace);
    if (!entry.listing) {
      entry.listing = this.createListing(entry);
      void this.checkAdmin(entry);
    }
    const listing = entry.listing;
    const rows: TreeNode[] = this.memberNodes(entry, listing);
    const messages: TreeNode[] = [];
    const state = listing.state;
    if (state === 'loading' || state === 'idle') {
      messages.push(new MessageNode(`${node.id}:loading`, `Loading members… ${listing.size.toLocaleString('en-US')} so far`, 'loading', node));
    } else if (listing.error) {
      messages.push(
        new MessageNode(
          `${node.id}:error`,
          rows.length
            ? `Stopped after ${rows.length} members: ${this.logger.clean(listing.error.message)}`
            : `Could not load members: ${this.logger.clean(listing.error.message)}`,
          'error',
          node,
          'Click to try again',
          { command: 'asana.retryMembers', title: 'Retry', arguments: [node.gid] },
        ),
      );
    } else if (rows.length === 0) {
      messages.push(
        isActive(this.filter) && listing.size > 0
          ? new MessageNode(`${node.id}:filtered`, `No member matches the filter (${listing.size} hidden)`, 'empty', node, undefined, {
              command: 'asana.clearFilter',
              title: 'Clear Filter',
            })
          : new MessageNode(`${node.id}:empty`, 'No active members', 'empty', node),
      );
    }
    if (listing.emailError && rows.length) {
      messages.push(new MessageNode(`${node.id}:emails`, `Emails unavailable: ${this.logger.clean(listing.emailError.message)}`, 'error', node));
    }
    return [...messages, ...rows];
  }

  private memberNodes(entry: WorkspaceEntry, listing: MemberListing): MemberNode[] {
    const node = entry.node;
    const me = this.session.signedIn?.account.gid;
    const canRemove = node.isAdmin === true;
    const next = new Map<string, MemberNode>();
    const out: MemberNode[] = [];
    // Sorted once complete; while pages arrive, rows keep their place so nothing jumps under the pointer.
    const memberships = listing.state === 'loading' ? listing.memberships : sortMembers(listing.memberships);
    for (const m of memberships) {
      const email = listing.emailOf(m.user.gid);
      if (!matchesFilter(m, email, this.filter)) continue;
      const busy = this.busy.get(m.gid);
      const old = entry.nodes.get(m.gid);
      const reuse = old && old.membership === m && old.email === email && old.canRemove === canRemove && old.busy === busy;
      const member = reuse ? old : new MemberNode(node, m, email, canRemove, m.user.gid === me, busy);
      next.set(m.gid, member);
      out.push(member);
    }
    entry.nodes = next;
    return out;
  }

  /** Callers check that someone is signed in; this is the only place that needs a client for a listing. */
  private createListing(entry: WorkspaceEntry): MemberListing {
    const client = this.session.signedIn?.client;
    if (!client) throw new Error('Not signed in to Asana.');
    const listing = new MemberListing(client, entry.node.gid, (p) => {
      if (entry.next === listing) {
        if (p.state === 'loading') return;
        // The refreshed listing replaces the old one only once it is complete.
        if (!listing.error) {
          entry.listing?.cancel();
          entry.listing = listing;
        } else {
          this.setMessage(`Refresh of ${entry.node.workspace.name} failed, showing the last loaded members: ${listing.error.message}`);
        }
        entry.next = undefined;
      }
      if (listing.error?.kind === 'unauthorized') this.onUnauthorized(listing.error);
      this.scheduleRedraw(entry, p.state !== 'loading');
    });
    void this.withViewProgress(listing.load());
    return listing;
  }

  private checkAdmin(entry: WorkspaceEntry): Promise<void> {
    const client = this.session.signedIn?.client;
    if (!client) return Promise.resolve();
    return (async () => {
      try {
        const [mine] = await collect(client.workspaceMembershipPages(entry.node.gid, { user: 'me', pageSize: 1 }));
        entry.node.isAdmin = mine?.is_admin ?? false;
        this.changed.fire(entry.node);
      } catch (e) {
        this.logger.warn(`Could not tell whether you are an admin of ${entry.node.workspace.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    })();
  }

  private scheduleRedraw(entry: WorkspaceEntry, now: boolean): void {
    if (now) {
      if (entry.redraw) clearTimeout(entry.redraw);
      entry.redraw = undefined;
      this.changed.fire(entry.node);
      return;
    }
    entry.redraw ??= setTimeout(() => {
      entry.redraw = undefined;
      this.changed.fire(entry.node);
    }, REDRAW_INTERVAL_MS);
  }

  private entryFor(workspace: Workspace): WorkspaceEntry {
    let entry = this.entries.get(workspace.gid);
    if (!entry) {
      entry = { node: new WorkspaceNode(workspace), listing: undefined, next: undefined, redraw: undefined, nodes: new Map() };
      this.entries.set(workspace.gid, entry);
    } else {
      entry.node.workspace = workspace;
    }
    return entry;
  }

  private stopEntry(entry: WorkspaceEntry): void {
    entry.listing?.cancel();
    entry.next?.cancel();
    entry.next = undefined;
    if (entry.redraw) clearTimeout(entry.redraw);
    entry.redraw = undefined;
  }

  private setMessage(message: string | undefined): void {
    if (this.view) this.view.message = message === undefined ? undefined : this.logger.clean(message);
  }

  private withViewProgress<T>(work: Promise<T>): Promise<T> {
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => work));
  }
}
