import { bytesEqual } from './bytes-equal.ts';
import { hashChildren } from './hash-children.ts';
import { isHash } from './node-id.ts';

/** Inputs of {@link verifyInclusion}. */
export interface InclusionCheck {
  /** Index of the leaf in the log. */
  readonly index: number;
  /** Size of the tree the proof is for. */
  readonly size: number;
  /** The leaf's hash ({@link hashLeaf}), computed by the verifier from the entry it holds. */
  readonly leafHash: Uint8Array;
  /** Proof hashes, leaf-side first. */
  readonly proof: readonly Uint8Array[];
  /** Root hash of the tree of `size` leaves, from a verified checkpoint. */
  readonly rootHash: Uint8Array;
}

/**
 * The root an inclusion proof leads to, by the algorithm of RFC 9162 §2.1.3.2 (steps 1–5, without
 * the final comparison), or `undefined` if the proof is malformed for this index and size (wrong
 * number of elements, a hash that is not 32 bytes, index not below size).
 */
export function rootFromInclusionProof(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[]): Uint8Array | undefined {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0) return undefined;
  if (!isHash(leafHash) || !proof.every(isHash)) return undefined;
  // 1. leaf_index must be below tree_size.
  if (index >= size) return undefined;
  // 2. fn = leaf_index, sn = tree_size - 1. 3. r = hash.
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  // 4. For each p in inclusion_path:
  for (const p of proof) {
    // a. If sn is 0, stop and fail.
    if (sn === 0) return undefined;
    // b. If LSB(fn) is set, or fn == sn: r = HASH(0x01 || p || r), then (if LSB(fn) is not set)
    //    right-shift fn and sn until LSB(fn) is set or fn is 0. Otherwise r = HASH(0x01 || r || p).
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    // c. Right-shift fn and sn once.
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5. sn must be 0 (every level of the path was consumed).
  return sn === 0 ? r : undefined;
}

/**
 * Verify an inclusion proof (RFC 9162 §2.1.3.2): true only if the leaf is at `index` in the tree
 * whose root is `rootHash`. Never throws; any malformed input verifies as false.
 */
export function verifyInclusion(check: InclusionCheck): boolean {
  if (!isHash(check.rootHash)) return false;
  const root = rootFromInclusionProof(check.index, check.size, check.leafHash, check.proof);
  return root !== undefined && bytesEqual(root, check.rootHash);
}
