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
}

export class WorkspaceTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private entries = new Map<string, WorkspaceEntry>();
  private workspaces: Workspace[] | undefined;
  private loading: Promise<void> | undefined;
  private rootError: AsanaError | undefined;
  private view: vscode.TreeView<TreeNode> | undefined;
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
    const count = node instanceof WorkspaceNode ? this.entries.get(node.gid)?.listing?.size : undefined;
    const done = node instanceof WorkspaceNode && this.entries.get(node.gid)?.listing?.state === 'done';
    return toTreeItem(node, done ? count : undefined);
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
    const entry = this.entryFor(node.workspace);
    if (!entry.listing) {
      entry.listing = this.createListing(entry);
      this.checkAdmin(entry);
    }
    const listing = entry.listing;
    const me = this.session.signedIn?.account.gid;
    const canRemove = node.isAdmin === true;
    const rows: TreeNode[] = sortMembers(listing.memberships).map(
      (m) => new MemberNode(node, m, listing.emailOf(m.user.gid), canRemove, m.user.gid === me),
    );
    const messages: TreeNode[] = [];
    const state = listing.state;
    if (state === 'loading' || state === 'idle') {
      messages.push(new MessageNode(`${node.id}:loading`, `Loading members… ${listing.size.toLocaleString('en-US')} so far`, 'loading', node));
    } else if (listing.error) {
      messages.push(
        new MessageNode(
          `${node.id}:error`,
          rows.length ? `Stopped after ${rows.length} members: ${listing.error.message}` : `Could not load members: ${listing.error.message}`,
          'error',
          node,
          'Click to try again',
          { command: 'asana.retryMembers', title: 'Retry', arguments: [node.gid] },
        ),
      );
    } else if (rows.length === 0) {
      messages.push(new MessageNode(`${node.id}:empty`, 'No active members', 'empty', node));
    }
    if (listing.emailError && rows.length) {
      messages.push(new MessageNode(`${node.id}:emails`, `Emails unavailable: ${listing.emailError.message}`, 'error', node));
    }
    return [...messages, ...rows];
  }

  private createListing(entry: WorkspaceEntry): MemberListing {
    const client = this.session.signedIn!.client;
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

  private checkAdmin(entry: WorkspaceEntry): void {
    const client = this.session.signedIn?.client;
    if (!client) return;
    void (async () => {
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
      entry = { node: new WorkspaceNode(workspace), listing: undefined, next: undefined, redraw: undefined };
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
    if (this.view) this.view.message = message;
  }

  private withViewProgress<T>(work: Promise<T>): Promise<T> {
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => work));
  }
}
