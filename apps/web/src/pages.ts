import type { Role } from './auth/session.ts';

export type PageKey = 'overview' | 'members' | 'users' | 'services' | 'grants' | 'log' | 'health';

/** One page of the console: where it lives and which roles may open it. */
export interface PageDef {
  readonly key: PageKey;
  readonly path: string;
  readonly roles: readonly Role[];
}

export const ALL_ROLES: readonly Role[] = ['operator', 'provider_admin', 'consumer_admin'];
export const OPERATOR_ONLY: readonly Role[] = ['operator'];

/**
 * The pages whose backing API exists, in navigation order. A page is listed here only once the
 * hub serves the API it sits on (issue 6: "build the pages that exist once their backing API
 * exists"). The roles mirror the hub's own checks (hub contract, "Roles"); the hub enforces them
 * again, so hiding a page is convenience, not security.
 */
export const PAGES: readonly PageDef[] = [
  { key: 'overview', path: '/overview', roles: OPERATOR_ONLY },
  { key: 'grants', path: '/grants', roles: ALL_ROLES },
  { key: 'services', path: '/services', roles: ALL_ROLES },
  { key: 'log', path: '/transparency', roles: ALL_ROLES },
  { key: 'members', path: '/members', roles: ALL_ROLES },
  { key: 'users', path: '/users', roles: OPERATOR_ONLY },
  { key: 'health', path: '/health', roles: OPERATOR_ONLY },
];

export function pagesFor(role: Role): readonly PageDef[] {
  return PAGES.filter((p) => p.roles.includes(role));
}

export function pageRoles(key: PageKey): readonly Role[] {
  return PAGES.find((p) => p.key === key)?.roles ?? OPERATOR_ONLY;
}

/** Where a role lands after signing in. */
export function homePath(role: Role): string {
  return pagesFor(role)[0]?.path ?? '/welcome';
}
