import { hashChildren } from '../hash-children.ts';
import { HASH_SIZE } from '../hash-size.ts';
import type { HashReader } from '../hash-store.ts';
import { LedgerError } from '../ledger-error.ts';
import type { NodeId } from '../node-id.ts';
import { assertCount } from '../tree-math.ts';
import { tileForNode, type NodeInTile } from './tile-for-node.ts';
import { tilePath } from './tile-path.ts';
import type { TileReader } from './tile-reader.ts';
import { C2SP_LAYOUT, type TileLayout } from './tile.ts';

/**
 * A {@link HashReader} over the tiles of a tree of `size` leaves: any perfect subtree is either a
 * tile hash or the Merkle tree hash of up to 128 consecutive hashes of one tile. With it,
 * {@link inclusionProof}, {@link consistencyProof} and {@link treeHash} work straight from
 * c2sp.org/tlog-tiles storage. Each `readHashes` call reads every tile it needs in one batch.
 *
 * The tiles are not authenticated here: what comes out is only as good as the tile source. That is
 * fine for a log serving its own proofs (clients verify every proof against a signed checkpoint);
 * a client reading an untrusted log's tiles must check the results against a checkpoint, e.g.
 * `treeHash(reader, size)` against the checkpoint root.
 *
 * @throws LedgerError `INVALID_ARGUMENT` for nodes that are not complete in this tree, and
 *   `TILE_INVALID` for tile data of the wrong length.
 */
export function tileHashReader(size: number, tiles: TileReader, layout: TileLayout = C2SP_LAYOUT): HashReader {
  assertCount(size, 'size');
  return {
    async readHashes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
      const places: NodeInTile[] = ids.map((id) => tileForNode(id, size, layout));
      const unique = new Map<string, number>();
      const wanted: NodeInTile['tile'][] = [];
      for (const place of places) {
        const key = tilePath(place.tile);
        if (!unique.has(key)) {
          unique.set(key, wanted.length);
          wanted.push(place.tile);
        }
      }
      const data = wanted.length === 0 ? [] : await tiles.readTiles(wanted);
      wanted.forEach((tile, i) => {
        if (data[i]?.length !== tile.width * HASH_SIZE) {
          throw new LedgerError('TILE_INVALID', `tile ${tilePath(tile)} must be ${tile.width * HASH_SIZE} bytes, got ${String(data[i]?.length)}`);
        }
      });
      return places.map((place) => {
        const bytes = data[unique.get(tilePath(place.tile)) as number] as Uint8Array;
        let level: Uint8Array[] = [];
        for (let i = 0; i < place.count; i++) {
          const at = (place.offset + i) * HASH_SIZE;
          level.push(bytes.slice(at, at + HASH_SIZE));
        }
        // Rebuild the node from the tile hashes under it (a perfect subtree: pairs all the way up).
        while (level.length > 1) {
          const next: Uint8Array[] = [];
          for (let i = 0; i < level.length; i += 2) next.push(hashChildren(level[i] as Uint8Array, level[i + 1] as Uint8Array));
          level = next;
        }
        return level[0] as Uint8Array;
      });
    },
  };
}
