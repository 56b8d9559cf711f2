import type { HashReader } from '../hash-store.ts';
import { HASH_SIZE } from '../hash-size.ts';
import type { NodeId } from '../node-id.ts';
import { C2SP_LAYOUT, type Tile, type TileLayout } from './tile.ts';

/**
 * Build the bytes of a tile from stored perfect-subtree hashes: the `width` hashes at tree level
 * `8 * L`, starting at `256 * N`, concatenated (c2sp.org/tlog-tiles "Merkle Tree"). The store
 * needs only the tile levels (0, 8, 16, …), e.g. nodes kept with `keepLevel: l => l % 8 === 0`.
 */
export async function readTileData(tile: Tile, reader: HashReader, layout: TileLayout = C2SP_LAYOUT): Promise<Uint8Array> {
  const level = tile.level * layout.height;
  const first = tile.index * 2 ** layout.height;
  const ids: NodeId[] = Array.from({ length: tile.width }, (_, i) => ({ level, index: first + i }));
  const hashes = await reader.readHashes(ids);
  const out = new Uint8Array(tile.width * HASH_SIZE);
  hashes.forEach((hash, i) => out.set(hash, i * HASH_SIZE));
  return out;
}

/** A {@link TileReader} that builds every tile from a {@link HashReader} (e.g. to serve tiles from a database). */
export function tileReaderFromHashes(reader: HashReader, layout: TileLayout = C2SP_LAYOUT): { readTiles(tiles: readonly Tile[]): Promise<Uint8Array[]> } {
  return { readTiles: (tiles) => Promise.all(tiles.map((tile) => readTileData(tile, reader, layout))) };
}
