/** The Asana API client: no VS Code in here, so it runs and is tested in plain Node. */
export { AsanaClient, type AsanaClientOptions, type TypeaheadOptions } from './client';
export * from './errors';
export { DEFAULT_BASE_URL, isLoopbackHost, parseBaseUrl } from './baseUrl';
export { collect, MAX_PAGE_SIZE, type PageOptions } from './pagination';
export type { CallOptions, RateLimitWait } from './requester';
export { redact, redactHeaders } from './redact';
export { routeFor, withoutCredentials, type NetworkSettings, type ProxyRoute, type Route } from './network';
export { extraCertificates } from './certificates';
export { REDACTED_EMAIL, redactEmails } from './personalData';
export type { Logger } from './logger';
export { silentLogger } from './logger';
export type { Membership, TypeaheadUser, User, UserCompact, UserWithEmail, Workspace, WorkspaceCompact } from './schemas';
export { isEmail, isGid, requireUserRef, requireWorkspaceName } from './validate';
