import type { HashReader } from './hash-store.ts';
import { LedgerError } from './ledger-error.ts';
import type { NodeId } from './node-id.ts';
import { resolveProofPlan, type ProofPlan } from './proof-plan.ts';
import { rangeNodes } from './range-nodes.ts';
import { assertCount, largestPowerOfTwoBelow } from './tree-math.ts';

/**
 * Plan of the inclusion proof (audit path) of leaf `index` in the tree of `size` leaves, following
 * RFC 9162 §2.1.3.1 literally:
 *
 *     PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])      if m < k
 *     PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k])  if m >= k
 *
 * with k the largest power of two smaller than n and PATH of a single leaf empty. Elements come
 * out in the RFC's order, from the leaf's sibling up to the root's other child.
 *
 * @throws LedgerError `INVALID_ARGUMENT` unless `0 <= index < size`.
 */
export function inclusionProofPlan(index: number, size: number): ProofPlan {
  assertCount(index, 'index');
  assertCount(size, 'size');
  if (index >= size) throw new LedgerError('INVALID_ARGUMENT', `index ${index} is not below tree size ${size}`);
  const plan: NodeId[][] = [];
  path(index, 0, size, plan);
  return plan;
}

// Subtree D[start : start + n], with m relative to start. `start` is always a multiple of a power
// of two >= n, so every MTH(...) range below is aligned and rangeNodes folds to its RFC hash.
function path(m: number, start: number, n: number, out: NodeId[][]): void {
  if (n <= 1) return;
  const k = largestPowerOfTwoBelow(n);
  if (m < k) {
    path(m, start, k, out);
    out.push(rangeNodes(start + k, start + n));
  } else {
    path(m - k, start + k, n - k, out);
    out.push(rangeNodes(start, start + k));
  }
}

/**
 * Inclusion proof of leaf `index` in the tree of `size` leaves (RFC 9162 §2.1.3.1), read from a
 * store in one batched call. `size` may be any size the log has had, not only the latest.
 *
 * @returns the proof hashes, leaf-side first, as {@link verifyInclusion} expects them.
 */
export async function inclusionProof(reader: HashReader, index: number, size: number): Promise<Uint8Array[]> {
  return resolveProofPlan(inclusionProofPlan(index, size), reader);
}
