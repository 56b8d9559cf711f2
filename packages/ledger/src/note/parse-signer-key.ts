import { ed25519 } from '@noble/curves/ed25519.js';
import { decodeBase64 } from '../encoding/base64.ts';
import { LedgerError } from '../ledger-error.ts';
import { chop } from './chop.ts';
import { formatVerifierKey } from './format-verifier-key.ts';
import { isValidKeyName } from './key-name.ts';
import { noteKeyId } from './note-key-id.ts';
import { ED25519_SIGNATURE_TYPE, type NoteSigner } from './note-types.ts';

/**
 * Parse a signer key string `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ Ed25519 seed)>`
 * (golang.org/x/mod/sumdb/note NewSigner). The key ID is of the public key, so it is checked after
 * deriving the public key from the seed: a signer key with a wrong ID would produce signatures that
 * no verifier finds.
 *
 * @throws LedgerError `KEY_MALFORMED`; the message never contains the key.
 */
export function parseSignerKey(signerKey: string): NoteSigner {
  const [p1, r1] = chop(signerKey, '+');
  const [p2, r2] = r1 === undefined ? [undefined, undefined] : chop(r1, '+');
  const [name, r3] = r2 === undefined ? [undefined, undefined] : chop(r2, '+');
  const [hex, b64] = r3 === undefined ? [undefined, undefined] : chop(r3, '+');
  let typed: Uint8Array;
  try {
    if (p1 !== 'PRIVATE' || p2 !== 'KEY' || name === undefined || hex === undefined || b64 === undefined) throw new Error('shape');
    if (!/^[0-9a-fA-F]{8}$/.test(hex) || !isValidKeyName(name)) throw new Error('shape');
    typed = decodeBase64(b64);
  } catch {
    throw new LedgerError('KEY_MALFORMED', 'malformed signer key');
  }
  if (typed[0] !== ED25519_SIGNATURE_TYPE) throw new LedgerError('KEY_MALFORMED', 'unknown signature type');
  const seed = typed.slice(1);
  if (seed.length !== 32) throw new LedgerError('KEY_MALFORMED', 'an Ed25519 seed is 32 bytes');
  const publicKey = ed25519.getPublicKey(seed);
  const keyId = Number.parseInt(hex, 16);
  if (keyId !== noteKeyId(name, new Uint8Array([ED25519_SIGNATURE_TYPE, ...publicKey]))) {
    throw new LedgerError('KEY_MALFORMED', 'signer key ID does not match its name and key');
  }
  return {
    name,
    keyId,
    publicKey,
    verifierKey: formatVerifierKey(name, publicKey),
    sign: (message: Uint8Array) => ed25519.sign(message, seed),
  };
}
