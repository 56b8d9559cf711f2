import { formatKeyId, generateNoteKey, parseSignerKey, type NoteSigner } from '@ndxp/ledger';
import { openPrivateJwk, sealPrivateJwk } from '../identity/seal-private-jwk.ts';

/**
 * The log's Ed25519 note keys at rest. The 32-byte seed is kept as an Ed25519 private JWK
 * (RFC 8037 §2: `kty: OKP`, `crv: Ed25519`, `d` = seed, `x` = public key) and sealed exactly like
 * the hub's token-signing keys: AES-256-GCM under the key-encryption key, with the key's id as
 * additional authenticated data, so a sealed seed moved to another row no longer opens.
 */
export function sealNoteKey(seed: Uint8Array, publicKey: Uint8Array, kek: Buffer, keyId: string): string {
  return sealPrivateJwk({ kty: 'OKP', crv: 'Ed25519', d: Buffer.from(seed).toString('base64url'), x: Buffer.from(publicKey).toString('base64url') }, kek, keyId);
}

/**
 * Open a sealed seed and rebuild the note signer for key name `name`.
 *
 * @throws Error if the KEK is wrong, the ciphertext or key id was altered, or the sealed key does
 *   not belong to `keyId` (the rebuilt key must have exactly that name and key ID).
 */
export function openNoteKey(sealed: string, kek: Buffer, keyId: string, name: string): NoteSigner {
  const jwk = openPrivateJwk(sealed, kek, keyId);
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string') throw new Error('sealed log key is not an Ed25519 private key');
  const seed = new Uint8Array(Buffer.from(jwk.d, 'base64url'));
  const signer = parseSignerKey(generateNoteKey(name, seed).signerKey);
  if (noteKeyLabel(signer) !== keyId) throw new Error('sealed log key does not match its key id');
  return signer;
}

/** `<name>+<8 hex digits>`: how a note key is named in signatures, reports and the key table. */
export function noteKeyLabel(key: { readonly name: string; readonly keyId: number }): string {
  return `${key.name}+${formatKeyId(key.keyId)}`;
}
