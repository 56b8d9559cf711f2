import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/** A new subsystem key pair as JWKs. Register `publicJwk` with the hub; keep `privateJwk` secret. */
export interface SubsystemKey {
  readonly kid: string;
  readonly alg: 'ES256';
  readonly publicJwk: JWK & { readonly kid: string; readonly alg: 'ES256'; readonly use: 'sig' };
  readonly privateJwk: JWK & { readonly kid: string; readonly alg: 'ES256'; readonly use: 'sig' };
}

/**
 * Generate an ES256 (ECDSA P-256, RFC 7518 §3.4) key pair for a subsystem's client assertions.
 * The key id is the RFC 7638 JWK thumbprint of the public key: stable and unique per key.
 */
export async function generateSubsystemKey(): Promise<SubsystemKey> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub, 'sha256');
  const priv = await exportJWK(privateKey);
  return {
    kid,
    alg: 'ES256',
    publicJwk: { kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y, kid, alg: 'ES256', use: 'sig' },
    privateJwk: { kty: priv.kty, crv: priv.crv, x: priv.x, y: priv.y, d: priv.d, kid, alg: 'ES256', use: 'sig' },
  };
}
