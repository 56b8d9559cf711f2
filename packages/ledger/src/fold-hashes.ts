import { emptyRoot } from './empty-root.ts';
import { hashChildren } from './hash-children.ts';

/**
 * Merkle tree hash of a range from the hashes of its perfect subtrees, given left to right in
 * decreasing size (as {@link rangeNodes} returns them for an aligned range): fold from the right,
 * `H(a, H(b, H(c, d)))`. This is RFC 9162 §2.1.1's recursive MTH, because the left child of every
 * split is the largest power of two smaller than the range. No hashes gives the empty root.
 */
export function foldHashes(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return emptyRoot();
  let acc = hashes[hashes.length - 1] as Uint8Array;
  for (let i = hashes.length - 2; i >= 0; i--) acc = hashChildren(hashes[i] as Uint8Array, acc);
  return acc;
}
