import { LedgerError } from '../ledger-error.ts';
import { TILE_WIDTH } from './tile.ts';

/**
 * Decode an entry bundle (big-endian uint16 length-prefixed entries, c2sp.org/tlog-tiles).
 *
 * @param expectedWidth - if given, the number of entries the bundle must hold (its path's width).
 * @throws LedgerError `TILE_INVALID` for truncated data or the wrong number of entries.
 */
export function decodeEntryBundle(bytes: Uint8Array, expectedWidth?: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) throw new LedgerError('TILE_INVALID', 'entry bundle ends inside a length prefix');
    const length = ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
    if (at + 2 + length > bytes.length) throw new LedgerError('TILE_INVALID', 'entry bundle ends inside an entry');
    out.push(bytes.slice(at + 2, at + 2 + length));
    at += 2 + length;
    if (out.length > TILE_WIDTH) throw new LedgerError('TILE_INVALID', `entry bundle holds more than ${TILE_WIDTH} entries`);
  }
  if (expectedWidth !== undefined && out.length !== expectedWidth) throw new LedgerError('TILE_INVALID', `entry bundle holds ${out.length} entries, expected ${expectedWidth}`);
  return out;
}
