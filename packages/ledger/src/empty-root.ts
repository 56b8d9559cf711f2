import { sha256 } from '@noble/hashes/sha2.js';

/**
 * Root hash of the empty tree, RFC 9162 §2.1.1: `MTH({}) = HASH()`, the SHA-256 of no bytes
 * (`e3b0c442…b855`). Returns a fresh copy each call so callers cannot corrupt a shared constant.
 */
export function emptyRoot(): Uint8Array {
  return EMPTY.slice();
}

const EMPTY = sha256(new Uint8Array(0));
