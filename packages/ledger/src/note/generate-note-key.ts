import { ed25519 } from '@noble/curves/ed25519.js';
import { encodeBase64 } from '../encoding/base64.ts';
import { LedgerError } from '../ledger-error.ts';
import { formatVerifierKey } from './format-verifier-key.ts';
import { isValidKeyName } from './key-name.ts';
import { formatKeyId, noteKeyId } from './note-key-id.ts';
import { ED25519_SIGNATURE_TYPE } from './note-types.ts';

/** A freshly generated note key pair, as strings (golang.org/x/mod/sumdb/note GenerateKey). */
export interface GeneratedNoteKey {
  /** `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ seed)>`. Secret: store encrypted, never log. */
  readonly signerKey: string;
  /** `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`. Public: give to verifiers. */
  readonly verifierKey: string;
}

/**
 * Generate an Ed25519 note key for `name` (for a log, use its origin, which c2sp.org/tlog-checkpoint
 * recommends as the key name). Randomness comes from `crypto.getRandomValues` (browser and Node).
 *
 * @param seed - a 32-byte Ed25519 seed, for deterministic keys in tests; omit in production.
 * @throws LedgerError `KEY_MALFORMED` for an invalid name or seed.
 */
export function generateNoteKey(name: string, seed?: Uint8Array): GeneratedNoteKey {
  if (!isValidKeyName(name)) throw new LedgerError('KEY_MALFORMED', 'invalid key name');
  if (seed !== undefined && seed.length !== 32) throw new LedgerError('KEY_MALFORMED', 'an Ed25519 seed is 32 bytes');
  const secret = seed ?? ed25519.utils.randomSecretKey();
  const publicKey = ed25519.getPublicKey(secret);
  const typedPublic = new Uint8Array([ED25519_SIGNATURE_TYPE, ...publicKey]);
  const typedSecret = new Uint8Array([ED25519_SIGNATURE_TYPE, ...secret]);
  const keyId = formatKeyId(noteKeyId(name, typedPublic));
  return {
    signerKey: `PRIVATE+KEY+${name}+${keyId}+${encodeBase64(typedSecret)}`,
    verifierKey: formatVerifierKey(name, publicKey),
  };
}
