import type { TypeaheadUser, Workspace } from '../asana/schemas';
import { typeaheadDebounceMs } from '../config';
import { recentPicks } from '../search/accountRecents';
import { localPeople } from '../search/localPeople';
import { pickUser } from '../search/userQuickPick';
import type { AccountStore } from '../store/accountStore';
import type { Services } from '../services';

/** The people picker for one workspace: the store's members first, Asana's typeahead for the rest, recent picks. */
export function pickPerson(services: Services, account: AccountStore, workspace: Workspace, title: string): Promise<TypeaheadUser | undefined> {
  return pickUser(services.ui, account.client, {
    title,
    workspaceGid: workspace.gid,
    workspaceName: workspace.name,
    debounceMs: typeaheadDebounceMs(),
    recent: recentPicks(services.recent, account, workspace.gid),
    local: localPeople(account, workspace.gid),
    emailOf: (gid) => account.membersOf(workspace.gid)?.index.emailOf(gid),
  });
}
