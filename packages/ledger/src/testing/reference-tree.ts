import { emptyRoot } from '../empty-root.ts';
import { hashChildren } from '../hash-children.ts';

/*
 * Deliberately naive reference implementations written straight from the recursive definitions of
 * RFC 9162 §2.1 (MTH, PATH, PROOF/SUBPROOF), used only by tests to cross-check the optimised code.
 */

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over leaf hashes (RFC 9162 §2.1.1). */
export function referenceRoot(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return emptyRoot();
  if (leafHashes.length === 1) return leafHashes[0]!;
  const k = split(leafHashes.length);
  return hashChildren(referenceRoot(leafHashes.slice(0, k)), referenceRoot(leafHashes.slice(k)));
}

/** PATH(m, D[n]) (RFC 9162 §2.1.3.1). */
export function referenceInclusionProof(m: number, leafHashes: readonly Uint8Array[]): Uint8Array[] {
  const n = leafHashes.length;
  if (n <= 1) return [];
  const k = split(n);
  if (m < k) return [...referenceInclusionProof(m, leafHashes.slice(0, k)), referenceRoot(leafHashes.slice(k))];
  return [...referenceInclusionProof(m - k, leafHashes.slice(k)), referenceRoot(leafHashes.slice(0, k))];
}

/** PROOF(m, D[n]) (RFC 9162 §2.1.4.1). */
export function referenceConsistencyProof(m: number, leafHashes: readonly Uint8Array[]): Uint8Array[] {
  if (m === 0 || m === leafHashes.length) return [];
  return subproof(m, leafHashes, true);
}

function subproof(m: number, d: readonly Uint8Array[], b: boolean): Uint8Array[] {
  const n = d.length;
  if (m === n) return b ? [] : [referenceRoot(d)];
  const k = split(n);
  if (m <= k) return [...subproof(m, d.slice(0, k), b), referenceRoot(d.slice(k))];
  return [...subproof(m - k, d.slice(k), false), referenceRoot(d.slice(0, k))];
}
