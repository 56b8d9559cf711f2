import { consistencyProof } from '../consistency-proof.ts';
import { decodeUtf8 } from '../encoding/utf8.ts';
import { HASH_SIZE } from '../hash-size.ts';
import { LedgerError } from '../ledger-error.ts';
import { decodeEntryBundle } from '../tiles/decode-entry-bundle.ts';
import { tileHashReader } from '../tiles/tile-hash-reader.ts';
import { entryBundlePath, tilePath } from '../tiles/tile-path.ts';
import { TILE_WIDTH, type Tile } from '../tiles/tile.ts';
import type { LogEntryRecord, LogSource } from './log-source.ts';

/** Read access to the static files of a c2sp.org/tlog-tiles log (a directory, a bucket, an HTTP prefix). */
export interface TileLogFiles {
  /** The bytes at `path` under the log prefix, or `undefined` if there is no such file. */
  read(path: string): Promise<Uint8Array | undefined>;
}

/**
 * A {@link LogSource} over a c2sp.org/tlog-tiles log: the checkpoint at `checkpoint`, entries
 * from entry bundles, leaf hashes from level-0 tiles, and consistency proofs computed from tiles.
 * With it {@link verifyLog} checks an exported copy of the hub's log, or any tlog-tiles log.
 *
 * The checkpoint's size is read (unverified) only to know the widths of partial tiles; every
 * finding still comes from verifyLog's checks. A partial tile that is gone is read from its full
 * successor, as the spec allows.
 *
 * @param extraCheckpoints - earlier signed checkpoints to check too (a tiles log serves only its latest).
 */
export function tileLogSource(files: TileLogFiles, extraCheckpoints: readonly string[] = []): LogSource {
  let size: number | undefined;
  let latest: string | undefined;

  const loadCheckpoint = async (): Promise<{ note: string | undefined; size: number }> => {
    if (size === undefined) {
      const bytes = await files.read('checkpoint');
      latest = bytes === undefined ? undefined : decodeUtf8(bytes);
      const sizeLine = latest?.split('\n')[1] ?? '0';
      size = /^(0|[1-9][0-9]*)$/.test(sizeLine) ? Number(sizeLine) : 0;
    }
    return { note: latest, size };
  };

  // Read a tile (or bundle) of the given width: the exact file, else the full one, sliced.
  const readWidth = async (partialPath: string, fullPath: string, width: number): Promise<Uint8Array | undefined> => {
    if (width === TILE_WIDTH) return files.read(fullPath);
    return (await files.read(partialPath)) ?? (await files.read(fullPath));
  };
  const widthAt = (index: number, treeSize: number) => Math.min(TILE_WIDTH, treeSize - index * TILE_WIDTH);

  const tileReader = {
    readTiles: (tiles: readonly Tile[]) =>
      Promise.all(
        tiles.map(async (tile) => {
          const data = await readWidth(tilePath(tile), tilePath({ ...tile, width: TILE_WIDTH }), tile.width);
          if (data === undefined || data.length < tile.width * HASH_SIZE) throw new LedgerError('TILE_INVALID', `tile ${tilePath(tile)} is missing or short`);
          return data.subarray(0, tile.width * HASH_SIZE);
        }),
      ),
  };

  return {
    async checkpoints() {
      const { note } = await loadCheckpoint();
      return note === undefined ? [...extraCheckpoints] : [...extraCheckpoints, note];
    },

    async entries(start, end) {
      const { size: treeSize } = await loadCheckpoint();
      const index = Math.floor(start / TILE_WIDTH);
      if (index * TILE_WIDTH >= treeSize) return [];
      const width = widthAt(index, treeSize);
      const data = await readWidth(entryBundlePath({ index, width }), entryBundlePath({ index, width: TILE_WIDTH }), width);
      if (data === undefined) return [];
      const bundle = decodeEntryBundle(data).slice(0, width);
      const out: LogEntryRecord[] = [];
      bundle.forEach((entry, i) => {
        const at = index * TILE_WIDTH + i;
        if (at >= start && at < end) out.push({ index: at, data: entry });
      });
      return out;
    },

    async leafHashes(start, end) {
      const { size: treeSize } = await loadCheckpoint();
      const index = Math.floor(start / TILE_WIDTH);
      if (index * TILE_WIDTH >= treeSize) return [];
      const [data] = await tileReader.readTiles([{ level: 0, index, width: widthAt(index, treeSize) }]);
      const out: Uint8Array[] = [];
      for (let at = start; at < Math.min(end, index * TILE_WIDTH + (data as Uint8Array).length / HASH_SIZE); at++) {
        const offset = (at - index * TILE_WIDTH) * HASH_SIZE;
        out.push((data as Uint8Array).slice(offset, offset + HASH_SIZE));
      }
      return out;
    },

    async consistencyProof(size1, size2) {
      return consistencyProof(tileHashReader(size2, tileReader), size1, size2);
    },
  };
}
