import { sha256 } from '@noble/hashes/sha2.js';

/**
 * Leaf hash of one log entry, RFC 9162 §2.1.1: `MTH({d(0)}) = HASH(0x00 || d(0))`.
 * The 0x00 prefix (0x01 for interior nodes) is the domain separation that stops a leaf from being
 * passed off as an interior node (second-preimage attack on Merkle trees).
 *
 * @param entry - the entry's bytes exactly as logged (for NDXP: its RFC 8785 canonical JSON).
 * @returns the 32-byte SHA-256 leaf hash.
 */
export function hashLeaf(entry: Uint8Array): Uint8Array {
  return sha256.create().update(LEAF_PREFIX).update(entry).digest();
}

const LEAF_PREFIX = new Uint8Array([0x00]);
