import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { JWK } from 'jose';

/**
 * Envelope encryption of the hub's private signing keys at rest: AES-256-GCM (NIST SP 800-38D)
 * under the key-encryption key from configuration, a fresh 96-bit IV per seal, and the key id as
 * additional authenticated data so a sealed key cannot be moved to another row unnoticed.
 *
 * Sealed format: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
const VERSION = 'v1';

/** Encrypt a private JWK for storage. */
export function sealPrivateJwk(jwk: JWK, kek: Buffer, kid: string): string {
  if (kek.length !== 32) throw new Error('key-encryption key must be 32 bytes');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(kid, 'utf8'));
  const ct = Buffer.concat([cipher.update(JSON.stringify(jwk), 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

/**
 * Decrypt a sealed private JWK. Throws if the KEK is wrong or the ciphertext, IV, tag or key id
 * were altered (GCM authentication).
 */
export function openPrivateJwk(sealed: string, kek: Buffer, kid: string): JWK {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error('sealed key has an unknown format');
  const [, iv, tag, ct] = parts as [string, string, string, string];
  // A fixed 16-byte tag length: accepting truncated tags would weaken GCM authentication.
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(kid, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const plain = Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as JWK;
}
