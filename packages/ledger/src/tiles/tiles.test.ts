import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CompactRange } from '../compact-range.ts';
import { consistencyProof } from '../consistency-proof.ts';
import { hashLeaf } from '../hash-leaf.ts';
import { inclusionProof } from '../inclusion-proof.ts';
import { MemoryHashStore } from '../memory-hash-store.ts';
import { treeHash } from '../tree-hash.ts';
import { C2SP_INDEX_EXAMPLE, C2SP_TILE_COUNTS, BAD_TILE_PATHS, NEW_TILES_H10, TILE_PATHS } from '../test-vectors/tlog-tiles.ts';
import { decodeEntryBundle } from './decode-entry-bundle.ts';
import { encodeEntryBundle } from './encode-entry-bundle.ts';
import { parseTilePath } from './parse-tile-path.ts';
import { readTileData, tileReaderFromHashes } from './read-tile-data.ts';
import { entryBundleFor, tileForNode } from './tile-for-node.ts';
import { tileHashReader } from './tile-hash-reader.ts';
import { encodeTileIndex, entryBundlePath, tilePath } from './tile-path.ts';
import { tilesChanged, tilesForSize } from './tiles-for-size.ts';
import type { Tile } from './tile.ts';

describe('tile paths (c2sp.org/tlog-tiles, golang.org/x/mod/sumdb/tlog vectors)', () => {
  it('encodes the spec example index', () => {
    expect(encodeTileIndex(C2SP_INDEX_EXAMPLE.index)).toBe(C2SP_INDEX_EXAMPLE.encoded);
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(999)).toBe('999');
    expect(encodeTileIndex(1000)).toBe('x001/000');
  });

  it.each(TILE_PATHS)('formats and parses $path', ({ path, level, index, width }) => {
    if (level === 'entries') {
      expect(entryBundlePath({ index, width })).toBe(path);
      expect(parseTilePath(path)).toEqual({ kind: 'entries', index, width });
    } else {
      expect(tilePath({ level, index, width })).toBe(path);
      expect(parseTilePath(path)).toEqual({ kind: 'tile', level, index, width });
    }
  });

  it.each([
    ...BAD_TILE_PATHS,
    'tile/0/1',
    'tile/00/001',
    'tile/0/x000/001', // superfluous leading group
    'tile/0/001.p/256',
    'tile/0/001.p/0',
    'tile/0/001.p/05',
    'tile/64/000',
    'tile/0/001/',
    '/tile/0/001',
    'tile/data/001',
    'tile/0/x1234/000',
  ])('rejects %j', (path) => {
    expect(() => parseTilePath(path)).toThrow(expect.objectContaining({ code: 'TILE_PATH_INVALID' }));
  });

  it('round-trips any tile', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 63 }), fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: 256 }), (level, index, width) => {
        expect(parseTilePath(tilePath({ level, index, width }))).toEqual({ kind: 'tile', level, index, width });
      }),
    );
  });
});

describe('which tiles exist', () => {
  it.each(C2SP_TILE_COUNTS)('matches the spec for a tree of $size', ({ size, tiles }) => {
    const all = tilesForSize(size);
    for (const { level, full, partialWidth } of tiles) {
      const atLevel = all.filter((t) => t.level === level);
      expect(atLevel.filter((t) => t.width === 256)).toHaveLength(full);
      expect(atLevel.filter((t) => t.width < 256).map((t) => t.width)).toEqual(partialWidth === 0 ? [] : [partialWidth]);
    }
    expect(new Set(all.map((t) => t.level))).toEqual(new Set(tiles.map((t) => t.level)));
  });

  it.each(NEW_TILES_H10)('tilesChanged($oldSize, $newSize) with height 10 lists $count tiles (Go NewTiles)', ({ oldSize, newSize, count }) => {
    expect(tilesChanged(oldSize, newSize, { height: 10 })).toHaveLength(count);
  });

  it('grown trees only add or widen tiles', () => {
    fc.assert(
      fc.property(fc.nat(200_000), fc.nat(5000), (old, grow) => {
        const before = new Map(tilesForSize(old).map((t) => [`${t.level}/${t.index}`, t.width]));
        const changed = tilesChanged(old, old + grow);
        for (const t of changed) expect(t.width).toBeGreaterThan(before.get(`${t.level}/${t.index}`) ?? 0);
        // Applying the changes to the old tile set gives exactly the new tile set.
        for (const t of changed) before.set(`${t.level}/${t.index}`, t.width);
        expect(before).toEqual(new Map(tilesForSize(old + grow).map((t) => [`${t.level}/${t.index}`, t.width])));
      }),
      { numRuns: 200 },
    );
  });

  it('locates nodes and entries in tiles', () => {
    expect(tileForNode({ level: 0, index: 70_000 - 1 }, 70_000)).toEqual({ tile: { level: 0, index: 273, width: 112 }, offset: 111, count: 1 });
    expect(tileForNode({ level: 8, index: 256 }, 70_000)).toEqual({ tile: { level: 1, index: 1, width: 17 }, offset: 0, count: 1 });
    expect(tileForNode({ level: 3, index: 1 }, 70_000)).toEqual({ tile: { level: 0, index: 0, width: 256 }, offset: 8, count: 8 });
    expect(tileForNode({ level: 16, index: 0 }, 70_000)).toEqual({ tile: { level: 2, index: 0, width: 1 }, offset: 0, count: 1 });
    expect(entryBundleFor(1000, 70_000)).toEqual({ bundle: { index: 3, width: 256 }, offset: 232 });
    expect(() => tileForNode({ level: 1, index: 2 }, 5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('tile-backed proofs', () => {
  const SIZE = 70_000;
  const leaves: Uint8Array[] = [];
  const full = new MemoryHashStore(); // every level
  const tileLevels = new MemoryHashStore(); // only levels 0, 8, 16: what a tiles-only log keeps

  beforeAll(() => {
    for (let i = 0; i < SIZE; i++) leaves.push(hashLeaf(new TextEncoder().encode(`leaf ${i}`)));
    full.put(CompactRange.empty().append(leaves).nodes);
    tileLevels.put(CompactRange.empty().append(leaves, { keepLevel: (l) => l % 8 === 0 }).nodes);
  });

  it('builds tile bytes from stored hashes', async () => {
    const tile = await readTileData({ level: 0, index: 2, width: 256 }, tileLevels);
    expect(tile).toHaveLength(8192);
    expect(tile.subarray(0, 32)).toEqual(leaves[512]);
    const upper = await readTileData({ level: 1, index: 0, width: 256 }, tileLevels);
    expect(upper.subarray(32, 64)).toEqual(full.get({ level: 8, index: 1 }));
  });

  it('serves the same proofs and roots as the full store, for random sizes', async () => {
    const tiles = tileReaderFromHashes(tileLevels);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: SIZE }), fc.nat(), fc.nat(), async (size, a, b) => {
        const reader = tileHashReader(size, tiles);
        const index = a % size;
        const older = 1 + (b % size);
        expect(await treeHash(reader, size)).toEqual(await treeHash(full, size));
        expect(await inclusionProof(reader, index, size)).toEqual(await inclusionProof(full, index, size));
        expect(await consistencyProof(reader, older, size)).toEqual(await consistencyProof(full, older, size));
      }),
      { numRuns: 60 },
    );
  });

  it('reads each tile once per batch', async () => {
    const seen: string[] = [];
    const inner = tileReaderFromHashes(tileLevels);
    const reader = tileHashReader(SIZE, {
      readTiles: (tiles: readonly Tile[]) => {
        seen.push(...tiles.map(tilePath));
        return inner.readTiles(tiles);
      },
    });
    await inclusionProof(reader, 12_345, SIZE);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeLessThanOrEqual(6);
  });

  it('rejects a tile of the wrong length and nodes outside the tree', async () => {
    const reader = tileHashReader(SIZE, { readTiles: (tiles: readonly Tile[]) => Promise.resolve(tiles.map(() => new Uint8Array(31))) });
    await expect(reader.readHashes([{ level: 0, index: 0 }])).rejects.toMatchObject({ code: 'TILE_INVALID' });
    await expect(tileHashReader(10, tileReaderFromHashes(tileLevels)).readHashes([{ level: 4, index: 0 }])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('entry bundles', () => {
  it('round-trip and match the level-0 tile', async () => {
    const entries = Array.from({ length: 200 }, (_, i) => new TextEncoder().encode(JSON.stringify({ i, purpose: 'xác minh' })));
    const bytes = encodeEntryBundle(entries);
    expect(bytes[0]).toBe(0);
    expect(bytes[1]).toBe(entries[0]!.length);
    const decoded = decodeEntryBundle(bytes, 200);
    expect(decoded).toEqual(entries);
    const store = new MemoryHashStore();
    store.put(CompactRange.empty().append(entries.map(hashLeaf)).nodes);
    const tile = await readTileData({ level: 0, index: 0, width: 200 }, store);
    decoded.forEach((entry, i) => expect(hashLeaf(entry)).toEqual(tile.subarray(i * 32, i * 32 + 32)));
  });

  it('handles empty and maximal entries, rejects malformed bundles', () => {
    const big = new Uint8Array(0xffff).fill(7);
    expect(decodeEntryBundle(encodeEntryBundle([new Uint8Array(0), big]))).toEqual([new Uint8Array(0), big]);
    expect(() => encodeEntryBundle([new Uint8Array(0x10000)])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => encodeEntryBundle([])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => decodeEntryBundle(new Uint8Array([0]))).toThrow(expect.objectContaining({ code: 'TILE_INVALID' }));
    expect(() => decodeEntryBundle(new Uint8Array([0, 5, 1]))).toThrow(expect.objectContaining({ code: 'TILE_INVALID' }));
    expect(() => decodeEntryBundle(encodeEntryBundle([new Uint8Array(1)]), 2)).toThrow(expect.objectContaining({ code: 'TILE_INVALID' }));
  });
});
