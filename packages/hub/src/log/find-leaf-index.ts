import type { Queryable } from '@ndxp/db';

/**
 * The first leaf index whose leaf hash is `leafHash` (an RFC 9162 leaf hash, SHA-256(0x00 ‖ entry)),
 * or undefined. Served from the integrator's `log_leaves` through its hash index.
 */
export async function findLeafIndex(db: Queryable, leafHash: Uint8Array): Promise<number | undefined> {
  const { rows } = await db.query<{ seq: number }>('SELECT seq FROM log_leaves WHERE leaf_hash = $1 ORDER BY seq LIMIT 1', [leafHash]);
  return rows[0] === undefined ? undefined : Number(rows[0].seq);
}

/** The leaf hash the tree holds at `index`, or undefined if it is not integrated. */
export async function leafHashAt(db: Queryable, index: number): Promise<Uint8Array | undefined> {
  const { rows } = await db.query<{ leaf_hash: Uint8Array }>('SELECT leaf_hash FROM log_leaves WHERE seq = $1', [index]);
  return rows[0] === undefined ? undefined : new Uint8Array(rows[0].leaf_hash);
}
