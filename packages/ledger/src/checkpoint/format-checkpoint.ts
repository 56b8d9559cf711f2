import { encodeBase64 } from '../encoding/base64.ts';
import { HASH_SIZE } from '../hash-size.ts';
import { LedgerError } from '../ledger-error.ts';
import type { Checkpoint } from './checkpoint.ts';

/**
 * The note text of a checkpoint (c2sp.org/tlog-checkpoint "Note text"): origin, decimal tree size
 * (no leading zeroes), base64 root hash, then any extension lines, each ending in a newline.
 *
 * @throws LedgerError `CHECKPOINT_MALFORMED` for an empty origin or extension line, a line break
 *   or control character inside a line, a size that is not a safe integer or a root not 32 bytes.
 */
export function formatCheckpoint(checkpoint: Pick<Checkpoint, 'origin' | 'size' | 'rootHash'> & { readonly extensions?: readonly string[] }): string {
  const extensions = checkpoint.extensions ?? [];
  // eslint-disable-next-line no-control-regex
  const badLine = (line: string) => line.length === 0 || /[\u0000-\u001f]|[\ud800-\udfff]/u.test(line);
  if (badLine(checkpoint.origin)) throw new LedgerError('CHECKPOINT_MALFORMED', 'checkpoint origin must be a non-empty line');
  if (extensions.some(badLine)) throw new LedgerError('CHECKPOINT_MALFORMED', 'checkpoint extension lines must be non-empty lines');
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0) throw new LedgerError('CHECKPOINT_MALFORMED', 'checkpoint size must be a non-negative safe integer');
  if (checkpoint.rootHash.length !== HASH_SIZE) throw new LedgerError('CHECKPOINT_MALFORMED', 'checkpoint root hash must be 32 bytes');
  return [checkpoint.origin, String(checkpoint.size), encodeBase64(checkpoint.rootHash), ...extensions].map((line) => `${line}\n`).join('');
}
