import type { Queryable } from '@ndxp/db';

/**
 * The first leaf index whose leaf hash is `leafHash` (an RFC 9162 leaf hash, SHA-256(0x00 ‖ entry)),
 * or undefined. Served from the integrator's `log_leaves` through its hash index.
 */
export async function findLeafIndex(db: Queryable, leafHash: Uint8Array): Promise<number | undefined> {
  const { rows } = await db.query<{ seq: number }>('SELECT seq FROM log_leaves WHERE leaf_hash = $1 ORDER BY seq LIMIT 1', [leafHash]);
  return rows[0] === undefined ? undefined : Number(rows[0].seq);
}
