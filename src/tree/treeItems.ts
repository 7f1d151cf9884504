/** Turns nodes into TreeItems: labels, badges, icons, context values and tooltips. */
import * as vscode from 'vscode';
import type { Workspace } from '../asana/schemas';
import { describeMember, memberTooltipMarkdown, roleOf } from '../members/describeMember';
import { GROUP_LABELS } from '../store/memberRoles';
import { formatNumber } from '../util/displayLocale';
import { displayText } from '../util/displayText';
import { escapeMarkdown, markdownCode } from '../util/markdown';
import { describeChangeCount } from '../members/rosterExport';
import type { FormerMember } from '../store/formerCodec';
import { roleName } from '../store/memberRoles';
import { changeCount, type RosterChanges } from '../store/rosterChanges';
import { longDate, shortDate } from '../util/relativeTime';
import type { AccountNode, ChangesNode, FormerGroupNode, FormerNode, GroupNode, MemberNode, MessageNode, RangeNode } from './nodes';
import { l10n } from '../util/l10n';

// Plain members get the light outline glyph; the roles worth noticing get colour.
const ROLE_ICONS: Record<ReturnType<typeof roleOf>, vscode.ThemeIcon> = {
  admin: new vscode.ThemeIcon('shield', new vscode.ThemeColor('charts.orange')),
  guest: new vscode.ThemeIcon('globe', new vscode.ThemeColor('charts.purple')),
  viewer: new vscode.ThemeIcon('eye', new vscode.ThemeColor('charts.blue')),
  member: new vscode.ThemeIcon('person'),
};

const GROUP_ICONS: Record<GroupNode['group'], vscode.ThemeIcon> = {
  admins: new vscode.ThemeIcon('shield'),
  members: new vscode.ThemeIcon('organization'),
  guests: new vscode.ThemeIcon('globe'),
  viewOnly: new vscode.ThemeIcon('eye'),
  inactive: new vscode.ThemeIcon('circle-slash'),
};

/** An account's row (several accounts signed in): who it is, and how many workspaces it sees. */
export function accountItem(node: AccountNode, workspaces: number | undefined): vscode.TreeItem {
  const { name, email } = node.account;
  const item = new vscode.TreeItem(displayText(name), vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('account');
  const count = workspaces === undefined ? undefined : workspaces === 1 ? l10n.t('1 workspace') : l10n.t('{0} workspaces', formatNumber(workspaces));
  item.description = [email && displayText(email), count].filter(Boolean).join(' · ') || undefined;
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`$(account) **${escapeMarkdown(name)}**  \n`);
  if (email) tooltip.appendMarkdown(`${escapeMarkdown(email)}  \n`);
  tooltip.appendMarkdown(l10n.t('Commands on the rows below act as this account.'));
  item.tooltip = tooltip;
  item.contextValue = 'account';
  return item;
}

export function workspaceContextValue(workspace: Workspace, isAdmin: boolean | undefined): string {
  return `workspace:${workspace.is_organization ? 'org' : 'personal'}:${isAdmin === true ? 'admin' : 'member'}`;
}

export interface MemberRowState {
  readonly canRemove: boolean;
  readonly isMe: boolean;
  readonly busy: string | undefined;
}

export function memberContextValue(node: MemberNode, state: MemberRowState): string {
  const m = node.membership;
  const parts = ['member', roleOf(m), m.is_active ? 'active' : 'inactive'];
  if (state.canRemove && m.is_active && !state.isMe && !state.busy) parts.push('removable');
  // Removed while the extension watched: an admin can add them back from the row.
  if (state.canRemove && !m.is_active && !state.busy) parts.push('addable');
  if (state.isMe) parts.push('me');
  if (node.email) parts.push('hasEmail');
  return parts.join(':');
}

export interface WorkspaceRowState {
  readonly isAdmin: boolean | undefined;
  /** Active members known, and whether more are on the way; undefined before the members are asked for. */
  readonly members: { readonly count: number; readonly loading: boolean; /** Under an active filter: how many of them it keeps. */ readonly shown?: number } | undefined;
  /** "as of 12 min ago" while the rows come from an earlier session. */
  readonly asOf: string | undefined;
  readonly expanded: boolean;
  /** The default workspace of Find Person, Insert Person and completion. */
  readonly isDefault?: boolean;
}

export function workspaceItem(workspace: Workspace, id: string, state: WorkspaceRowState): vscode.TreeItem {
  const item = new vscode.TreeItem(displayText(workspace.name), state.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = id;
  item.iconPath = new vscode.ThemeIcon(workspace.is_organization ? 'organization' : 'folder');
  const kind = workspace.is_organization ? 'organization' : 'workspace';
  // The icon already says organization or workspace; the row's short space goes to the count and your role.
  const parts: string[] = [];
  if (state.members) {
    const n = formatNumber(state.members.count);
    const counted = state.members.shown === undefined ? n : l10n.t('{0} of {1}', formatNumber(state.members.shown), n);
    parts.push(state.members.loading ? l10n.t('loading… {0}', counted) : state.members.count === 1 ? l10n.t('{0} member', counted) : l10n.t('{0} members', counted));
  }
  if (state.isAdmin) parts.push(l10n.t({ message: 'admin', comment: 'in a workspace row: you are an admin of it' }));
  if (state.isDefault) parts.push(l10n.t({ message: 'default', comment: 'in a workspace row: the default workspace of Find Person' }));
  if (state.asOf) parts.push(l10n.t({ message: 'as of {0}', args: [state.asOf], comment: 'a time such as "12 min ago"' }));
  item.description = parts.join(' · ') || undefined;
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMarkdown(workspace.name)}**  \n`);
  tooltip.appendMarkdown(`$(${workspace.is_organization ? 'organization' : 'folder'}) ${kind === 'organization' ? l10n.t('organization') : l10n.t('workspace')}  \n`);
  if (workspace.email_domains.length) tooltip.appendMarkdown(`${l10n.t('Email domains: {0}', workspace.email_domains.map(escapeMarkdown).join(', '))}  \n`);
  if (state.isAdmin !== undefined) tooltip.appendMarkdown(`${state.isAdmin ? l10n.t('You are an admin here') : l10n.t('You are not an admin here')}  \n`);
  if (state.isDefault) tooltip.appendMarkdown(`${l10n.t('The default workspace of Find Person, Insert Person and @ completion')}  \n`);
  if (state.asOf) tooltip.appendMarkdown(`${l10n.t('Members as of {0} (kept from an earlier session), refreshing', escapeMarkdown(state.asOf))}  \n`);
  tooltip.appendMarkdown(l10n.t('Id: {0}', `\`${escapeMarkdown(workspace.gid)}\``));
  item.tooltip = tooltip;
  item.contextValue = workspaceContextValue(workspace, state.isAdmin);
  return item;
}

export function groupItem(node: GroupNode, shown: number, total: number, expanded: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(GROUP_LABELS[node.group], expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = GROUP_ICONS[node.group];
  item.description = shown === total ? formatNumber(total) : l10n.t('{0} of {1}', formatNumber(shown), formatNumber(total));
  item.contextValue = `group:${node.group}`;
  return item;
}

export function rangeItem(node: RangeNode, start: number, end: number, first: string, last: string, expanded: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(`${formatNumber(start + 1)}–${formatNumber(end)}`, expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = `${displayText(first)} – ${displayText(last)}`;
  item.tooltip = l10n.t({
    message: '{0} {1} to {2} in name order: {3} to {4}',
    args: [GROUP_LABELS[node.parent.group], formatNumber(start + 1), formatNumber(end), displayText(first), displayText(last)],
    comment: 'a range of rows in a group: "Members 1 to 100 in name order: Ada to Bob"',
  });
  item.contextValue = 'range';
  return item;
}

export function memberItem(node: MemberNode, state: MemberRowState): vscode.TreeItem {
  const m = node.membership;
  const item = new vscode.TreeItem(displayText(m.user.name) || l10n.t('(no name)'), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const description = displayText(state.isMe ? l10n.t('(you) {0}', describeMember(m, node.email)) : describeMember(m, node.email));
  item.description = state.busy ? `${state.busy} ${description}` : description;
  item.iconPath = state.busy
    ? new vscode.ThemeIcon('loading~spin')
    : m.is_active
      ? ROLE_ICONS[roleOf(m)]
      : new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  item.contextValue = memberContextValue(node, state);
  item.accessibilityInformation = { label: `${displayText(m.user.name)}, ${description}` };
  return item;
}

/** The member's tooltip, built only when hovered (resolveTreeItem): a thousand rows need none of it up front. */
export function memberTooltip(node: MemberNode, outOfOffice?: string): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString([memberTooltipMarkdown(node.membership, node.email), outOfOffice].filter(Boolean).join('  \n'));
  tooltip.isTrusted = false;
  return tooltip;
}

const MESSAGE_ICONS: Record<MessageNode['kind'], vscode.ThemeIcon> = {
  loading: new vscode.ThemeIcon('loading~spin'),
  error: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  empty: new vscode.ThemeIcon('info'),
  info: new vscode.ThemeIcon('info'),
};

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = MESSAGE_ICONS[node.kind];
  item.contextValue = `message:${node.kind}`;
  if (node.tooltip) item.tooltip = node.tooltip;
  if (node.command) item.command = node.command;
  return item;
}

export function changesItem(node: ChangesNode, changes: RosterChanges, firstLook: boolean): vscode.TreeItem {
  const n = changeCount(changes);
  const label = firstLook ? l10n.t('Roster changes: nothing to compare yet') : l10n.t('{0} since {1}', describeChangeCount(changes), shortDate(changes.since));
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = n > 0 ? new vscode.ThemeIcon('history', new vscode.ThemeColor('charts.yellow')) : new vscode.ThemeIcon('history');
  if (n > 0) item.description = l10n.t('{0} joined · {1} left · {2} role', changes.joined.length, changes.left.length, changes.roleChanged.length);
  else if (firstLook) item.description = l10n.t('first look');
  item.tooltip = firstLook
    ? l10n.t('This is the first complete roster seen ({0}). Changes are counted from it at the next refresh.', longDate(changes.until))
    : l10n.t('Changes between the last look ({0}) and the roster of {1}. Click for the report.', longDate(changes.since), longDate(changes.until));
  item.command = { command: 'asana.showRosterChanges', title: l10n.t('Show Roster Changes'), arguments: [node] };
  item.contextValue = n > 0 ? 'rosterChanges:unseen' : 'rosterChanges';
  return item;
}

export function formerGroupItem(node: FormerGroupNode, count: number, expanded: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(l10n.t('Former members'), expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('history');
  item.description = formatNumber(count);
  item.tooltip = l10n.t('People seen here as active members who no longer are (Asana lists only active members)');
  item.contextValue = 'group:former';
  return item;
}

export function formerItem(node: FormerNode, canAddBack: boolean): vscode.TreeItem {
  const f = node.former;
  const item = new vscode.TreeItem(displayText(f.name) || l10n.t('(no name)'), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const description = displayText([l10n.t('was {0}', roleName(f.group)), l10n.t('last seen {0}', shortDate(f.lastSeenAt)), f.email ?? ''].filter(Boolean).join(' · '));
  item.description = description;
  item.iconPath = new vscode.ThemeIcon('person', new vscode.ThemeColor('disabledForeground'));
  item.tooltip = formerTooltip(f);
  item.contextValue = ['former', canAddBack ? 'addable' : '', f.email ? 'hasEmail' : ''].filter(Boolean).join(':');
  item.accessibilityInformation = { label: l10n.t('{0}, former member, {1}', displayText(f.name), description) };
  return item;
}

function formerTooltip(f: FormerMember): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.appendMarkdown(`**${escapeMarkdown(f.name)}**  \n`);
  if (f.email) tooltip.appendMarkdown(`${escapeMarkdown(f.email)}  \n`);
  tooltip.appendMarkdown(`${l10n.t('Former member (was {0}), last seen active {1}', roleName(f.group), escapeMarkdown(longDate(f.lastSeenAt)))}  \n`);
  tooltip.appendMarkdown(l10n.t('User id: {0}', markdownCode(f.userGid)));
  tooltip.isTrusted = false;
  return tooltip;
}
