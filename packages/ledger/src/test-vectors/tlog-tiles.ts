/**
 * Tile vectors.
 *
 * From c2sp.org/tlog-tiles (github.com/C2SP/C2SP `tlog-tiles.md`; C2SP specifications are
 * licensed CC BY 4.0): the `<N>` path encoding example and the tile counts for trees of size
 * 70,000 and 256.
 *
 * Adapted from golang.org/x/mod `sumdb/tlog/tlog_test.go` `tilePaths` and `tile_test.go`
 * TestNewTilesForSize (BSD-3-Clause, Copyright 2019 The Go Authors). Go's sumdb layout puts the
 * tile height in the path (`tile/<H>/<L>/<N>`) and calls entry bundles `data`; C2SP fixes H = 8
 * and drops it from the path, and calls them `entries`. The `<N>` encoding (`x123/x456/078`), the
 * `.p/<W>` suffix and the rejected paths are the same, so the Go vectors are kept with `tile/<H>/`
 * rewritten to `tile/`. The NewTiles counts use H = 10 exactly as in Go.
 */

/** c2sp.org/tlog-tiles: "index 1234067 will be encoded as x001/x234/067". */
export const C2SP_INDEX_EXAMPLE = { index: 1234067, encoded: 'x001/x234/067' } as const;

/** Valid paths and the tiles they name (`width` 256 = full tile). */
export const TILE_PATHS: readonly { path: string; level: number | 'entries'; index: number; width: number }[] = [
  { path: 'tile/0/001', level: 0, index: 1, width: 256 }, // Go: tile/4/0/001
  { path: 'tile/0/001.p/5', level: 0, index: 1, width: 5 }, // Go: tile/4/0/001.p/5
  { path: 'tile/5/x123/x456/078', level: 5, index: 123456078, width: 256 }, // Go: tile/3/5/x123/x456/078
  { path: 'tile/5/x123/x456/078.p/2', level: 5, index: 123456078, width: 2 }, // Go: tile/3/5/x123/x456/078.p/2
  { path: 'tile/0/x003/x057/500', level: 0, index: 3057500, width: 256 }, // Go: tile/1/0/x003/x057/500
  { path: 'tile/entries/x003/x057/500', level: 'entries', index: 3057500, width: 256 }, // Go: tile/1/data/x003/x057/500
];

/** Invalid paths (Go: "tile/3/5/123/456/078" and "tile/3/-1/123/456/078"). */
export const BAD_TILE_PATHS: readonly string[] = ['tile/5/123/456/078', 'tile/-1/123/456/078'];

/** c2sp.org/tlog-tiles "Partial Tiles": the tiles of a tree of the given size. */
export const C2SP_TILE_COUNTS: readonly { size: number; tiles: readonly { level: number; full: number; partialWidth: number }[] }[] = [
  {
    size: 70000,
    // "273 full level 0 tiles, one partial level 0 tile of width 112, one full level 1 tile,
    //  one partial level 1 tile of width 17, and one partial level 2 tile of width 1"
    tiles: [
      { level: 0, full: 273, partialWidth: 112 },
      { level: 1, full: 1, partialWidth: 17 },
      { level: 2, full: 0, partialWidth: 1 },
    ],
  },
  {
    size: 256,
    // "a full level 0 tile and a partial level 1 tile of width 1"
    tiles: [
      { level: 0, full: 1, partialWidth: 0 },
      { level: 1, full: 0, partialWidth: 1 },
    ],
  },
];

/** Go TestNewTilesForSize with height 10: how many tiles change when the tree grows. */
export const NEW_TILES_H10: readonly { oldSize: number; newSize: number; count: number }[] = [
  { oldSize: 1, newSize: 1, count: 0 },
  { oldSize: 100, newSize: 101, count: 1 },
  { oldSize: 1023, newSize: 1025, count: 3 },
  { oldSize: 1024, newSize: 1030, count: 1 },
  { oldSize: 1030, newSize: 2000, count: 1 },
  { oldSize: 1030, newSize: 10000, count: 10 },
  { oldSize: 49516517, newSize: 49516586, count: 3 },
];
