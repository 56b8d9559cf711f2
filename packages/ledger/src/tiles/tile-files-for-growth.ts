import type { HashReader } from '../hash-store.ts';
import { LedgerError } from '../ledger-error.ts';
import { encodeEntryBundle } from './encode-entry-bundle.ts';
import { readTileData } from './read-tile-data.ts';
import { entryBundlePath, tilePath } from './tile-path.ts';
import { tilesChanged } from './tiles-for-size.ts';
import { TILE_WIDTH } from './tile.ts';

/** One static file of a c2sp.org/tlog-tiles log. */
export interface TileFile {
  /** Path under the log prefix, e.g. `tile/0/x001/234.p/17` or `tile/entries/000`. */
  readonly path: string;
  readonly data: Uint8Array;
}

/**
 * The tile files to write when a log grows from `oldSize` to `newSize` entries: every hash tile
 * that is new or wider, and the matching entry bundles. Together with the signed checkpoint
 * (written last, at `<prefix>/checkpoint`), that is a complete c2sp.org/tlog-tiles publication, so
 * plain static hosting or an export directory can serve the log, and {@link tileLogSource} can
 * verify it.
 *
 * @param hashes - stored hashes of at least the tile levels (0, 8, 16, …).
 * @param entries - the logged bytes of entries `[start, end)`, in order.
 */
export async function tileFilesForGrowth(
  oldSize: number,
  newSize: number,
  hashes: HashReader,
  entries: (start: number, end: number) => Promise<readonly Uint8Array[]>,
): Promise<TileFile[]> {
  const out: TileFile[] = [];
  for (const tile of tilesChanged(oldSize, newSize)) {
    out.push({ path: tilePath(tile), data: await readTileData(tile, hashes) });
    if (tile.level === 0) {
      const start = tile.index * TILE_WIDTH;
      const bundle = await entries(start, start + tile.width);
      if (bundle.length !== tile.width) throw new LedgerError('INVALID_ARGUMENT', `expected ${tile.width} entries from ${start}, got ${bundle.length}`);
      out.push({ path: entryBundlePath({ index: tile.index, width: tile.width }), data: encodeEntryBundle(bundle) });
    }
  }
  return out;
}
