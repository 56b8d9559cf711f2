import type { Role } from './auth/session.ts';

export type PageKey = 'overview' | 'members' | 'services' | 'grants' | 'log' | 'health';

/** One page of the console: where it lives and which roles may open it. */
export interface PageDef {
  readonly key: PageKey;
  readonly path: string;
  readonly roles: readonly Role[];
}

const ALL: readonly Role[] = ['operator', 'provider_admin', 'consumer_admin'];

/**
 * The pages whose backing API exists, in navigation order. A page is listed here only once the
 * hub serves the API it sits on (issue 6: "build the pages that exist once their backing API
 * exists"). The roles mirror the hub's own checks (hub contract, "Roles"); the hub enforces them
 * again, so hiding a page is convenience, not security.
 */
export const PAGES: readonly PageDef[] = [];

export { ALL as ALL_ROLES };

export function pagesFor(role: Role): readonly PageDef[] {
  return PAGES.filter((p) => p.roles.includes(role));
}

/** Where a role lands after signing in. */
export function homePath(role: Role): string {
  return pagesFor(role)[0]?.path ?? '/welcome';
}
