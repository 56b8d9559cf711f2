import { decodeBase64 } from '../encoding/base64.ts';
import { HASH_SIZE } from '../hash-size.ts';
import { LedgerError } from '../ledger-error.ts';
import type { Checkpoint } from './checkpoint.ts';

/**
 * Parse checkpoint note text (c2sp.org/tlog-checkpoint "Note text"): at least three non-empty
 * lines, each ending in a newline: origin, tree size in decimal without leading zeroes, base64
 * of a 32-byte root hash; further lines are extension lines. Parse the text of an opened note
 * ({@link openNote}), never of an unverified one: the text means nothing until its signature has
 * been checked (c2sp.org/signed-note).
 *
 * @throws LedgerError `CHECKPOINT_MALFORMED`.
 */
export function parseCheckpoint(text: string): Checkpoint {
  const fail = (why: string): never => {
    throw new LedgerError('CHECKPOINT_MALFORMED', `malformed checkpoint: ${why}`);
  };
  if (!text.endsWith('\n')) return fail('text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) return fail('needs origin, size and root hash lines');
  if (lines.some((line) => line.length === 0)) return fail('empty line');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) return fail('size must be decimal without leading zeroes');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return fail('size too large');
  let rootHash: Uint8Array;
  try {
    rootHash = decodeBase64(rootText, HASH_SIZE);
  } catch {
    return fail('root hash must be base64 of 32 bytes');
  }
  return { origin, size, rootHash, extensions };
}
