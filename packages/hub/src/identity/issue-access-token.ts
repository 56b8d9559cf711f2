import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SubsystemId } from '@ndxp/core';
import type { HubKeyring } from './hub-keyring.ts';

/** JOSE `typ` of access tokens (RFC 9068 §2.1): keeps them from being confused with other JWTs. */
export const ACCESS_TOKEN_TYP = 'at+jwt';

/** The audience of access tokens: the hub's data plane. */
export const dataPlaneAudience = (issuer: string): string => `${issuer}/x`;

export interface IssuedAccessToken {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly jti: string;
}

/**
 * Sign an RFC 9068 JWT access token for a subsystem: `iss`, `aud` (data plane), `sub` and
 * `client_id` (both the subsystem id: a client acting for itself, RFC 9068 §2.2), `jti`, `iat`,
 * `exp`. Grants are not put in the token: the data plane looks them up in its cache on every call,
 * so a revocation takes effect at once instead of when the token expires.
 */
export async function issueAccessToken(keyring: HubKeyring, issuer: string, clientId: SubsystemId, nowMs: number, ttlSeconds: number): Promise<IssuedAccessToken> {
  const key = keyring.current();
  const iat = Math.floor(nowMs / 1000);
  const jti = randomUUID();
  const accessToken = await new SignJWT({ client_id: clientId })
    .setProtectedHeader({ alg: key.alg, typ: ACCESS_TOKEN_TYP, kid: key.kid })
    .setIssuer(issuer)
    .setAudience(dataPlaneAudience(issuer))
    .setSubject(clientId)
    .setJti(jti)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(key.privateKey);
  return { accessToken, expiresIn: ttlSeconds, jti };
}
