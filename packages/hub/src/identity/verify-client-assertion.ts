import { decodeJwt, decodeProtectedHeader, errors, importJWK, jwtVerify, type CryptoKey, type JWK, type ProtectedHeaderParameters } from 'jose';
import { NdxpError, unsafeBrand, type Clock, type SubsystemId } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import { isSubsystemKeyAlg, SUBSYSTEM_KEY_ALGS } from './validate-subsystem-jwk.ts';

/** Longest lifetime of a client assertion we accept, seconds (RFC 7523 §3 item 4 leaves it to us). */
export const MAX_ASSERTION_LIFETIME_S = 300;
/** Subsystem id: `member/subsystem`, as the migration's CHECKs allow. */
export const SUBSYSTEM_ID = /^[A-Z0-9][A-Z0-9.]{1,31}\/[a-z0-9][a-z0-9-]{0,62}$/;
const MAX_JTI_LENGTH = 256;

export interface VerifiedClientAssertion {
  readonly clientId: SubsystemId;
  readonly jti: string;
  /** `exp` of the assertion, seconds since the epoch. */
  readonly exp: number;
  readonly kid: string;
}

export interface VerifyClientAssertionOptions {
  /** The hub's issuer URL; the assertion's `aud` must be `${issuer}/oauth/token` or the issuer. */
  readonly issuer: string;
  readonly clock: Clock;
  /** Tolerated clock difference, seconds. */
  readonly clockSkewSeconds: number;
}

const invalid = (detail: string, cause?: unknown): NdxpError => new NdxpError('CLIENT_ASSERTION_INVALID', { detail, cause, extensions: { error: 'invalid_client' } });

interface KeyRow {
  status: string;
  kid: string | null;
  alg: string | null;
  public_jwk: JWK | null;
  not_before_ms: number | null;
  not_after_ms: number | null;
}

/**
 * Authenticate a client by its `private_key_jwt` assertion (RFC 7523 §2.2 and §3; OpenID Connect
 * Core §9). Checks, in order: an asymmetric `alg` (never `none` or HMAC: RFC 8725 §3.1), a `kid`,
 * `iss` = `sub` = a known active subsystem, a key of that subsystem registered under `kid` and valid
 * now (rotation with overlap through not_before/not_after), the signature, `aud` naming this token
 * endpoint, `exp`, `iat` (not in the future beyond the skew, not older than 5 min), `nbf`, a lifetime
 * of at most 5 min, and a `jti`. Replay is checked by the caller (it needs a write).
 */
export async function verifyClientAssertion(db: Queryable, assertion: string, options: VerifyClientAssertionOptions): Promise<VerifiedClientAssertion> {
  let header: ProtectedHeaderParameters;
  let unverified: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(assertion);
    unverified = decodeJwt(assertion);
  } catch (cause) {
    throw invalid('client_assertion is not a signed JWT in compact serialisation', cause);
  }
  if (!isSubsystemKeyAlg(header.alg)) {
    throw invalid(`alg ${JSON.stringify(header.alg ?? null)} is not accepted; use one of ${SUBSYSTEM_KEY_ALGS.join(', ')} (no "none", no shared-secret HMAC)`);
  }
  if (typeof header.kid !== 'string' || header.kid === '') throw invalid('the JWS header has no "kid" naming the registered key');
  const { iss, sub } = unverified;
  if (typeof iss !== 'string' || iss !== sub) throw invalid('"iss" and "sub" must both be the client id (RFC 7523 §3)');
  if (!SUBSYSTEM_ID.test(iss)) throw new NdxpError('CLIENT_UNKNOWN', { detail: `"${iss.slice(0, 100)}" is not a subsystem id (member/subsystem)`, extensions: { error: 'invalid_client' } });

  const { rows } = await db.query<KeyRow>(
    `SELECT s.status, k.kid, k.alg, k.public_jwk,
       (extract(epoch FROM k.not_before) * 1000)::int8 AS not_before_ms,
       (extract(epoch FROM k.not_after) * 1000)::int8 AS not_after_ms
     FROM subsystems s LEFT JOIN subsystem_keys k ON k.subsystem_id = s.id AND k.kid = $2
     WHERE s.id = $1`,
    [iss, header.kid],
  );
  const row = rows[0];
  if (row === undefined || row.status !== 'active') {
    throw new NdxpError('CLIENT_UNKNOWN', { detail: row === undefined ? `no subsystem ${iss}` : `subsystem ${iss} is disabled`, extensions: { error: 'invalid_client' } });
  }
  if (row.kid === null || row.public_jwk === null || row.alg === null || row.not_before_ms === null) throw invalid(`subsystem ${iss} has no key with kid ${JSON.stringify(header.kid)}`);
  const now = options.clock.now();
  if (row.not_before_ms > now) throw invalid(`key ${row.kid} is not valid before ${new Date(row.not_before_ms).toISOString()}`);
  if (row.not_after_ms !== null && row.not_after_ms <= now) throw invalid(`key ${row.kid} expired at ${new Date(row.not_after_ms).toISOString()}`);
  if (header.alg !== row.alg) throw invalid(`key ${row.kid} is registered for ${row.alg}, not ${header.alg}`);

  let key: CryptoKey;
  try {
    key = (await importJWK(row.public_jwk, row.alg)) as CryptoKey;
  } catch (cause) {
    throw new NdxpError('INTERNAL', { detail: 'stored subsystem key cannot be imported', cause });
  }
  const skew = options.clockSkewSeconds;
  let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
  try {
    ({ payload } = await jwtVerify(assertion, key, {
      algorithms: [row.alg],
      issuer: iss,
      subject: iss,
      audience: [`${options.issuer}/oauth/token`, options.issuer],
      requiredClaims: ['jti', 'exp', 'iat'],
      maxTokenAge: MAX_ASSERTION_LIFETIME_S,
      clockTolerance: skew,
      currentDate: new Date(now),
    }));
  } catch (cause) {
    throw invalid(describeJoseError(cause), cause);
  }
  const exp = payload.exp as number;
  const iat = payload.iat as number;
  if (exp - iat > MAX_ASSERTION_LIFETIME_S) throw invalid(`assertion lifetime exp - iat = ${exp - iat} s exceeds ${MAX_ASSERTION_LIFETIME_S} s`);
  const jti = payload.jti;
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_JTI_LENGTH) throw invalid(`"jti" must be a string of 1-${MAX_JTI_LENGTH} characters`);
  return { clientId: unsafeBrand<'SubsystemId'>(iss), jti, exp, kid: row.kid };
}

/** A precise, safe explanation of why jose rejected the JWT (4xx details say exactly what was wrong). */
function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return error.claim === 'iat' ? 'assertion "iat" is too far in the past' : 'assertion has expired ("exp")';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return `assertion has no "${error.claim}" claim`;
    if (error.claim === 'aud') return 'assertion "aud" does not name this token endpoint';
    if (error.claim === 'iat') return 'assertion "iat" is in the future beyond the allowed clock skew';
    if (error.claim === 'nbf') return 'assertion is not valid yet ("nbf")';
    return `assertion claim "${error.claim}" is invalid`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'assertion signature does not verify with the registered key';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'assertion alg does not match the registered key';
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) return 'assertion is malformed';
  return 'assertion could not be verified';
}
