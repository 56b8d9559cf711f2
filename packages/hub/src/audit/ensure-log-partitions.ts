import type { Queryable } from '@ndxp/db';

/**
 * Entries per partition of `audit_log` and `log_leaves` unless configured (2^24 ≈ 16.8 million:
 * about two days of a national exchange at 100 entries/s on average, half an hour at its 10,000/s
 * peaks), so the indexes written by appends stay a few hundred megabytes at most.
 */
export const DEFAULT_LOG_PARTITION_SIZE = 2 ** 24;

/**
 * Make sure partitions of `size` entries exist for every sequence number below the next one to be
 * handed out plus `ahead` (0005_log_partitions.sql). Returns the first sequence number not yet
 * covered. Safe to call from several processes at once; cheap when nothing is missing.
 */
export async function ensureLogPartitions(db: Queryable, size: number, ahead = size): Promise<number> {
  const { rows } = await db.query<{ covered: number }>('SELECT ndxp_ensure_log_partitions($1, $2) AS covered', [ahead, size]);
  return Number(rows[0]?.covered ?? 0);
}
