import { NdxpError } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import { consistencyProof } from '@ndxp/ledger';
import { dbHashReader, type TileCache } from './db-tile-reader.ts';
import { resolveTreeSize } from './resolve-tree-size.ts';

/** A consistency proof as served (RFC 9162 §2.1.4). */
export interface ConsistencyProofAnswer {
  readonly from: number;
  readonly to: number;
  readonly proof: readonly Uint8Array[];
  /** The signed checkpoint of `to`, if one was published at exactly that size. */
  readonly checkpoint: string | null;
}

/**
 * Proof that the tree of `from` entries is a prefix of the tree of `to` entries (default: the
 * latest checkpoint). Empty when `from` is 0 or equal to `to` (RFC 9162 §2.1.4.1).
 *
 * @throws NdxpError `LOG_SIZE_OUT_OF_RANGE` unless `from <= to <= tree size`.
 */
export async function getConsistencyProof(db: Queryable, from: number, to: number | undefined, cache?: TileCache): Promise<ConsistencyProofAnswer> {
  const resolved = await resolveTreeSize(db, to);
  if (from > resolved.size) throw new NdxpError('LOG_SIZE_OUT_OF_RANGE', { detail: `from ${from} is larger than to ${resolved.size}` });
  const proof = await consistencyProof(dbHashReader(db, resolved.size, cache), from, resolved.size);
  return { from, to: resolved.size, proof, checkpoint: resolved.checkpoint };
}
