import { randomUUID } from 'node:crypto';
import { SignJWT, type CryptoKey, type KeyObject } from 'jose';

/** Lifetime of a client assertion, seconds: the hub accepts at most 5 minutes (RFC 7523 §3). */
export const CLIENT_ASSERTION_TTL_S = 60;

export interface ClientAssertionInput {
  /** Subsystem id, e.g. `BTC/tax`: both `iss` and `sub` (RFC 7523 §3 items 1-2). */
  readonly clientId: string;
  /** The token endpoint URL (`aud`, RFC 7523 §3 item 3). */
  readonly audience: string;
  readonly kid: string;
  readonly alg: string;
  readonly key: CryptoKey | KeyObject | Uint8Array;
  readonly nowMs: number;
}

/**
 * A `private_key_jwt` client assertion (RFC 7523 §2.2, OpenID Connect Core §9): a short-lived JWT
 * signed by the subsystem's registered key, with a fresh `jti` so the hub can refuse replays.
 */
export async function createClientAssertion(input: ClientAssertionInput): Promise<string> {
  const iat = Math.floor(input.nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: input.alg, kid: input.kid, typ: 'JWT' })
    .setIssuer(input.clientId)
    .setSubject(input.clientId)
    .setAudience(input.audience)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + CLIENT_ASSERTION_TTL_S)
    .sign(input.key);
}
