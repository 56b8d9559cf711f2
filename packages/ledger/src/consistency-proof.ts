import type { HashReader } from './hash-store.ts';
import { LedgerError } from './ledger-error.ts';
import type { NodeId } from './node-id.ts';
import { resolveProofPlan, type ProofPlan } from './proof-plan.ts';
import { rangeNodes } from './range-nodes.ts';
import { assertCount, largestPowerOfTwoBelow } from './tree-math.ts';

/**
 * Plan of the consistency proof between the trees of `size1` and `size2` leaves, following
 * RFC 9162 §2.1.4.1 literally:
 *
 *     PROOF(m, D[n]) = SUBPROOF(m, D[n], true)
 *     SUBPROOF(m, D[m], true)  = {}
 *     SUBPROOF(m, D[m], false) = {MTH(D[m])}
 *     SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])          if m <= k
 *     SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])  if m > k
 *
 * The proof is empty when `size1` is 0 or equal to `size2` (nothing to prove).
 *
 * @throws LedgerError `INVALID_ARGUMENT` unless `0 <= size1 <= size2`.
 */
export function consistencyProofPlan(size1: number, size2: number): ProofPlan {
  assertCount(size1, 'size1');
  assertCount(size2, 'size2');
  if (size1 > size2) throw new LedgerError('INVALID_ARGUMENT', `size1 ${size1} is larger than size2 ${size2}`);
  const plan: NodeId[][] = [];
  if (size1 > 0 && size1 < size2) subproof(size1, 0, size2, true, plan);
  return plan;
}

// Subtree D[start : start + n]; m is relative to start. Aligned as in inclusion-proof.ts.
function subproof(m: number, start: number, n: number, b: boolean, out: NodeId[][]): void {
  if (m === n) {
    if (!b) out.push(rangeNodes(start, start + n));
    return;
  }
  const k = largestPowerOfTwoBelow(n);
  if (m <= k) {
    subproof(m, start, k, b, out);
    out.push(rangeNodes(start + k, start + n));
  } else {
    subproof(m - k, start + k, n - k, false, out);
    out.push(rangeNodes(start, start + k));
  }
}

/**
 * Consistency proof between the trees of `size1` and `size2` leaves (RFC 9162 §2.1.4.1), read
 * from a store in one batched call.
 */
export async function consistencyProof(reader: HashReader, size1: number, size2: number): Promise<Uint8Array[]> {
  return resolveProofPlan(consistencyProofPlan(size1, size2), reader);
}
