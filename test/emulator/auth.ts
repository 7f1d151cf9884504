/** Personal access tokens: `Authorization: Bearer <token>`, mapped to users by the store. */
import type { IncomingMessage } from 'node:http';
import { unauthorized } from './errors';
import { bearerToken } from './http';
import type { Store } from './state';
import type { UserRecord } from './types';

export interface Principal {
  token: string;
  user: UserRecord;
}

/** A missing, malformed or unknown token is the same 401 "Not Authorized", as in the real API. */
export function authenticate(req: IncomingMessage, store: Store): Principal {
  const token = bearerToken(req);
  const user = token === undefined ? undefined : store.userForToken(token);
  if (token === undefined || user === undefined) throw unauthorized();
  return { token, user };
}
