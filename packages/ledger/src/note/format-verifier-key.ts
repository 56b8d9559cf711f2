import { encodeBase64 } from '../encoding/base64.ts';
import { LedgerError } from '../ledger-error.ts';
import { isValidKeyName } from './key-name.ts';
import { formatKeyId, noteKeyId } from './note-key-id.ts';
import { ED25519_SIGNATURE_TYPE } from './note-types.ts';

/**
 * The verifier key string of an Ed25519 public key, `<name>+<hex key ID>+<base64(0x01 ‖ key)>`
 * (golang.org/x/mod/sumdb/note NewEd25519VerifierKey). This is what a log publishes and what
 * verifiers are configured with.
 *
 * @throws LedgerError `KEY_MALFORMED` for an invalid name or a key that is not 32 bytes.
 */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new LedgerError('KEY_MALFORMED', 'invalid key name');
  if (publicKey.length !== 32) throw new LedgerError('KEY_MALFORMED', `an Ed25519 public key is 32 bytes, got ${publicKey.length}`);
  const typed = new Uint8Array(33);
  typed[0] = ED25519_SIGNATURE_TYPE;
  typed.set(publicKey, 1);
  return `${name}+${formatKeyId(noteKeyId(name, typed))}+${encodeBase64(typed)}`;
}
