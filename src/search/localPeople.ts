/** The store's members of a workspace as a local people search. */
import type { AccountStore } from '../store/accountStore';
import type { LocalSearch } from './peopleSearch';

export const SEARCH_LIMIT = 20;

export function localPeople(account: AccountStore, workspaceGid: string): LocalSearch {
  return (query) => {
    const members = account.membersOf(workspaceGid);
    if (!members || members.state === 'idle') return undefined;
    const people = members.index.search(query, SEARCH_LIMIT).map(({ membership, email }) => ({ gid: membership.user.gid, name: membership.user.name, email }));
    return { people, complete: members.complete };
  };
}
