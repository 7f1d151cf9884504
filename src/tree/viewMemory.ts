/** What the view remembers across reloads: which rows were expanded, and the member filter. */
import type * as vscode from 'vscode';
import { NO_FILTER, type MemberFilter, type RoleFilter } from '../members/memberFilter';

const EXPANDED = 'asana.view.expanded';
const FILTER = 'asana.view.filter';
/** Enough for every workspace and group row; a range or two more. */
const MAX_EXPANDED = 500;
const ROLES: readonly RoleFilter[] = ['admin', 'guest', 'view-only', 'inactive', 'member'];

export class ViewMemory {
  private readonly expanded: Set<string>;

  constructor(private readonly state: vscode.Memento) {
    const stored = state.get<unknown>(EXPANDED);
    this.expanded = new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
  }

  isExpanded(id: string): boolean {
    return this.expanded.has(id);
  }

  setExpanded(id: string, expanded: boolean): void {
    if (expanded === this.expanded.has(id)) return;
    if (expanded) this.expanded.add(id);
    else this.expanded.delete(id);
    void this.state.update(EXPANDED, [...this.expanded].slice(-MAX_EXPANDED));
  }

  filter(): MemberFilter {
    const stored = this.state.get<{ text?: unknown; roles?: unknown }>(FILTER);
    const text = typeof stored?.text === 'string' ? stored.text.slice(0, 200) : '';
    const roles = Array.isArray(stored?.roles) ? stored.roles.filter((r): r is RoleFilter => ROLES.includes(r as RoleFilter)) : [];
    return text || roles.length ? { text, roles } : NO_FILTER;
  }

  setFilter(filter: MemberFilter): void {
    void this.state.update(FILTER, filter.text || filter.roles.length ? { text: filter.text, roles: [...filter.roles] } : undefined);
  }
}
