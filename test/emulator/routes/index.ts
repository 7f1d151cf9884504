/** Every API route the emulator serves. */
import type { RouteDef } from '../context';
import { membershipRoutes } from './memberships';
import { oooEntryRoutes } from './oooEntries';
import { typeaheadRoutes } from './typeahead';
import { userRoutes } from './users';
import { workspaceRoutes } from './workspaces';

export const API_ROUTES: readonly RouteDef[] = [...workspaceRoutes, ...membershipRoutes, ...userRoutes, ...typeaheadRoutes, ...oooEntryRoutes];
