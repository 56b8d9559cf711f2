import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { NdxpError, systemClock, type Clock } from '@ndxp/core';

/** JWS `typ` of hub assertions (see the hub contract; RFC 8725 §3.11 explicit typing). */
export const HUB_ASSERTION_TYP = 'ndxp-hub+jwt';

/** Where the hub's public keys come from: a JWKS document (tests, pinned keys) or the hub's JWKS URL. */
export type HubKeySource = { readonly jwks: JSONWebKeySet } | { readonly jwksUrl: string | URL };

export type HubAssertionOptions = HubKeySource & {
  /** The hub's issuer URL (`iss`). */
  readonly issuer: string;
  /** This provider's subsystem id, e.g. `BCA/npdb` (`aud`). */
  readonly audience: string;
  readonly clock?: Clock;
  /** Tolerated clock difference with the hub, seconds (default 30). */
  readonly clockToleranceSeconds?: number;
};

/** What the hub vouches for about one forwarded request. */
export interface HubAssertion {
  /** Consumer subsystem id (`sub`). */
  readonly consumer: string;
  readonly service: string;
  readonly purpose: string;
  readonly grantId: string;
  readonly requestId: string;
  /** JSON pointers the consumer may receive: return no more (minimise at the source). */
  readonly fields: readonly string[];
  /** HTTP method and request target the assertion is bound to. */
  readonly method: string;
  readonly target: string;
  readonly jti: string;
  /** Expiry, ms since the epoch. */
  readonly expMs: number;
}

const remoteSets = new Map<string, JWTVerifyGetKey>();

/**
 * The key resolver for a source. Remote sets are shared per URL: jose's `createRemoteJWKSet`
 * caches the document, refetches on an unknown `kid` (hub key rotation) at most once per
 * cool-down, and times out slow fetches.
 */
export function hubKeyResolver(source: HubKeySource): JWTVerifyGetKey {
  if ('jwks' in source) return createLocalJWKSet(source.jwks);
  const url = String(source.jwksUrl);
  let set = remoteSets.get(url);
  if (set === undefined) {
    set = createRemoteJWKSet(new URL(url), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000, timeoutDuration: 5000 });
    remoteSets.set(url, set);
  }
  return set;
}

function invalid(detail: string, cause?: unknown): NdxpError {
  return new NdxpError('HUB_ASSERTION_INVALID', { detail, cause });
}

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Create a verifier of `x-ndxp-hub-assertion` JWTs: ES256 only, `typ` ndxp-hub+jwt, issued by
 * the hub, addressed to this provider, unexpired (with the injected clock), carrying every
 * claim of the hub contract. Failures throw `HUB_ASSERTION_INVALID`. Binding to the actual
 * request (`htm`/`htu`) is checked by {@link hubGuard}, which knows the request.
 */
export function createHubAssertionVerifier(options: HubAssertionOptions): (token: string) => Promise<HubAssertion> {
  const keys = hubKeyResolver(options);
  const clock = options.clock ?? systemClock;
  return async (token) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['ES256'],
        typ: HUB_ASSERTION_TYP,
        clockTolerance: options.clockToleranceSeconds ?? 30,
        currentDate: new Date(clock.now()),
        requiredClaims: ['iss', 'aud', 'sub', 'exp', 'iat', 'jti'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw invalid('the hub assertion has expired', error);
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw invalid(`hub assertion claim ${error.claim} is invalid`, error);
      if (error instanceof joseErrors.JWKSNoMatchingKey) throw invalid('the hub assertion is signed by an unknown key', error);
      throw invalid('the hub assertion signature or format is invalid', error);
    }
    const p = payload as Record<string, unknown>;
    for (const claim of ['service', 'purpose', 'grant_id', 'request_id', 'htm', 'htu'] as const) {
      if (typeof p[claim] !== 'string') throw invalid(`the hub assertion lacks ${claim}`);
    }
    if (!strings(p['fields'])) throw invalid('the hub assertion lacks fields');
    return {
      consumer: String(p['sub']),
      service: p['service'] as string,
      purpose: p['purpose'] as string,
      grantId: p['grant_id'] as string,
      requestId: p['request_id'] as string,
      fields: p['fields'],
      method: p['htm'] as string,
      target: p['htu'] as string,
      jti: String(p['jti']),
      expMs: Number(p['exp']) * 1000,
    };
  };
}

/**
 * Verify one hub assertion (convenience over {@link createHubAssertionVerifier}; remote key
 * sets are cached per URL across calls).
 */
export function verifyHubAssertion(token: string, options: HubAssertionOptions): Promise<HubAssertion> {
  return createHubAssertionVerifier(options)(token);
}
