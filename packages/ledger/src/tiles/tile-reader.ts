import type { Tile } from './tile.ts';

/**
 * Read access to tiles (c2sp.org/tlog-tiles): a static file server or bucket, an HTTP client for
 * a remote log, or the hub's database. Batched, like {@link HashReader}.
 */
export interface TileReader {
  /**
   * The bytes of each tile (exactly `32 * width` bytes), in the same order. A reader holding a
   * wider version of a tile (a later partial or the full tile) returns its first `width` hashes:
   * tiles only ever grow at the right.
   */
  readTiles(tiles: readonly Tile[]): Promise<readonly Uint8Array[]>;
}
