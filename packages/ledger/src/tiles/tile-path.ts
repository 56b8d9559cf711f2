import { LedgerError } from '../ledger-error.ts';
import { TILE_WIDTH, type EntryBundle, type Tile } from './tile.ts';

/**
 * Encode a tile index as c2sp.org/tlog-tiles path elements: zero-padded 3-digit groups, all but
 * the last prefixed with `x` (1234067 → `x001/x234/067`), so a file system never holds a file and
 * a directory of the same name.
 */
export function encodeTileIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new LedgerError('INVALID_ARGUMENT', `tile index must be a non-negative safe integer, got ${String(index)}`);
  let n = index;
  let out = String(n % 1000).padStart(3, '0');
  while (n >= 1000) {
    n = Math.floor(n / 1000);
    out = `x${String(n % 1000).padStart(3, '0')}/${out}`;
  }
  return out;
}

function suffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new LedgerError('INVALID_ARGUMENT', `tile width must be 1..${TILE_WIDTH}, got ${String(width)}`);
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/** Path of a hash tile, `tile/<L>/<N>[.p/<W>]` (c2sp.org/tlog-tiles "Merkle Tree"). */
export function tilePath(tile: Tile): string {
  if (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > 63) throw new LedgerError('INVALID_ARGUMENT', `tile level must be 0..63, got ${String(tile.level)}`);
  return `tile/${tile.level}/${encodeTileIndex(tile.index)}${suffix(tile.width)}`;
}

/** Path of an entry bundle, `tile/entries/<N>[.p/<W>]` (c2sp.org/tlog-tiles "Log entries"). */
export function entryBundlePath(bundle: EntryBundle): string {
  return `tile/entries/${encodeTileIndex(bundle.index)}${suffix(bundle.width)}`;
}
