import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { NdxpError, type Clock } from '@ndxp/core';
import { HUB_SIGNING_ALG, type HubKeyring } from './hub-keyring.ts';

export interface VerifyHubTokenOptions {
  readonly issuer: string;
  readonly audience: string;
  /** Expected JOSE `typ` (RFC 8725 §3.11 explicit typing): `at+jwt` for access tokens, `JWT` for sessions. */
  readonly typ: string;
  readonly clock: Clock;
  /** Tolerance for `exp`/`nbf`, seconds. The hub checks its own tokens with its own clock: 0 by default. */
  readonly clockToleranceSeconds?: number;
}

/**
 * Verify a JWT the hub signed itself (access token or control-plane session) against the keyring's
 * published keys, in memory. Maps failures to the catalogue: `TOKEN_EXPIRED`,
 * `TOKEN_AUDIENCE_INVALID`, otherwise `TOKEN_INVALID` (unknown key, bad signature, wrong `typ`,
 * `iss` or `alg` — including `none` and HMAC, which are never in the allow-list).
 */
export async function verifyHubToken(keyring: HubKeyring, token: string, options: VerifyHubTokenOptions): Promise<JWTPayload> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw new NdxpError('TOKEN_INVALID', { detail: 'the token is not a JWS in compact serialisation' });
  }
  const key = kid === undefined ? undefined : keyring.verificationKey(kid);
  if (key === undefined) throw new NdxpError('TOKEN_INVALID', { detail: 'the token is not signed by a current hub key' });
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [HUB_SIGNING_ALG],
      issuer: options.issuer,
      audience: options.audience,
      typ: options.typ,
      requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      clockTolerance: options.clockToleranceSeconds ?? 0,
      currentDate: new Date(options.clock.now()),
    });
    return payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new NdxpError('TOKEN_EXPIRED', { detail: 'the token has expired', cause: error });
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
      throw new NdxpError('TOKEN_AUDIENCE_INVALID', { detail: `the token is not issued for ${options.audience}`, cause: error });
    }
    if (error instanceof errors.JWTClaimValidationFailed) throw new NdxpError('TOKEN_INVALID', { detail: `token claim "${error.claim}" is invalid`, cause: error });
    throw new NdxpError('TOKEN_INVALID', { detail: 'the token signature or format is invalid', cause: error });
  }
}
