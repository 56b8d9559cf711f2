/*
 * Types and constants of c2sp.org/tlog-tiles. A tile is a run of up to 256 consecutive hashes at
 * tree level 8·L: at level 0 the leaf hashes, above that the roots of full tiles of the level
 * below. The levels in between are recomputed by hashing inside a tile, so storing only tiles is
 * enough to answer any proof.
 */

/** Tile height fixed by c2sp.org/tlog-tiles: 8 tree levels per tile level. */
export const TILE_HEIGHT = 8;

/** Hashes in a full tile (2^TILE_HEIGHT); a full tile is 8,192 bytes. */
export const TILE_WIDTH = 256;

/** A tile of Merkle tree hashes: `tile/<L>/<N>[.p/<W>]`. */
export interface Tile {
  /** Tile level L (0..63): its hashes are perfect subtrees at tree level `L * height`. */
  readonly level: number;
  /** Tile index N within its level. */
  readonly index: number;
  /** Number of hashes, 1..256 (256 = full tile; fewer = partial tile). */
  readonly width: number;
}

/** An entry bundle: `tile/entries/<N>[.p/<W>]`, the entries whose leaf hashes form level-0 tile N. */
export interface EntryBundle {
  /** Bundle index N (same as the level-0 tile index). */
  readonly index: number;
  /** Number of entries, 1..256. */
  readonly width: number;
}

/**
 * Tile geometry. Only `height: 8` is c2sp.org/tlog-tiles; other heights exist so the tile
 * arithmetic can be checked against golang.org/x/mod/sumdb/tlog vectors, which use several.
 */
export interface TileLayout {
  readonly height: number;
}

/** The c2sp.org/tlog-tiles layout. */
export const C2SP_LAYOUT: TileLayout = { height: TILE_HEIGHT };
