import { assertCount } from '../tree-math.ts';
import { C2SP_LAYOUT, type Tile, type TileLayout } from './tile.ts';

/**
 * Every tile of a tree of `size` leaves (c2sp.org/tlog-tiles "Partial Tiles"): at each level L the
 * full tiles, then one partial tile of width `floor(size / 256^L) mod 256` if that is not zero.
 * Empty tiles do not exist. Returned level by level, left to right.
 *
 * A tree of 70,000 leaves has 273 full level-0 tiles, a partial level-0 tile of width 112, a full
 * level-1 tile, a partial level-1 tile of width 17 and a partial level-2 tile of width 1.
 */
export function tilesForSize(size: number, layout: TileLayout = C2SP_LAYOUT): Tile[] {
  return tilesChanged(0, size, layout);
}

/**
 * The tiles that are new or wider in the tree of `newSize` leaves than in the tree of `oldSize`
 * leaves: what a log must (re)publish after integrating entries (as golang.org/x/mod/sumdb/tlog
 * NewTiles). A partial tile that grows is listed with its new width; full tiles never change.
 */
export function tilesChanged(oldSize: number, newSize: number, layout: TileLayout = C2SP_LAYOUT): Tile[] {
  assertCount(oldSize, 'oldSize');
  assertCount(newSize, 'newSize');
  const width = 2 ** layout.height;
  const out: Tile[] = [];
  for (let level = 0; ; level++) {
    const span = 2 ** (layout.height * level); // leaves under one hash of this tile level
    const countNew = Math.floor(newSize / span); // hashes that exist at this level
    if (countNew === 0) break;
    const countOld = Math.floor(oldSize / span);
    for (let n = Math.floor(countOld / width); n * width < countNew; n++) {
      const wNew = Math.min(width, countNew - n * width);
      const wOld = Math.max(0, Math.min(width, countOld - n * width));
      if (wNew > wOld) out.push({ level, index: n, width: wNew });
    }
  }
  return out;
}
