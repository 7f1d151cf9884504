/**
 * The peer: Asana's official Node SDK (`asana` v3), used the way its README shows. v3 is generated
 * by swagger-codegen over superagent; what matters for these benchmarks:
 * - list endpoints resolve to a `Collection` (RETURN_COLLECTION is on by default): `.data` is the
 *   page, and `next_page` is not on it but on `._response.next_page` (node-asana#303); the
 *   supported way on is `await page.nextPage()`, which resolves `{ data: null }` after the last
 *   page (README "Pagination"). Pages are therefore strictly sequential, like ours.
 * - no retries of any kind (v1's `retryOnRateLimit` is gone): a 429 rejects the call;
 * - no cap on requests in flight;
 * - superagent is used without an agent, so every request opens a new TCP (TLS, in real life)
 *   connection; the listing probe counts them.
 */
import * as Asana from 'asana';
import { MEMBERSHIP_FIELDS, USER_WITH_EMAIL_FIELDS, optFields } from '../../src/asana/fields';

/** What a v3 list call resolves to: a Collection, or `{ data: null }` from nextPage() at the end. */
interface SdkPage<T> {
  readonly data: T[] | null;
  readonly _response?: { readonly next_page?: { readonly offset: string } | null };
  nextPage?(): Promise<SdkPage<T>>;
}

interface SdkMembership {
  readonly gid: string;
  readonly user: { readonly gid: string; readonly name: string };
}

interface SdkUser {
  readonly gid: string;
  readonly name: string;
  readonly email?: string | null;
}

/**
 * A client of its own rather than the README's shared `ApiClient.instance`: the same settings,
 * but nothing leaks between scenarios that use different tokens.
 */
export function sdkClient(baseUrl: string, token: string): Asana.ApiClient {
  const client = new Asana.ApiClient();
  client.basePath = baseUrl;
  (client.authentications['token'] as { accessToken?: string }).accessToken = token;
  return client;
}

/** The HTTP status of an SDK failure (superagent puts it on the error), or undefined for a network error. */
export function sdkErrorStatus(e: unknown): number | undefined {
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Walks a v3 Collection to its end, handing each page to `onPage`. */
async function eachPage<T>(first: Promise<unknown>, onPage: (items: readonly T[]) => void): Promise<number> {
  let page = (await first) as SdkPage<T>;
  let pages = 0;
  for (;;) {
    if (!page.data) return pages;
    pages++;
    onPage(page.data);
    if (!page.nextPage) return pages;
    page = await page.nextPage();
  }
}

export interface SdkMemberListing {
  readonly memberships: Map<string, SdkMembership>;
  readonly emails: Map<string, string>;
  /** Set when a listing stopped on an error; the other one still runs to its end. */
  membershipsError?: unknown;
  emailsError?: unknown;
}

/**
 * The members of a workspace with their emails, as an SDK user would write it to show what the
 * tree shows: the memberships listing and the users listing (for emails), each page after page,
 * the two running concurrently (Promise.all), into the same maps MemberListing keeps. Running them
 * concurrently gives the SDK the same floor as ours; one after the other would double it.
 */
export async function sdkListMembers(
  client: Asana.ApiClient,
  workspace: string,
  onMembersPage: (members: number) => void = () => {},
): Promise<SdkMemberListing> {
  const membershipsApi = new Asana.WorkspaceMembershipsApi(client);
  const usersApi = new Asana.UsersApi(client);
  const result: SdkMemberListing = { memberships: new Map(), emails: new Map() };
  const memberships = eachPage<SdkMembership>(
    membershipsApi.getWorkspaceMembershipsForWorkspace(workspace, { limit: 100, opt_fields: optFields(MEMBERSHIP_FIELDS) }),
    (page) => {
      for (const m of page) result.memberships.set(m.gid, m);
      onMembersPage(result.memberships.size);
    },
  ).catch((e: unknown) => {
    result.membershipsError = e;
  });
  const emails = eachPage<SdkUser>(
    usersApi.getUsers({ workspace, limit: 100, opt_fields: optFields(USER_WITH_EMAIL_FIELDS) }),
    (page) => {
      for (const u of page) if (u.email) result.emails.set(u.gid, u.email);
    },
  ).catch((e: unknown) => {
    result.emailsError = e;
  });
  await Promise.all([memberships, emails]);
  return result;
}

/** The caller's workspaces (one page: a person belongs to few). */
export async function sdkListWorkspaces(client: Asana.ApiClient): Promise<Array<{ gid: string; name: string }>> {
  const all: Array<{ gid: string; name: string }> = [];
  await eachPage<{ gid: string; name: string }>(new Asana.WorkspacesApi(client).getWorkspaces({ limit: 100 }), (page) => all.push(...page));
  return all;
}

export function sdkAddUser(client: Asana.ApiClient, workspace: string, user: string): Promise<unknown> {
  return new Asana.WorkspacesApi(client).addUserForWorkspace({ data: { user } }, workspace, { opt_fields: optFields(USER_WITH_EMAIL_FIELDS) });
}

export function sdkRemoveUser(client: Asana.ApiClient, workspace: string, user: string): Promise<unknown> {
  return new Asana.WorkspacesApi(client).removeUserForWorkspace({ data: { user } }, workspace);
}
