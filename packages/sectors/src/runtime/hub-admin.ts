/**
 * A small client of the hub's control-plane API (`/api/v1`), as an agency's onboarding script
 * uses it: log in, then create members, subsystems, keys, services, grants and plan links over
 * HTTP. The sectors never import the hub's code.
 */

/** A control-plane error answer (RFC 9457 problem). */
export class HubAdminError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, detail: string) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'HubAdminError';
    this.status = status;
    this.code = code;
  }
}

export interface HubAdmin {
  readonly hubUrl: string;
  /** The logged-in user's name (recorded by the hub as the actor). */
  readonly username: string;
  request<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

async function send<T>(doFetch: FetchLike, url: string, method: string, token: string | undefined, body: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await doFetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // A proxy in front of the hub may answer with HTML; report its status, not a parse error.
    if (res.ok) throw new HubAdminError(res.status, 'UNEXPECTED_RESPONSE', 'the hub answered with something other than JSON');
  }
  if (!res.ok) {
    const p = (parsed ?? {}) as { code?: string; detail?: string; title?: string };
    throw new HubAdminError(res.status, p.code ?? 'UNEXPECTED_RESPONSE', p.detail ?? p.title ?? text.slice(0, 200));
  }
  return parsed as T;
}

/** Log in (`POST /api/v1/auth/login`) and return a client acting with that session. */
export async function loginHubAdmin(hubUrl: string, username: string, password: string, doFetch: FetchLike = (i, init) => fetch(i, init)): Promise<HubAdmin> {
  const base = hubUrl.replace(/\/+$/, '');
  const session = await send<{ access_token: string }>(doFetch, `${base}/api/v1/auth/login`, 'POST', undefined, { username, password });
  return {
    hubUrl: base,
    username,
    request: (method, path, body) => send(doFetch, `${base}${path}`, method, session.access_token, body),
  };
}

/** Run `create`; a 409 (already exists) counts as done. */
export async function createUnlessExists(admin: HubAdmin, path: string, body: unknown): Promise<boolean> {
  try {
    await admin.request('POST', path, body);
    return true;
  } catch (error) {
    if (error instanceof HubAdminError && error.status === 409) return false;
    throw error;
  }
}
