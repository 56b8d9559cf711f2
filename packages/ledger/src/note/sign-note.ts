import { decodeBase64, encodeBase64 } from '../encoding/base64.ts';
import { encodeUtf8 } from '../encoding/utf8.ts';
import { LedgerError } from '../ledger-error.ts';
import { isValidKeyName } from './key-name.ts';
import { formatKeyId, keyIdBytes } from './note-key-id.ts';
import type { NoteSignature, NoteSigner } from './note-types.ts';

/**
 * Sign a note text (c2sp.org/signed-note; golang.org/x/mod/sumdb/note Sign): the text, a blank
 * line, then `— <name> <base64(key ID ‖ signature)>` per signature. Each signer signs the text
 * bytes including the final newline.
 *
 * @param text - the note text; must end with a newline and contain no control characters but newlines.
 * @param signers - keys to sign with, e.g. the old and the new key during a rotation.
 * @param existing - signatures to keep (e.g. witness cosignatures), listed first; one by a key that
 *   also signs now is replaced.
 * @returns the signed note.
 * @throws LedgerError `NOTE_MALFORMED` for a bad text or existing signature, `KEY_MALFORMED` for a
 *   signer with an invalid name.
 */
export function signNote(text: string, signers: readonly NoteSigner[], existing: readonly NoteSignature[] = []): string {
  // eslint-disable-next-line no-control-regex
  if (!text.endsWith('\n') || /[\u0000-\u0009\u000b-\u001f]|[\ud800-\udfff]/u.test(text)) {
    throw new LedgerError('NOTE_MALFORMED', 'malformed note: text must end with a newline and contain no control characters');
  }
  const message = encodeUtf8(text);
  const signing = new Set<string>();
  const fresh: string[] = [];
  for (const signer of signers) {
    if (!isValidKeyName(signer.name)) throw new LedgerError('KEY_MALFORMED', 'invalid signer name');
    signing.add(`${signer.name}+${formatKeyId(signer.keyId)}`);
    const signature = signer.sign(message);
    const raw = new Uint8Array(4 + signature.length);
    raw.set(keyIdBytes(signer.keyId));
    raw.set(signature, 4);
    fresh.push(`— ${signer.name} ${encodeBase64(raw)}\n`);
  }
  const kept: string[] = [];
  for (const sig of existing) {
    if (!isValidKeyName(sig.name)) throw new LedgerError('NOTE_MALFORMED', 'malformed note: invalid signature name');
    if (signing.has(`${sig.name}+${formatKeyId(sig.keyId)}`)) continue;
    // The key ID written in the base64 must be the one claimed, or the line would lie about its key.
    let raw: Uint8Array;
    try {
      raw = decodeBase64(sig.base64);
    } catch {
      throw new LedgerError('NOTE_MALFORMED', 'malformed note: existing signature is not base64');
    }
    if (raw.length < 5 || formatKeyId(((raw[0]! << 24) | (raw[1]! << 16) | (raw[2]! << 8) | raw[3]!) >>> 0) !== formatKeyId(sig.keyId)) {
      throw new LedgerError('NOTE_MALFORMED', 'malformed note: existing signature does not match its key ID');
    }
    kept.push(`— ${sig.name} ${sig.base64}\n`);
  }
  return `${text}\n${kept.join('')}${fresh.join('')}`;
}
