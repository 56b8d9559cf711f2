import { LedgerError } from '../ledger-error.ts';
import { TILE_WIDTH } from './tile.ts';

/** Largest entry an entry bundle can hold: its length prefix is a big-endian uint16. */
export const MAX_BUNDLED_ENTRY_SIZE = 0xffff;

/**
 * Encode an entry bundle (c2sp.org/tlog-tiles "Log entries"): each entry as a big-endian uint16
 * length followed by its bytes. Each entry must hash (as a leaf) to the matching hash of the
 * level-0 tile with the same index.
 *
 * @throws LedgerError `INVALID_ARGUMENT` for more than 256 entries, none, or an entry over 65,535 bytes.
 */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length < 1 || entries.length > TILE_WIDTH) throw new LedgerError('INVALID_ARGUMENT', `an entry bundle holds 1..${TILE_WIDTH} entries, got ${entries.length}`);
  let total = 0;
  for (const entry of entries) {
    if (entry.length > MAX_BUNDLED_ENTRY_SIZE) throw new LedgerError('INVALID_ARGUMENT', `entry of ${entry.length} bytes exceeds the bundle limit of ${MAX_BUNDLED_ENTRY_SIZE}`);
    total += 2 + entry.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const entry of entries) {
    out[at] = entry.length >> 8;
    out[at + 1] = entry.length & 0xff;
    out.set(entry, at + 2);
    at += 2 + entry.length;
  }
  return out;
}
