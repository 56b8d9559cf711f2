import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from '../api/client.ts';
import { currentLang } from '../i18n/i18n.ts';
import { loadSession, saveSession, sessionFromLogin, type LoginResponse, type Session } from './session.ts';

export interface SessionState {
  readonly session: Session | undefined;
  /** Why the last session ended, to tell the user on the sign-in page. */
  readonly endedBecause: 'expired' | undefined;
  readonly api: ApiClient;
  login(username: string, password: string): Promise<Session>;
  logout(): void;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

/** Holds the session in memory (mirrored to sessionStorage) and the API client that uses it. */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(() => loadSession(Date.now()));
  const [endedBecause, setEndedBecause] = useState<'expired' | undefined>(undefined);
  const ref = useRef(session);
  ref.current = session;

  const end = useCallback((reason: 'expired' | undefined) => {
    saveSession(undefined);
    setSession(undefined);
    setEndedBecause(reason);
  }, []);

  const api = useMemo(() => createApiClient({ token: () => ref.current?.token, lang: currentLang, onUnauthorized: () => end('expired') }), [end]);

  // End the session when the token expires, rather than failing the next click.
  useEffect(() => {
    if (session === undefined) return;
    const ms = session.expiresAt - Date.now();
    const t = window.setTimeout(() => end('expired'), Math.max(0, Math.min(ms, 2_147_000_000)));
    return () => window.clearTimeout(t);
  }, [session, end]);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api.request<LoginResponse>('/api/v1/auth/login', { method: 'POST', body: { username, password }, anonymous: true });
    const s = sessionFromLogin(res, Date.now());
    saveSession(s);
    ref.current = s;
    setSession(s);
    setEndedBecause(undefined);
    return s;
  }, [api]);

  const value = useMemo<SessionState>(() => ({ session, endedBecause, api, login, logout: () => end(undefined) }), [session, endedBecause, api, login, end]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const v = useContext(SessionContext);
  if (v === undefined) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The API client (throws outside a provider). */
export function useApi(): ApiClient {
  return useSession().api;
}
