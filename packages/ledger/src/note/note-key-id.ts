import { sha256 } from '@noble/hashes/sha2.js';
import { encodeUtf8 } from '../encoding/utf8.ts';

/**
 * Key ID of a note key (c2sp.org/signed-note "Signatures"): the first four bytes, big-endian, of
 * `SHA-256(key name ‖ 0x0A ‖ signature type ‖ public key)`. For Ed25519 the type is 0x01 and the
 * key is its 32-byte RFC 8032 encoding. An identifier, not a security boundary: a collision only
 * makes a signature fail to verify.
 *
 * @param typeAndKey - the signature type byte followed by the public key.
 */
export function noteKeyId(name: string, typeAndKey: Uint8Array): number {
  const digest = sha256.create().update(encodeUtf8(name)).update(NEWLINE).update(typeAndKey).digest();
  return ((digest[0] as number) * 2 ** 24 + ((digest[1] as number) << 16) + ((digest[2] as number) << 8) + (digest[3] as number)) >>> 0;
}

const NEWLINE = new Uint8Array([0x0a]);

/** A key ID as 8 lowercase hex digits, as in key strings. */
export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** The 4 big-endian bytes of a key ID, as prefixed to signatures. */
export function keyIdBytes(keyId: number): Uint8Array {
  return new Uint8Array([(keyId >>> 24) & 0xff, (keyId >>> 16) & 0xff, (keyId >>> 8) & 0xff, keyId & 0xff]);
}
