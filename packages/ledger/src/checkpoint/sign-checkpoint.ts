import { signNote } from '../note/sign-note.ts';
import type { NoteSigner } from '../note/note-types.ts';
import type { Checkpoint } from './checkpoint.ts';
import { formatCheckpoint } from './format-checkpoint.ts';

/**
 * Sign a checkpoint as a note (c2sp.org/tlog-checkpoint over c2sp.org/signed-note). Pass several
 * signers to rotate keys: checkpoints carry the old and the new signature until every verifier
 * knows the new key. A log must never sign two checkpoints that are not consistent with each other.
 *
 * @returns the signed checkpoint, as served at `<prefix>/checkpoint`.
 */
export function signCheckpoint(checkpoint: Pick<Checkpoint, 'origin' | 'size' | 'rootHash'> & { readonly extensions?: readonly string[] }, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(checkpoint), signers);
}
