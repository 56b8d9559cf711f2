import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';

/** What a forwarded request carries, as the hub would assert it. */
export interface AssertionClaims {
  readonly audience: string;
  readonly consumer: string;
  readonly service: string;
  readonly purpose: string;
  readonly fields: readonly string[];
  readonly method: string;
  /** The request target forwarded to the provider (path and query). */
  readonly target: string;
}

/**
 * A stand-in for the hub's signing key, for testing a provider alone: it signs hub assertions in
 * the hub contract's format (`typ: ndxp-hub+jwt`, ES256) and publishes the matching JWKS, so the
 * provider's real `hubGuard` verifies them. The end-to-end tests use the real hub instead.
 */
export async function createFakeHubSigner(issuer = 'http://hub.test'): Promise<{ issuer: string; jwks: JSONWebKeySet; headers(c: AssertionClaims): Promise<Record<string, string>> }> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = 'test-hub-key';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return {
    issuer,
    jwks: { keys: [jwk] },
    async headers(c) {
      const requestId = randomUUID();
      const token = await new SignJWT({ service: c.service, purpose: c.purpose, grant_id: randomUUID(), request_id: requestId, fields: [...c.fields], htm: c.method, htu: c.target })
        .setProtectedHeader({ alg: 'ES256', typ: 'ndxp-hub+jwt', kid })
        .setIssuer(issuer)
        .setAudience(c.audience)
        .setSubject(c.consumer)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime('60s')
        .sign(privateKey);
      return { 'x-ndxp-hub-assertion': token, 'x-request-id': requestId, 'x-ndxp-consumer': c.consumer, 'x-ndxp-purpose': c.purpose, 'x-ndxp-service': c.service, 'x-ndxp-fields': c.fields.join(',') };
    },
  };
}
