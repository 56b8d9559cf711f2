import { importJWK, type CryptoKey, type JWK, type KeyObject } from 'jose';
import { systemClock, type Clock } from '@ndxp/core';
import { createClientAssertion } from './client-assertion.ts';
import { NdxpCallError, problemFrom } from './ndxp-call-error.ts';

/** The `fetch` function the consumer uses (the global one by default; tests may pass another). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ConsumerOptions {
  /** The hub's base URL (its issuer), e.g. `https://hub.ndxp.gov.vn`. */
  readonly hubUrl: string;
  /** This subsystem's id, e.g. `BTC/tax`. */
  readonly clientId: string;
  /** Key id of the registered public key matching `privateKey`. */
  readonly kid: string;
  /** The private key: a JWK (as made by `generateSubsystemKey`) or an imported key. */
  readonly privateKey: JWK | CryptoKey | KeyObject;
  /** Signature algorithm (default: the JWK's `alg`, else ES256). */
  readonly alg?: string;
  readonly fetch?: FetchLike;
  readonly clock?: Clock;
  /** Renew the access token this many seconds before it expires (default 30). */
  readonly refreshBeforeSeconds?: number;
}

export interface CallOptions {
  /** Purpose code covered by the grant (`X-Ndxp-Purpose`). */
  readonly purpose: string;
  /** JSON pointers to receive (`X-Ndxp-Fields`); default: every granted field. */
  readonly fields?: readonly string[];
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON body (sent as application/json). */
  readonly body?: unknown;
  /** Your own request id, carried end to end (`x-request-id`). */
  readonly requestId?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** A successful call. */
export interface CallResult<T = unknown> {
  readonly status: number;
  /** Parsed JSON body (already projected by the hub to the granted fields), or null when empty. */
  readonly body: T;
  readonly requestId: string | undefined;
  /** Index of this exchange in the hub's transparency log. */
  readonly logIndex: number | undefined;
}

/** A consumer of NDXP services. */
export interface Consumer {
  /**
   * Call `serviceId` (`member/subsystem/service/version`) at `path` (below the service), e.g.
   * `await consumer.call('BCA/npdb/citizen-lookup/v1', '/v1/citizens/001203012345', { purpose: 'tax-registration', fields: ['/full_name'] })`.
   * Throws {@link NdxpCallError} with the problem document on any error status.
   */
  call<T = unknown>(serviceId: string, path: string, options: CallOptions): Promise<CallResult<T>>;
  /** A valid access token (cached; renewed shortly before expiry; one renewal at a time). */
  accessToken(): Promise<string>;
}

const SERVICE_ID = /^[A-Z0-9][A-Z0-9.]{1,31}\/[a-z0-9][a-z0-9-]{0,62}\/[a-z0-9][a-z0-9-]{0,62}\/v[0-9]+$/;
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isKeyObject(k: unknown): k is KeyObject {
  return typeof k === 'object' && k !== null && 'asymmetricKeyType' in k;
}

/**
 * Create a consumer: it authenticates to the hub with `private_key_jwt` client assertions
 * (RFC 7523) on `client_credentials`, caches the access token until shortly before it expires
 * (one refresh in flight at a time, shared by concurrent calls), and makes calls in one line.
 * If the hub answers TOKEN_EXPIRED (for instance after a clock jump), the token is renewed and
 * the call retried once.
 */
export function createConsumer(options: ConsumerOptions): Consumer {
  const hub = options.hubUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const clock = options.clock ?? systemClock;
  const early = (options.refreshBeforeSeconds ?? 30) * 1000;
  const isJwk = !isKeyObject(options.privateKey) && typeof (options.privateKey as JWK).kty === 'string';
  const alg = options.alg ?? (isJwk ? (options.privateKey as JWK).alg : undefined) ?? 'ES256';
  let keyPromise: Promise<CryptoKey | KeyObject | Uint8Array> | undefined;
  const signingKey = () => (keyPromise ??= isJwk ? importJWK(options.privateKey as JWK, alg) : Promise.resolve(options.privateKey as CryptoKey | KeyObject));

  let cached: { token: string; renewAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const assertion = await createClientAssertion({ clientId: options.clientId, audience: `${hub}/oauth/token`, kid: options.kid, alg, key: await signingKey(), nowMs: clock.now() });
    const res = await doFetch(`${hub}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion }).toString(),
    });
    const body = await readJson(res);
    if (!res.ok) throw new NdxpCallError(res.status, problemFrom(res.status, body), res.headers.get('x-request-id') ?? undefined, undefined);
    const b = body as { access_token?: unknown; expires_in?: unknown } | null;
    if (typeof b?.access_token !== 'string' || typeof b.expires_in !== 'number') {
      throw new NdxpCallError(502, problemFrom(502, { code: 'UNEXPECTED_RESPONSE', title: 'token response without access_token/expires_in', origin: 'hub' }), undefined, undefined);
    }
    const lifetime = b.expires_in * 1000;
    cached = { token: b.access_token, renewAt: clock.now() + Math.max(lifetime - early, lifetime / 2) };
    return b.access_token;
  }

  function accessToken(): Promise<string> {
    if (cached !== undefined && clock.now() < cached.renewAt) return Promise.resolve(cached.token);
    inflight ??= fetchToken().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  async function once<T>(serviceId: string, path: string, o: CallOptions): Promise<CallResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...o.headers, authorization: `Bearer ${await accessToken()}`, 'x-ndxp-purpose': o.purpose };
    if (o.fields !== undefined && o.fields.length > 0) headers['x-ndxp-fields'] = o.fields.join(',');
    if (o.requestId !== undefined) headers['x-request-id'] = o.requestId;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = 'application/json';
    }
    const res = await doFetch(`${hub}/x/${serviceId}${path}`, { method: o.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body === undefined ? {} : { body }), ...(o.signal === undefined ? {} : { signal: o.signal }) });
    const parsed = await readJson(res);
    const requestId = res.headers.get('x-request-id') ?? undefined;
    const idx = res.headers.get('x-ndxp-log-index');
    const logIndex = idx === null ? undefined : Number(idx);
    if (!res.ok) throw new NdxpCallError(res.status, problemFrom(res.status, parsed), requestId, logIndex);
    return { status: res.status, body: parsed as T, requestId, logIndex };
  }

  return {
    accessToken,
    async call<T = unknown>(serviceId: string, path: string, o: CallOptions): Promise<CallResult<T>> {
      if (!SERVICE_ID.test(serviceId)) throw new TypeError(`not a service id (member/subsystem/service/version): ${serviceId}`);
      if (!path.startsWith('/')) throw new TypeError('path must start with /');
      try {
        return await once<T>(serviceId, path, o);
      } catch (error) {
        if (error instanceof NdxpCallError && error.code === 'TOKEN_EXPIRED') {
          cached = undefined;
          return once<T>(serviceId, path, o);
        }
        throw error;
      }
    },
  };
}
