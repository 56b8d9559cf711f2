import type { Queryable } from '@ndxp/db';
import { HASH_SIZE, LedgerError, TILE_HEIGHT, TILE_WIDTH, tileHashReader, tilePath, type HashReader, type Tile, type TileReader } from '@ndxp/ledger';

/**
 * A c2sp.org/tlog-tiles {@link TileReader} over the integrator's tables: level-0 tiles from
 * `log_leaves`, higher tiles from `log_nodes` (tree levels 8, 16, …). All tiles of one call are read
 * in one statement, so a proof costs one round trip whatever the tree size.
 *
 * A tile of a given path (index and width) never changes once its hashes exist (the tree only grows
 * at the right), so tiles are kept in a small LRU cache shared by all requests: the upper tiles,
 * which every proof touches, are read once.
 */
export function dbTileReader(db: Queryable, cache: TileCache = new TileCache(512)): TileReader {
  return {
    async readTiles(tiles: readonly Tile[]): Promise<Uint8Array[]> {
      const missing = tiles.filter((t) => cache.get(tilePath(t)) === undefined);
      if (missing.length > 0) {
        for (const [path, data] of await readFromDb(db, missing)) cache.set(path, data);
      }
      return tiles.map((t) => {
        const data = cache.get(tilePath(t));
        if (data === undefined) throw new LedgerError('HASH_NOT_FOUND', `tile ${tilePath(t)} is not stored`);
        return data;
      });
    },
  };
}

/** A {@link HashReader} for any perfect subtree of the tree of `size` leaves, computed from stored tiles. */
export function dbHashReader(db: Queryable, size: number, cache?: TileCache): HashReader {
  return tileHashReader(size, dbTileReader(db, cache));
}

async function readFromDb(db: Queryable, tiles: readonly Tile[]): Promise<Map<string, Uint8Array>> {
  // Node ranges [lo, hi) per tile, at tree level 8·L.
  const leaf = tiles.filter((t) => t.level === 0);
  const upper = tiles.filter((t) => t.level > 0);
  const { rows } = await db.query<{ level: number; idx: number; hash: Uint8Array }>(
    `SELECT 0::int2 AS level, seq AS idx, leaf_hash AS hash
       FROM unnest($1::int8[], $2::int8[]) AS r(lo, hi) JOIN log_leaves ON seq >= r.lo AND seq < r.hi
     UNION ALL
     SELECT n.level, n.idx, n.hash
       FROM unnest($3::int2[], $4::int8[], $5::int8[]) AS r(l, lo, hi) JOIN log_nodes AS n ON n.level = r.l AND n.idx >= r.lo AND n.idx < r.hi`,
    [
      leaf.map((t) => t.index * TILE_WIDTH), leaf.map((t) => t.index * TILE_WIDTH + t.width),
      upper.map((t) => t.level * TILE_HEIGHT), upper.map((t) => t.index * TILE_WIDTH), upper.map((t) => t.index * TILE_WIDTH + t.width),
    ],
  );
  const byNode = new Map<string, Uint8Array>();
  for (const r of rows) byNode.set(`${r.level}/${Number(r.idx)}`, r.hash);
  const out = new Map<string, Uint8Array>();
  for (const t of tiles) {
    const data = new Uint8Array(t.width * HASH_SIZE);
    let complete = true;
    for (let i = 0; i < t.width; i++) {
      const hash = byNode.get(`${t.level * TILE_HEIGHT}/${t.index * TILE_WIDTH + i}`);
      if (hash === undefined || hash.length !== HASH_SIZE) {
        complete = false;
        break;
      }
      data.set(hash, i * HASH_SIZE);
    }
    if (complete) out.set(tilePath(t), data);
  }
  return out;
}

/** Least-recently-used cache of tile bytes by tile path. */
export class TileCache {
  readonly #max: number;
  readonly #entries = new Map<string, Uint8Array>();

  constructor(max: number) {
    this.#max = max;
  }

  get(path: string): Uint8Array | undefined {
    const data = this.#entries.get(path);
    if (data !== undefined) {
      // Re-insert: Map iteration order is insertion order, so the first key is the least recent.
      this.#entries.delete(path);
      this.#entries.set(path, data);
    }
    return data;
  }

  /** Forget every tile (e.g. after the tables were restored from a backup). */
  clear(): void {
    this.#entries.clear();
  }

  set(path: string, data: Uint8Array): void {
    this.#entries.delete(path);
    this.#entries.set(path, data);
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }
}
