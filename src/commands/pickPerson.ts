import type { AsanaClient } from '../asana/client';
import type { TypeaheadUser } from '../asana/schemas';
import { typeaheadDebounceMs } from '../config';
import { pickUser } from '../search/userQuickPick';
import type { WorkspaceNode } from '../tree/nodes';
import type { Services } from './services';

/** The typeahead people picker for one workspace, with the tree's emails and the recent picks. */
export function pickPerson(services: Services, client: AsanaClient, workspace: WorkspaceNode, title: string): Promise<TypeaheadUser | undefined> {
  return pickUser(client, {
    title,
    workspaceGid: workspace.gid,
    debounceMs: typeaheadDebounceMs(),
    recent: services.recent,
    emailOf: (gid) => services.tree.listingOf(workspace.gid)?.emailOf(gid),
  });
}
