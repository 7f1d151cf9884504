/** Filtering the tree's members by text and by role; the view's description shows the filter. */
import type * as vscode from 'vscode';
import type { RoleFilter } from '../members/memberFilter';
import { NO_FILTER } from '../members/memberFilter';
import { registerCommand } from './runCommand';
import { Dismissed, type Services } from '../services';
import { l10n } from '../util/l10n';

/** A function: the labels are read in the display language, known once VS Code runs the extension. */
const ROLES = (): Array<{ role: RoleFilter; label: string; description: string }> => [
  { role: 'admin', label: `$(shield) ${l10n.t('Admins')}`, description: l10n.t('can manage the workspace and remove people') },
  { role: 'member', label: `$(account) ${l10n.t('Members')}`, description: l10n.t('full members who are not admins') },
  { role: 'guest', label: `$(globe) ${l10n.t('Guests')}`, description: l10n.t('from outside the organization') },
  { role: 'view-only', label: `$(eye) ${l10n.t('View-only')}`, description: l10n.t('can see but not edit') },
  { role: 'inactive', label: `$(circle-slash) ${l10n.t('Inactive')}`, description: l10n.t('removed during this session') },
];

export function registerFilterCommands(services: Services): vscode.Disposable[] {
  const { tree } = services;
  return [
    registerCommand('asana.filterMembers', services, async () => {
      const text = await services.ui.showInputBox({
        title: l10n.t('Filter Asana Members'),
        prompt: l10n.t('Show members whose name or email contains these words (accents and case ignored). Empty to show all.'),
        value: tree.currentFilter.text,
        ignoreFocusOut: false,
      });
      if (text === undefined) throw new Dismissed();
      tree.setFilter({ ...tree.currentFilter, text: text.slice(0, 200) });
    }),
    registerCommand('asana.filterByRole', services, async () => {
      const current = new Set(tree.currentFilter.roles);
      const picked = await services.ui.showQuickPick(
        ROLES().map((r) => ({ ...r, picked: current.has(r.role) })),
        { title: l10n.t('Show Members With These Roles'), placeHolder: l10n.t('None selected shows everyone'), canPickMany: true },
      );
      if (!picked) throw new Dismissed();
      tree.setFilter({ ...tree.currentFilter, roles: picked.map((p) => p.role) });
    }),
    registerCommand('asana.clearFilter', services, () => tree.setFilter(NO_FILTER)),
  ];
}
