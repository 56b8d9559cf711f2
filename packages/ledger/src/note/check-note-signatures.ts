import { encodeUtf8 } from '../encoding/utf8.ts';
import { formatKeyId } from './note-key-id.ts';
import type { NoteVerifiers } from './note-verifiers.ts';
import type { Note, NoteSignature } from './note-types.ts';

/** The outcome of checking one signature line. */
export type NoteSignatureStatus =
  /** By a known key, and valid. */
  | 'verified'
  /** By a known key, and invalid: the note must be rejected (c2sp.org/signed-note). */
  | 'invalid'
  /** By a key not in the set: ignored (c2sp.org/signed-note requires this). */
  | 'unknown-key'
  /** Two known keys share its name and key ID: undecidable. */
  | 'ambiguous-key'
  /** A repeat of an earlier line by the same key: ignored, as in golang.org/x/mod/sumdb/note. */
  | 'duplicate';

/** One signature and what checking it found. */
export interface NoteSignatureCheck {
  readonly signature: NoteSignature;
  readonly status: NoteSignatureStatus;
  /** `<name>+<hex key ID>`, for messages and reports. */
  readonly keyLabel: string;
}

/**
 * Check every signature of a parsed note against known keys, without throwing, so callers can
 * report exactly which key failed. {@link openNote} applies the accept/reject rule on top.
 */
export function checkNoteSignatures(note: Note, verifiers: NoteVerifiers): NoteSignatureCheck[] {
  const message = encodeUtf8(note.text);
  const seenKnown = new Set<string>();
  const seenUnknown = new Set<string>();
  return note.signatures.map((signature) => {
    const keyLabel = `${signature.name}+${formatKeyId(signature.keyId)}`;
    let key;
    try {
      key = verifiers.find(signature.name, signature.keyId);
    } catch {
      return { signature, status: 'ambiguous-key', keyLabel };
    }
    let status: NoteSignatureStatus;
    if (key === undefined) {
      const line = `${signature.name} ${signature.base64}`;
      status = seenUnknown.has(line) ? 'duplicate' : 'unknown-key';
      seenUnknown.add(line);
    } else if (seenKnown.has(keyLabel)) {
      status = 'duplicate';
    } else {
      seenKnown.add(keyLabel);
      status = key.verify(message, signature.signature) ? 'verified' : 'invalid';
    }
    return { signature, status, keyLabel };
  });
}
