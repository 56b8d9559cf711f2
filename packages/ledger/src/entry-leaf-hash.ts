import { canonicalEntry } from './canonical-entry.ts';
import { hashLeaf } from './hash-leaf.ts';

/**
 * Leaf hash of a JSON log entry: `SHA-256(0x00 || JCS(entry))` (RFC 9162 §2.1.1 over RFC 8785).
 *
 * @throws LedgerError `ENTRY_NOT_CANONICALISABLE` as {@link canonicalEntry}.
 */
export function entryLeafHash(entry: unknown): Uint8Array {
  return hashLeaf(canonicalEntry(entry));
}
