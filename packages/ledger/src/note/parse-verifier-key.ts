import { ed25519 } from '@noble/curves/ed25519.js';
import { decodeBase64 } from '../encoding/base64.ts';
import { LedgerError } from '../ledger-error.ts';
import { chop } from './chop.ts';
import { isValidKeyName } from './key-name.ts';
import { noteKeyId } from './note-key-id.ts';
import { ED25519_SIGNATURE_TYPE, type NoteVerifier } from './note-types.ts';

/**
 * Parse a verifier key string `<name>+<hex key ID>+<base64(type ‖ public key)>`
 * (golang.org/x/mod/sumdb/note NewVerifier). The key ID must match the name and key, so a typo in
 * any part is caught.
 *
 * Signatures are checked with RFC 8032 strict verification (canonical encodings, no ZIP-215
 * leniency), so one note text has no second valid signature by the same key.
 *
 * @throws LedgerError `KEY_MALFORMED` for any malformed part, an unknown type or a key ID mismatch.
 */
export function parseVerifierKey(verifierKey: string): NoteVerifier {
  const [name, rest] = chop(verifierKey, '+');
  const [hex, b64] = rest === undefined ? [undefined, undefined] : chop(rest, '+');
  let typed: Uint8Array;
  try {
    if (hex === undefined || b64 === undefined || !/^[0-9a-fA-F]{8}$/.test(hex) || !isValidKeyName(name)) throw new Error('shape');
    typed = decodeBase64(b64);
  } catch {
    throw new LedgerError('KEY_MALFORMED', 'malformed verifier key');
  }
  const keyId = Number.parseInt(hex, 16);
  if (typed.length === 0 || keyId !== noteKeyId(name, typed)) throw new LedgerError('KEY_MALFORMED', 'verifier key ID does not match its name and key');
  if (typed[0] !== ED25519_SIGNATURE_TYPE) throw new LedgerError('KEY_MALFORMED', `unknown signature type ${String(typed[0])}`);
  const publicKey = typed.slice(1);
  if (publicKey.length !== 32) throw new LedgerError('KEY_MALFORMED', 'an Ed25519 public key is 32 bytes');
  return {
    name,
    keyId,
    publicKey,
    verifierKey,
    verify(message: Uint8Array, signature: Uint8Array): boolean {
      if (signature.length !== 64) return false;
      try {
        return ed25519.verify(signature, message, publicKey, { zip215: false });
      } catch {
        return false;
      }
    },
  };
}
