/** Control-plane roles (hub contract: operator, provider_admin, consumer_admin). */
export type Role = 'operator' | 'provider_admin' | 'consumer_admin';
export const ROLES: readonly Role[] = ['operator', 'provider_admin', 'consumer_admin'];

/** The signed-in user as `POST /api/v1/auth/login` returns it. */
export interface SessionUser {
  readonly username: string;
  readonly role: Role;
  readonly member_code: string | null;
}

export interface Session {
  readonly token: string;
  /** Milliseconds since the epoch after which the token is no longer accepted. */
  readonly expiresAt: number;
  readonly user: SessionUser;
}

/** The login response (RFC 6749 §5.1 shape plus the user). */
export interface LoginResponse {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in: number;
  readonly user: SessionUser;
}

/**
 * The session lives in sessionStorage, never localStorage: it dies with the tab, is not shared
 * with other tabs, and does not outlive the browser session (OWASP HTML5 Security Cheat Sheet,
 * "Local Storage": do not store session identifiers in local storage).
 */
const KEY = 'ndxp.session';

function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export function sessionFromLogin(res: LoginResponse, now: number): Session {
  return { token: res.access_token, expiresAt: now + res.expires_in * 1000, user: res.user };
}

export function loadSession(now: number): Session | undefined {
  let raw: string | null;
  try {
    raw = window.sessionStorage.getItem(KEY);
  } catch {
    return undefined;
  }
  if (raw === null) return undefined;
  try {
    const s = JSON.parse(raw) as Partial<Session> & { user?: Partial<SessionUser> };
    if (typeof s.token !== 'string' || typeof s.expiresAt !== 'number' || s.expiresAt <= now) return undefined;
    const u = s.user;
    if (u === undefined || typeof u.username !== 'string' || !isRole(u.role)) return undefined;
    return { token: s.token, expiresAt: s.expiresAt, user: { username: u.username, role: u.role, member_code: typeof u.member_code === 'string' ? u.member_code : null } };
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session | undefined): void {
  try {
    if (session === undefined) window.sessionStorage.removeItem(KEY);
    else window.sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // Storage disabled: the session lasts for this page only.
  }
}
