/** Turns nodes into TreeItems: labels, badges, icons, context values and tooltips. */
import * as vscode from 'vscode';
import { describeMember, memberTooltipMarkdown, roleOf } from '../members/describeMember';
import type { MessageNode} from './nodes';
import { escapeMarkdown } from '../util/markdown';
import { MemberNode, WorkspaceNode, type TreeNode } from './nodes';

// Plain members get the light outline glyph; the roles worth noticing get colour.
const ROLE_ICONS: Record<ReturnType<typeof roleOf>, vscode.ThemeIcon> = {
  admin: new vscode.ThemeIcon('shield', new vscode.ThemeColor('charts.orange')),
  guest: new vscode.ThemeIcon('globe', new vscode.ThemeColor('charts.purple')),
  viewer: new vscode.ThemeIcon('eye', new vscode.ThemeColor('charts.blue')),
  member: new vscode.ThemeIcon('person'),
};

export function workspaceContextValue(node: WorkspaceNode): string {
  const kind = node.workspace.is_organization ? 'org' : 'personal';
  const role = node.isAdmin === true ? 'admin' : 'member';
  return `workspace:${kind}:${role}`;
}

export function memberContextValue(node: MemberNode): string {
  const m = node.membership;
  const parts = ['member', roleOf(m), m.is_active ? 'active' : 'inactive'];
  if (node.canRemove && m.is_active && !node.isMe && !node.busy) parts.push('removable');
  if (node.isMe) parts.push('me');
  if (node.email) parts.push('hasEmail');
  return parts.join(':');
}

/** What the workspace row says about its members: a count, or how far loading has got. */
export interface MemberCount {
  readonly count: number;
  readonly loading: boolean;
}

export function toTreeItem(node: TreeNode, memberCount: MemberCount | undefined): vscode.TreeItem {
  if (node instanceof WorkspaceNode) return workspaceItem(node, memberCount);
  if (node instanceof MemberNode) return memberItem(node);
  return messageItem(node);
}

function workspaceItem(node: WorkspaceNode, memberCount: MemberCount | undefined): vscode.TreeItem {
  const w = node.workspace;
  const item = new vscode.TreeItem(w.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(w.is_organization ? 'organization' : 'folder');
  const kind = w.is_organization ? 'organization' : 'workspace';
  // The icon already says organization or workspace; the row's short space goes to the count and your role.
  const parts: string[] = [];
  if (memberCount) {
    const n = memberCount.count.toLocaleString('en-US');
    parts.push(memberCount.loading ? `loading… ${n}` : `${n} member${memberCount.count === 1 ? '' : 's'}`);
  }
  if (node.isAdmin) parts.push('admin');
  item.description = parts.join(' · ') || undefined;
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMarkdown(w.name)}**  \n`);
  tooltip.appendMarkdown(`$(${w.is_organization ? 'organization' : 'folder'}) ${kind}  \n`);
  if (w.email_domains.length) tooltip.appendMarkdown(`Email domains: ${w.email_domains.map(escapeMarkdown).join(', ')}  \n`);
  if (node.isAdmin !== undefined) tooltip.appendMarkdown(`You are ${node.isAdmin ? 'an admin' : 'not an admin'} here  \n`);
  tooltip.appendMarkdown(`Id: \`${w.gid}\``);
  item.tooltip = tooltip;
  item.contextValue = workspaceContextValue(node);
  return item;
}

function memberItem(node: MemberNode): vscode.TreeItem {
  const m = node.membership;
  const item = new vscode.TreeItem(m.user.name || '(no name)', vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const description = `${node.isMe ? '(you) ' : ''}${describeMember(m, node.email)}`;
  item.description = node.busy ? `${node.busy} ${description}` : description;
  item.iconPath = node.busy
    ? new vscode.ThemeIcon('loading~spin')
    : m.is_active
      ? ROLE_ICONS[roleOf(m)]
      : new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  const tooltip = new vscode.MarkdownString(memberTooltipMarkdown(m, node.email));
  tooltip.isTrusted = false;
  item.tooltip = tooltip;
  item.contextValue = memberContextValue(node);
  item.accessibilityInformation = { label: `${m.user.name}, ${description}` };
  return item;
}

const MESSAGE_ICONS: Record<MessageNode['kind'], vscode.ThemeIcon> = {
  loading: new vscode.ThemeIcon('loading~spin'),
  error: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  empty: new vscode.ThemeIcon('info'),
  info: new vscode.ThemeIcon('info'),
};

function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = MESSAGE_ICONS[node.kind];
  item.contextValue = `message:${node.kind}`;
  if (node.tooltip) item.tooltip = node.tooltip;
  if (node.command) item.command = node.command;
  return item;
}
