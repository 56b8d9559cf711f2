import { bytesEqual } from './bytes-equal.ts';
import { hashChildren } from './hash-children.ts';
import { isHash } from './node-id.ts';
import { isPowerOfTwo } from './tree-math.ts';

/** Inputs of {@link verifyConsistency}. */
export interface ConsistencyCheck {
  /** Size of the older tree. */
  readonly size1: number;
  /** Size of the newer tree. */
  readonly size2: number;
  /** Root hash of the older tree (from a verified checkpoint). */
  readonly root1: Uint8Array;
  /** Root hash of the newer tree (from a verified checkpoint). */
  readonly root2: Uint8Array;
  /** Consistency proof hashes as {@link consistencyProof} returns them. */
  readonly proof: readonly Uint8Array[];
}

/**
 * Verify a consistency proof: true only if the tree of `size1` leaves with root `root1` is a
 * prefix of the tree of `size2` leaves with root `root2`, i.e. the log only appended.
 *
 * For `0 < size1 < size2` this is the algorithm of RFC 9162 §2.1.4.2. The RFC leaves the trivial
 * cases implicit; as in transparency-dev/merkle: equal sizes need equal roots and an empty proof,
 * and an empty old tree is a prefix of anything (empty proof). Never throws.
 */
export function verifyConsistency(check: ConsistencyCheck): boolean {
  const { size1, size2, root1, root2, proof } = check;
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (size1 === 0) return proof.length === 0;
  if (!isHash(root1) || !isHash(root2) || !proof.every(isHash)) return false;

  // 1. An empty consistency_path fails.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash to the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  // 3. fn = first - 1, sn = second - 1.
  let fn = size1 - 1;
  let sn = size2 - 1;
  // 4. If LSB(fn) is set, right-shift fn and sn until LSB(fn) is not set.
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5. fr = sr = the first value of the path.
  let fr = path[0] as Uint8Array;
  let sr = fr;
  // 6. For each subsequent value c:
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    // a. If sn is 0, stop and fail.
    if (sn === 0) return false;
    // b. If LSB(fn) is set or fn == sn: fr = H(c, fr), sr = H(c, sr), then (if LSB(fn) is not
    //    set) right-shift until LSB(fn) is set or fn is 0. Otherwise sr = H(sr, c).
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    // c. Right-shift fn and sn once.
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 7. fr must equal first_hash, sr second_hash, and sn must be 0.
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}
