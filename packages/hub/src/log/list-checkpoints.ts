import type { Queryable } from '@ndxp/db';

/** A published checkpoint as stored. */
export interface StoredCheckpoint {
  readonly size: number;
  readonly root: Uint8Array;
  /** The signed note, exactly as served at `/log/v1/checkpoint` when it was the latest. */
  readonly note: string;
  readonly keyIds: readonly string[];
  readonly publishedAtMs: number;
}

interface Row {
  size: number;
  root: Uint8Array;
  note: string;
  key_ids: string[];
  published_ms: number;
}

const COLUMNS = 'size, root, note, key_ids, (extract(epoch FROM published_at) * 1000)::int8 AS published_ms';

const toCheckpoint = (r: Row): StoredCheckpoint => ({ size: Number(r.size), root: new Uint8Array(r.root), note: r.note, keyIds: r.key_ids, publishedAtMs: Number(r.published_ms) });

/** The latest published checkpoint (there is always one: the log publishes the empty tree at its first start). */
export async function latestCheckpoint(db: Queryable): Promise<StoredCheckpoint> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM log_checkpoints ORDER BY size DESC LIMIT 1`);
  const row = rows[0];
  if (row === undefined) throw new Error('the log has no checkpoint yet');
  return toCheckpoint(row);
}

/** The checkpoint published for exactly `size` entries, if any. */
export async function checkpointAt(db: Queryable, size: number): Promise<StoredCheckpoint | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM log_checkpoints WHERE size = $1`, [size]);
  return rows[0] === undefined ? undefined : toCheckpoint(rows[0]);
}

/** Published checkpoints with a size above `afterSize`, in publication order (sizes only grow), at most `limit`. */
export async function listCheckpoints(db: Queryable, afterSize: number, limit: number): Promise<StoredCheckpoint[]> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM log_checkpoints WHERE size > $1 ORDER BY size LIMIT $2`, [afterSize, limit]);
  return rows.map(toCheckpoint);
}
