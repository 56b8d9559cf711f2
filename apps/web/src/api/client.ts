import { ApiError, isProblem } from './problem.ts';

/** How the client learns the caller's state; supplied by the session provider. */
export interface ApiClientOptions {
  /** Current bearer token, or undefined before sign-in. */
  readonly token: () => string | undefined;
  /** Current UI language, sent as Accept-Language so problem titles come in that language. */
  readonly lang: () => string;
  /** Called on any 401 from a signed-in call: the session is over. */
  readonly onUnauthorized?: () => void;
  /** Base URL; the console is served by the hub itself, so same origin by default. */
  readonly baseUrl?: string;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly signal?: AbortSignal;
  /** Send without the bearer token (sign-in). */
  readonly anonymous?: boolean;
  /** Return the body as text (e.g. Prometheus metrics) instead of parsing JSON. */
  readonly text?: boolean;
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}

/** Build `path?query`, dropping undefined values. */
export function withQuery(path: string, query: RequestOptions['query']): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s === '' ? path : `${path}?${s}`;
}

/**
 * A small fetch wrapper: JSON in and out, bearer token, Accept-Language, and every failure turned
 * into an {@link ApiError} carrying the server's problem document. The console never parses
 * error text: it shows the problem's title and switches on its `code`.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.baseUrl ?? '';
  async function request<T>(path: string, ro: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: ro.text === true ? 'text/plain, application/problem+json' : 'application/json, application/problem+json', 'accept-language': options.lang() };
    const token = ro.anonymous === true ? undefined : options.token();
    if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
    let body: string | undefined;
    if (ro.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(ro.body);
    }
    let res: Response;
    try {
      res = await fetch(base + withQuery(path, ro.query), { method: ro.method ?? 'GET', headers, body, signal: ro.signal, credentials: 'omit', cache: 'no-store' });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, undefined, 'network error');
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    if (res.ok && ro.text === true) return text as T;
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (res.ok) return parsed as T;
    const problem = isProblem(parsed) ? parsed : undefined;
    if (res.status === 401 && token !== undefined) options.onUnauthorized?.();
    throw new ApiError(res.status, problem, problem?.code ?? `HTTP ${res.status}`);
  }
  return {
    request,
    get: (path, query, signal) => request(path, { query, ...(signal === undefined ? {} : { signal }) }),
    post: (path, body) => request(path, { method: 'POST', body: body ?? {} }),
  };
}
