import { sha256 } from '@noble/hashes/sha2.js';
import { HASH_SIZE } from './hash-size.ts';

// One reusable input buffer: 0x01 || left || right. Hashing is synchronous, so sharing it is safe,
// and it saves two allocations per node on the append hot path.
const buffer = new Uint8Array(1 + 2 * HASH_SIZE);
buffer[0] = 0x01;

/**
 * Interior node hash, RFC 9162 §2.1.1: `HASH(0x01 || MTH(left) || MTH(right))`.
 *
 * @param left - the left child's 32-byte hash.
 * @param right - the right child's 32-byte hash.
 */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length === HASH_SIZE && right.length === HASH_SIZE) {
    buffer.set(left, 1);
    buffer.set(right, 1 + HASH_SIZE);
    return sha256(buffer);
  }
  // Verification code may feed hashes of the wrong length from an untrusted proof; hash them as
  // given (the result then simply fails to match) rather than silently truncating.
  return sha256.create().update(buffer.subarray(0, 1)).update(left).update(right).digest();
}
