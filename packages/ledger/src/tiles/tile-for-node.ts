import { LedgerError } from '../ledger-error.ts';
import { nodeEnd, nodeKey, type NodeId } from '../node-id.ts';
import { assertCount } from '../tree-math.ts';
import { C2SP_LAYOUT, type Tile, type TileLayout } from './tile.ts';

/** Where a perfect subtree's hash comes from in the tiles of a tree. */
export interface NodeInTile {
  /** The tile to read, with the width it has in the tree of the given size. */
  readonly tile: Tile;
  /** Position of the first tile hash under the node. */
  readonly offset: number;
  /**
   * How many consecutive tile hashes are under the node (a power of two). 1 means the node's hash
   * is stored in the tile as is; more means it is their Merkle tree hash.
   */
  readonly count: number;
}

/**
 * Which tile holds, or lets one compute, the hash of a perfect subtree of the tree of `size`
 * leaves. The node at level ℓ lives in tile level `L = floor(ℓ / 8)`; it covers `2^(ℓ - 8L)`
 * consecutive hashes of that tile level, which all fall in one tile because tiles are aligned.
 *
 * @throws LedgerError `INVALID_ARGUMENT` if the node is not a complete subtree of that tree.
 */
export function tileForNode(node: NodeId, size: number, layout: TileLayout = C2SP_LAYOUT): NodeInTile {
  assertCount(size, 'size');
  assertCount(node.level, 'level');
  assertCount(node.index, 'index');
  if (nodeEnd(node) > size) throw new LedgerError('INVALID_ARGUMENT', `node ${nodeKey(node)} is not complete in a tree of ${size} leaves`);
  const width = 2 ** layout.height;
  const tileLevel = Math.floor(node.level / layout.height);
  const below = node.level - tileLevel * layout.height;
  const count = 2 ** below;
  const first = node.index * count; // position of its first hash within tile level `tileLevel`
  const index = Math.floor(first / width);
  const hashesAtLevel = Math.floor(size / 2 ** (tileLevel * layout.height));
  return {
    tile: { level: tileLevel, index, width: Math.min(width, hashesAtLevel - index * width) },
    offset: first - index * width,
    count,
  };
}

/** The entry bundle holding entry `index` of the tree of `size` leaves, and its position in it. */
export function entryBundleFor(index: number, size: number, layout: TileLayout = C2SP_LAYOUT): { readonly bundle: { readonly index: number; readonly width: number }; readonly offset: number } {
  const { tile, offset } = tileForNode({ level: 0, index }, size, layout);
  return { bundle: { index: tile.index, width: tile.width }, offset };
}
