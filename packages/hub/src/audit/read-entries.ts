import type { Queryable } from '@ndxp/db';

/** One stored audit entry with its position in the log. */
export interface StoredEntry {
  readonly seq: number;
  /** RFC 8785 canonical JSON, exactly as appended. */
  readonly entry: string;
}

/**
 * Entries with `seq > afterSeq` in sequence order, at most `limit` (the tail used by
 * `ndxp audit tail`). `afterSeq = -1` starts at the beginning.
 */
export async function readEntries(db: Queryable, afterSeq: number, limit: number): Promise<StoredEntry[]> {
  const { rows } = await db.query<{ seq: number; entry: string }>('SELECT seq, entry FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit]);
  return rows.map((r) => ({ seq: Number(r.seq), entry: r.entry }));
}

/** Number of entries in the log (= the next sequence number). */
export async function logSize(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ next_seq: number }>('SELECT next_seq FROM audit_log_state');
  return Number(rows[0]?.next_seq ?? 0);
}
