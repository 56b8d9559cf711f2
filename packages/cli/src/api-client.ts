import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A problem+json answer from the hub, raised as an error the CLI prints readably. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Readonly<Record<string, unknown>>,
  ) {
    super(`${status} ${String(problem['code'] ?? '')}: ${String(problem['detail'] ?? problem['title'] ?? '')}`);
    this.name = 'ApiError';
  }
}

/** Where `ndxp login` keeps the control-plane session (mode 0600). */
export const SESSION_FILE = process.env['NDXP_SESSION_FILE'] ?? '.ndxp/cli-session.json';

export interface Session {
  readonly hub: string;
  readonly token: string;
  readonly username: string;
}

export async function saveSession(session: Session, file = SESSION_FILE): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(session), { mode: 0o600 });
  await chmod(file, 0o600);
}

export async function loadSession(file = SESSION_FILE): Promise<Session> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Session;
  } catch {
    throw new Error(`not signed in: run "ndxp login --hub <url> -u <user>" first (no ${file})`);
  }
}

/** Call the hub's control-plane API with the session token. */
export async function api<T>(session: Pick<Session, 'hub' | 'token'>, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(new URL(path, session.hub), {
    method,
    headers: {
      authorization: `Bearer ${session.token}`,
      accept: 'application/json',
      'accept-language': process.env['NDXP_LANG'] ?? 'vi',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  if (!res.ok) throw new ApiError(res.status, (parsed ?? {}) as Record<string, unknown>);
  return parsed as T;
}

/** Sign in to the control plane and return a session. */
export async function login(hub: string, username: string, password: string): Promise<Session> {
  const res = await fetch(new URL('/api/v1/auth/login', hub), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new ApiError(res.status, body);
  return { hub, token: String(body['access_token']), username };
}
