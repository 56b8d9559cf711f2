import { errors as joseErrors, jwtVerify, type CryptoKey, type JWTHeaderParameters } from 'jose';
import { NdxpError, unsafeBrand, type Clock, type SubsystemId } from '@ndxp/core';

/** The caller of a data-plane request, from a verified access token. */
export interface AuthenticatedConsumer {
  readonly consumer: SubsystemId;
  /** Token expiry, ms since the epoch. */
  readonly expMs: number;
  readonly kid: string;
}

export interface AuthenticatorOptions {
  /** The hub's issuer URL (`iss` of access tokens); their audience is `${issuer}/x`. */
  readonly issuer: string;
  readonly clock: Clock;
  /** Tolerated clock difference for `exp`, `nbf` and `iat`, seconds. */
  readonly clockSkewSeconds: number;
  /** The hub public key for `kid`, if published (the keyring's `verificationKey`). */
  readonly key: (kid: string) => CryptoKey | undefined;
  /** Verified tokens remembered (default 10 000); the oldest is forgotten first. */
  readonly cacheSize?: number;
}

/** Verifies `Authorization: Bearer` access tokens; see {@link createAuthenticator}. */
export type Authenticate = (authorization: string | undefined) => Promise<AuthenticatedConsumer>;

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

class UnknownKey extends Error {}

/**
 * Verify RFC 9068 JWT access tokens issued by this hub: JWS header `typ` `at+jwt` (§2.1, §4),
 * `alg` exactly ES256 (anything else, `none` included, is refused before any key is used:
 * RFC 8725 §3.1), `iss` the hub, `aud` the data plane `${issuer}/x` (§4 step 4), `exp`/`nbf`
 * against the injected clock with bounded skew, and a signature by a published hub key.
 *
 * Verifying ES256 costs far more than the rest of a request, so a verified token is remembered
 * (keyed by the token string itself) until it expires, in a bounded map. A hit still re-checks
 * expiry against the clock and that its signing key is still published, so rotation and expiry
 * take effect exactly as without the cache.
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticate {
  const audience = `${options.issuer}/x`;
  const skewMs = options.clockSkewSeconds * 1000;
  const max = options.cacheSize ?? 10_000;
  const cache = new Map<string, AuthenticatedConsumer>();

  const resolveKey = (header: JWTHeaderParameters): CryptoKey => {
    const key = header.kid === undefined ? undefined : options.key(header.kid);
    if (key === undefined) throw new UnknownKey();
    return key;
  };

  return async (authorization) => {
    if (authorization === undefined || authorization === '') throw new NdxpError('AUTH_REQUIRED', { detail: 'send Authorization: Bearer <access token>' });
    const m = BEARER.exec(authorization);
    if (m === null) throw new NdxpError('TOKEN_INVALID', { detail: 'the Authorization header is not a Bearer JWT' });
    const token = m[1]!;
    const now = options.clock.now();
    const hit = cache.get(token);
    if (hit !== undefined) {
      if (now >= hit.expMs + skewMs) {
        cache.delete(token);
        throw new NdxpError('TOKEN_EXPIRED');
      }
      if (options.key(hit.kid) === undefined) {
        cache.delete(token);
        throw new NdxpError('TOKEN_INVALID', { detail: 'the token was signed by a key the hub no longer publishes' });
      }
      return hit;
    }
    let payload;
    let kid: string;
    try {
      const verified = await jwtVerify(token, resolveKey, {
        issuer: options.issuer,
        audience,
        algorithms: ['ES256'],
        typ: 'at+jwt',
        clockTolerance: options.clockSkewSeconds,
        currentDate: new Date(now),
        requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      });
      payload = verified.payload;
      kid = verified.protectedHeader.kid ?? '';
    } catch (error) {
      throw toAuthError(error);
    }
    const sub = payload.sub ?? '';
    if (payload['client_id'] !== undefined && payload['client_id'] !== sub) throw new NdxpError('TOKEN_INVALID', { detail: 'client_id and sub differ' });
    const result: AuthenticatedConsumer = { consumer: unsafeBrand<'SubsystemId'>(sub) as SubsystemId, expMs: (payload.exp ?? 0) * 1000, kid };
    if (cache.size >= max) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
    cache.set(token, result);
    return result;
  };
}

/** Map jose's error codes (a closed set, like ours) to NDXP codes. */
function toAuthError(error: unknown): NdxpError {
  if (error instanceof joseErrors.JWTExpired) return new NdxpError('TOKEN_EXPIRED', { cause: error });
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return new NdxpError('TOKEN_AUDIENCE_INVALID', { detail: 'this token is not for the data plane', cause: error });
    return new NdxpError('TOKEN_INVALID', { detail: `claim ${error.claim} is invalid: ${error.reason}`, cause: error });
  }
  if (error instanceof UnknownKey) return new NdxpError('TOKEN_INVALID', { detail: 'the token was not signed by a published hub key' });
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return new NdxpError('TOKEN_INVALID', { detail: 'only ES256 access tokens are accepted', cause: error });
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return new NdxpError('TOKEN_INVALID', { detail: 'signature verification failed', cause: error });
  return new NdxpError('TOKEN_INVALID', { cause: error });
}
