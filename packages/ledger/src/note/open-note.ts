import { LedgerError } from '../ledger-error.ts';
import { checkNoteSignatures } from './check-note-signatures.ts';
import type { NoteVerifiers } from './note-verifiers.ts';
import type { OpenedNote } from './note-types.ts';
import { parseNote } from './parse-note.ts';

/**
 * Parse a signed note and verify it against known keys (c2sp.org/signed-note "Signatures";
 * golang.org/x/mod/sumdb/note Open). Signatures by unknown keys are ignored (kept in
 * `unverified`); a signature by a known key must verify, or the whole note is rejected; at least
 * one known key must have signed.
 *
 * @throws LedgerError `NOTE_MALFORMED`, `NOTE_AMBIGUOUS_KEY`, `NOTE_SIGNATURE_INVALID` (naming the
 *   key), or `NOTE_UNVERIFIED` when no known key signed.
 */
export function openNote(message: string | Uint8Array, verifiers: NoteVerifiers): OpenedNote {
  const note = parseNote(message);
  const checks = checkNoteSignatures(note, verifiers);
  const ambiguous = checks.find((c) => c.status === 'ambiguous-key');
  if (ambiguous !== undefined) throw new LedgerError('NOTE_AMBIGUOUS_KEY', `ambiguous key ${ambiguous.keyLabel}`);
  const invalid = checks.find((c) => c.status === 'invalid');
  if (invalid !== undefined) throw new LedgerError('NOTE_SIGNATURE_INVALID', `invalid signature for key ${invalid.keyLabel}`);
  const verified = checks.filter((c) => c.status === 'verified').map((c) => c.signature);
  if (verified.length === 0) throw new LedgerError('NOTE_UNVERIFIED', 'note has no verifiable signatures');
  return { text: note.text, verified, unverified: checks.filter((c) => c.status === 'unknown-key').map((c) => c.signature) };
}
