import { NdxpError } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import { TILE_HEIGHT, TILE_WIDTH, encodeEntryBundle, encodeUtf8, isLedgerError, parseTilePath } from '@ndxp/ledger';
import { dbTileReader, type TileCache } from './db-tile-reader.ts';
import { readLogSizes } from './read-log-tree.ts';

/** A c2sp.org/tlog-tiles resource, ready to serve. */
export interface TileResource {
  readonly data: Uint8Array;
  /** Full tiles and bundles never change; partial ones are superseded as the log grows. */
  readonly immutable: boolean;
}

/**
 * Serve `tile/<L>/<N>[.p/<W>]` (hashes) or `tile/entries/<N>[.p/<W>]` (entry bundles of the
 * canonical entry texts, c2sp.org/tlog-tiles) from the database, for any tile the integrated tree
 * already covers. With these and the checkpoint, a mirror or `ndxp log export` copies the log as
 * static files that any tlog-tiles client can verify.
 *
 * @throws NdxpError `LOG_TILE_NOT_FOUND` for a non-canonical path or a tile beyond the tree.
 */
export async function readTileResource(db: Queryable, path: string, cache?: TileCache): Promise<TileResource> {
  let parsed;
  try {
    parsed = parseTilePath(path);
  } catch (error) {
    if (isLedgerError(error, 'TILE_PATH_INVALID')) throw new NdxpError('LOG_TILE_NOT_FOUND', { detail: 'not a canonical c2sp.org/tlog-tiles path' });
    throw error;
  }
  const { size } = await readLogSizes(db);
  const notYet = (): never => {
    throw new NdxpError('LOG_TILE_NOT_FOUND', { detail: `${path} is beyond the tree of size ${size}` });
  };
  const immutable = parsed.width === TILE_WIDTH;
  if (parsed.kind === 'entries') {
    const start = parsed.index * TILE_WIDTH;
    if (start + parsed.width > size) return notYet();
    const { rows } = await db.query<{ entry: string }>('SELECT entry FROM audit_log WHERE seq >= $1 AND seq < $2 ORDER BY seq', [start, start + parsed.width]);
    return { data: encodeEntryBundle(rows.map((r) => encodeUtf8(r.entry))), immutable };
  }
  // The tile's last hash is a perfect subtree at tree level 8·L covering leaves up to this bound.
  const end = (parsed.index * TILE_WIDTH + parsed.width) * 2 ** (parsed.level * TILE_HEIGHT);
  if (end > size) return notYet();
  const [data] = await dbTileReader(db, cache).readTiles([{ level: parsed.level, index: parsed.index, width: parsed.width }]);
  return { data: data as Uint8Array, immutable };
}
