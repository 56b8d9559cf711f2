import { LedgerError } from '../ledger-error.ts';
import { openNote } from '../note/open-note.ts';
import type { NoteVerifiers } from '../note/note-verifiers.ts';
import type { OpenedNote } from '../note/note-types.ts';
import type { Checkpoint } from './checkpoint.ts';
import { parseCheckpoint } from './parse-checkpoint.ts';

/** A checkpoint whose note signatures verified. */
export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: OpenedNote;
}

/**
 * Verify a signed checkpoint and parse it: {@link openNote} against the known keys, then
 * {@link parseCheckpoint}, then (if given) check the origin, so that a validly signed checkpoint of
 * another log sharing a key is not mistaken for this log's.
 *
 * @throws LedgerError any code of {@link openNote}, `CHECKPOINT_MALFORMED`, or `CHECKPOINT_ORIGIN_MISMATCH`.
 */
export function openCheckpoint(signedNote: string | Uint8Array, verifiers: NoteVerifiers, options: { readonly origin?: string } = {}): OpenedCheckpoint {
  const note = openNote(signedNote, verifiers);
  const checkpoint = parseCheckpoint(note.text);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new LedgerError('CHECKPOINT_ORIGIN_MISMATCH', `checkpoint is for ${JSON.stringify(checkpoint.origin)}, expected ${JSON.stringify(options.origin)}`);
  }
  return { checkpoint, note };
}
