import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './session-context.tsx';
import type { Role } from './session.ts';
import { ForbiddenPage } from '../pages/forbidden-page.tsx';

/**
 * Guards a page: no session sends the user to sign in (and back afterwards); a role that may not
 * see the page gets the "access denied" page. The hub refuses the same calls with ROLE_FORBIDDEN,
 * so this is the friendly half of a check the server makes anyway.
 */
export function RequireRole({ roles, children }: { readonly roles: readonly Role[]; readonly children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (session === undefined) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roles.includes(session.user.role)) return <ForbiddenPage />;
  return <>{children}</>;
}
