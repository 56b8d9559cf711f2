import type { Checkpoint } from '../checkpoint/checkpoint.ts';
import { parseCheckpoint } from '../checkpoint/parse-checkpoint.ts';
import { checkNoteSignatures } from '../note/check-note-signatures.ts';
import type { NoteVerifiers } from '../note/note-verifiers.ts';
import type { Note } from '../note/note-types.ts';
import { parseNote } from '../note/parse-note.ts';
import type { ProblemList } from './problem-list.ts';

/** A served checkpoint whose signature verified and whose body parsed. */
export interface TrustedCheckpoint {
  /** Position in the source's list. */
  readonly position: number;
  readonly note: string;
  readonly checkpoint: Checkpoint;
}

function claimedSize(note: Note): { checkpointSize?: number } {
  try {
    return { checkpointSize: parseCheckpoint(note.text).size };
  } catch {
    return {};
  }
}

/**
 * Step 1 of {@link verifyLog}: check every served checkpoint's signatures (c2sp.org/signed-note
 * rules: unknown keys ignored, a known key must verify, at least one known key) and origin.
 * Problems are reported per checkpoint; only trusted checkpoints go on to the tree checks.
 */
export function checkCheckpointNotes(notes: readonly string[], verifiers: NoteVerifiers, origin: string, problems: ProblemList): TrustedCheckpoint[] {
  const trusted: TrustedCheckpoint[] = [];
  notes.forEach((text, position) => {
    let note: Note;
    try {
      note = parseNote(text);
    } catch {
      problems.add({ code: 'CHECKPOINT_MALFORMED', message: `checkpoint #${position} is not a signed note`, checkpointPosition: position });
      return;
    }
    const checks = checkNoteSignatures(note, verifiers);
    const bad = checks.filter((c) => c.status === 'invalid' || c.status === 'ambiguous-key');
    if (bad.length > 0) {
      const keys = bad.map((c) => c.keyLabel);
      const size = claimedSize(note);
      problems.add({
        code: 'SIGNATURE_INVALID',
        message: `checkpoint #${position}${size.checkpointSize === undefined ? '' : ` (claims size ${size.checkpointSize})`} has a signature that does not verify with known key ${keys.join(', ')}`,
        checkpointPosition: position,
        ...size,
        keys,
      });
      return;
    }
    if (!checks.some((c) => c.status === 'verified')) {
      const keys = checks.filter((c) => c.status === 'unknown-key').map((c) => c.keyLabel);
      const size = claimedSize(note);
      problems.add({
        code: 'UNKNOWN_KEY',
        message: `checkpoint #${position}${size.checkpointSize === undefined ? '' : ` (claims size ${size.checkpointSize})`} is signed only by unknown key(s) ${keys.join(', ')}`,
        checkpointPosition: position,
        ...size,
        keys,
      });
      return;
    }
    let checkpoint: Checkpoint;
    try {
      checkpoint = parseCheckpoint(note.text);
    } catch {
      problems.add({ code: 'CHECKPOINT_MALFORMED', message: `checkpoint #${position} is signed but its text is not a checkpoint`, checkpointPosition: position });
      return;
    }
    if (checkpoint.origin !== origin) {
      problems.add({
        code: 'ORIGIN_MISMATCH',
        message: `checkpoint #${position} is for log ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(origin)}`,
        checkpointPosition: position,
        checkpointSize: checkpoint.size,
      });
      return;
    }
    trusted.push({ position, note: text, checkpoint });
  });
  return trusted;
}
