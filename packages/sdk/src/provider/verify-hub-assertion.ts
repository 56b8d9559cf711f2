import { KeyObject } from 'node:crypto';
import { createVerifier, TokenError } from 'fast-jwt';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
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
const numericDate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Claims every hub assertion carries (RFC 7519 §4.1 and the hub contract). */
const REQUIRED = ['iss', 'aud', 'sub', 'exp', 'iat', 'jti'];

type SignatureCheck = (token: string) => Record<string, unknown>;

/**
 * Create a verifier of `x-ndxp-hub-assertion` JWTs: ES256 only, `typ` ndxp-hub+jwt, issued by
 * the hub, addressed to this provider, unexpired (with the injected clock), carrying every
 * claim of the hub contract. Failures throw `HUB_ASSERTION_INVALID`. Binding to the actual
 * request (`htm`/`htu`) is checked by {@link hubGuard}, which knows the request.
 *
 * Two well-kept libraries split the work (ARCHITECTURE.md, "Where the choices differ"): jose
 * manages the hub's key set (fetching the JWKS, caching it, refetching on rotation), and
 * fast-jwt checks each assertion. Every forwarded request carries a fresh assertion, so this
 * runs once per exchange at every provider; jose verifies through WebCrypto, which in Node hops
 * to the thread pool and back (200 µs of CPU per ES256 assertion), while fast-jwt verifies
 * synchronously with node:crypto (79 µs; bench/hub-assertion.md). A differential property test
 * holds both to the same decisions. Time claims are checked here against the
 * injected clock, because fast-jwt fixes its clock when the verifier is built.
 */
export function createHubAssertionVerifier(options: HubAssertionOptions): (token: string) => Promise<HubAssertion> {
  const keys = hubKeyResolver(options);
  const clock = options.clock ?? systemClock;
  const tolerance = options.clockToleranceSeconds ?? 30;
  // One fast-jwt verifier per hub key; jose hands out the same key object until the set changes.
  const checks = new WeakMap<object, SignatureCheck>();
  const checkFor = (key: object): SignatureCheck => {
    let check = checks.get(key);
    if (check === undefined) {
      const pem = (key instanceof KeyObject ? key : KeyObject.from(key as globalThis.CryptoKey)).export({ type: 'spki', format: 'pem' });
      check = createVerifier({
        key: pem, algorithms: ['ES256'], checkTyp: HUB_ASSERTION_TYP, allowedIss: options.issuer, allowedAud: options.audience,
        requiredClaims: REQUIRED, ignoreExpiration: true, ignoreNotBefore: true, cache: false,
      }) as SignatureCheck;
      checks.set(key, check);
    }
    return check;
  };

  return async (token) => {
    const parts = token.split('.');
    if (parts.length !== 3) throw invalid('the hub assertion is not a compact JWS');
    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch (error) {
      throw invalid('the hub assertion signature or format is invalid', error);
    }
    // The algorithm is fixed before any key is looked up (RFC 8725 §3.1): no `none`, no HMAC
    // keyed with a public key, no other curve.
    if (header.alg !== 'ES256') throw invalid('the hub assertion must be signed with ES256');
    let key;
    try {
      key = await keys({ ...header, alg: 'ES256' }, { protected: parts[0]!, payload: parts[1]!, signature: parts[2]! });
    } catch (error) {
      if (error instanceof joseErrors.JWKSNoMatchingKey) throw invalid('the hub assertion is signed by an unknown key', error);
      throw invalid('the hub keys could not be read', error);
    }
    if (typeof key !== 'object' || key === null || key instanceof Uint8Array || !('type' in key)) throw invalid('the hub assertion is signed by an unknown key');
    let p: Record<string, unknown>;
    try {
      p = checkFor(key)(token);
    } catch (error) {
      if (error instanceof TokenError && (error.code === TokenError.codes.invalidClaimValue || error.code === TokenError.codes.invalidClaimType)) {
        throw invalid(`hub assertion claim is invalid: ${error.message}`, error);
      }
      if (error instanceof TokenError && error.code === TokenError.codes.missingRequiredClaim) throw invalid(`the hub assertion lacks a claim: ${error.message}`, error);
      throw invalid('the hub assertion signature or format is invalid', error);
    }
    // RFC 7519 §4.1.4-4.1.6, with the tolerance on both sides (as jose and fast-jwt apply it).
    const nowS = Math.floor(clock.now() / 1000);
    if (!numericDate(p['exp']) || !numericDate(p['iat'])) throw invalid('hub assertion claim exp or iat is not a NumericDate');
    if (p['exp'] <= nowS - tolerance) throw invalid('the hub assertion has expired');
    if (p['nbf'] !== undefined && (!numericDate(p['nbf']) || p['nbf'] > nowS + tolerance)) throw invalid('the hub assertion is not valid yet');
    for (const claim of ['sub', 'jti', 'service', 'purpose', 'grant_id', 'request_id', 'htm', 'htu'] as const) {
      if (typeof p[claim] !== 'string') throw invalid(`the hub assertion lacks ${claim}`);
    }
    if (!strings(p['fields'])) throw invalid('the hub assertion lacks fields');
    return {
      consumer: p['sub'] as string,
      service: p['service'] as string,
      purpose: p['purpose'] as string,
      grantId: p['grant_id'] as string,
      requestId: p['request_id'] as string,
      fields: p['fields'],
      method: p['htm'] as string,
      target: p['htu'] as string,
      jti: p['jti'] as string,
      expMs: p['exp'] * 1000,
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
