import { NdxpError } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import { inclusionProofPlan, resolveProofPlan } from '@ndxp/ledger';
import { dbHashReader, type TileCache } from './db-tile-reader.ts';
import { findLeafIndex } from './find-leaf-index.ts';
import { resolveTreeSize } from './resolve-tree-size.ts';

/** An inclusion proof as served (RFC 9162 §2.1.3). */
export interface InclusionProofAnswer {
  readonly index: number;
  readonly treeSize: number;
  /** The leaf hash the tree holds at `index`. A client recomputes it from the entry it has. */
  readonly leafHash: Uint8Array;
  /** Audit path, leaf side first. */
  readonly proof: readonly Uint8Array[];
  /** The signed checkpoint of `treeSize`, if one was published at exactly that size. */
  readonly checkpoint: string | null;
}

/**
 * Inclusion proof of one entry, found by leaf index or by leaf hash, in the tree of `size` entries
 * (default: the latest checkpoint).
 *
 * @throws NdxpError `LOG_INDEX_OUT_OF_RANGE` (index not below the size), `LOG_SIZE_OUT_OF_RANGE`,
 *   `LOG_ENTRY_NOT_FOUND` (no integrated leaf with that hash within the size).
 */
export async function getInclusionProof(db: Queryable, target: { readonly index: number } | { readonly leafHash: Uint8Array }, size: number | undefined, cache?: TileCache): Promise<InclusionProofAnswer> {
  const resolved = await resolveTreeSize(db, size);
  let index: number;
  if ('index' in target) {
    index = target.index;
    if (index >= resolved.size) throw new NdxpError('LOG_INDEX_OUT_OF_RANGE', { detail: `index ${index} is not below the tree size ${resolved.size}` });
  } else {
    const found = await findLeafIndex(db, target.leafHash);
    if (found === undefined || found >= resolved.size) {
      throw new NdxpError('LOG_ENTRY_NOT_FOUND', { detail: found === undefined ? 'no entry of the log has this leaf hash' : `the entry with this leaf hash is at index ${found}, not in the tree of size ${resolved.size}` });
    }
    index = found;
  }
  // The audit path and the leaf itself in one batched read (the leaf sits in the level-0 tile the
  // path starts from anyway).
  const plan = inclusionProofPlan(index, resolved.size);
  const hashes = await resolveProofPlan([...plan, [{ level: 0, index }]], dbHashReader(db, resolved.size, cache));
  const leafHash = hashes.pop() as Uint8Array;
  return { index, treeSize: resolved.size, leafHash, proof: hashes, checkpoint: resolved.checkpoint };
}
