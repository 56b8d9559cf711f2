import { randomUUID } from 'node:crypto';
import { SignJWT, type CryptoKey } from 'jose';

/** The key the hub signs with now (the keyring's `current()`). */
export interface AssertionKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
}

/** What a hub assertion vouches for. */
export interface HubAssertionClaims {
  readonly issuer: string;
  /** Provider subsystem id (`aud`). */
  readonly provider: string;
  /** Consumer subsystem id (`sub`). */
  readonly consumer: string;
  readonly service: string;
  readonly purpose: string;
  readonly grantId: string;
  readonly requestId: string;
  readonly fields: readonly string[];
  /** HTTP method (`htm`) and request target on the provider (`htu`), binding the assertion to this one request. */
  readonly method: string;
  readonly target: string;
  readonly nowMs: number;
}

/** Media type of the assertion (JWS `typ`, RFC 8725 §3.11 explicit typing). */
export const HUB_ASSERTION_TYP = 'ndxp-hub+jwt';
/** Lifetime of an assertion, seconds: long enough for the provider to receive it, no longer. */
export const HUB_ASSERTION_TTL_S = 60;

/**
 * Sign the `x-ndxp-hub-assertion` JWT that tells a provider: this request comes through the hub,
 * from this consumer, for this service, purpose, grant and these fields. Explicit `typ` keeps it
 * from being confused with an access token (RFC 8725 §3.11), and `htm`/`htu` (as in DPoP,
 * RFC 9449 §4.2) bind it to one request so it cannot be replayed against another path.
 */
export async function signHubAssertion(key: AssertionKey, c: HubAssertionClaims): Promise<string> {
  const iat = Math.floor(c.nowMs / 1000);
  return new SignJWT({ service: c.service, purpose: c.purpose, grant_id: c.grantId, request_id: c.requestId, fields: [...c.fields], htm: c.method, htu: c.target })
    .setProtectedHeader({ alg: 'ES256', typ: HUB_ASSERTION_TYP, kid: key.kid })
    .setIssuer(c.issuer)
    .setAudience(c.provider)
    .setSubject(c.consumer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + HUB_ASSERTION_TTL_S)
    .setJti(randomUUID())
    .sign(key.privateKey);
}
