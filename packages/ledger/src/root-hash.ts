import { emptyRoot } from './empty-root.ts';
import { hashChildren } from './hash-children.ts';
import { isHash } from './node-id.ts';
import { LedgerError } from './ledger-error.ts';

/**
 * Root hash (RFC 9162 §2.1.1 MTH) of a tree whose leaf hashes are all in memory.
 *
 * Computed bottom-up, level by level: each pair of adjacent nodes is hashed and an unpaired right
 * node is carried up unchanged. That is the same tree as the RFC's recursive definition (split at
 * the largest power of two smaller than n), in O(n) time and without recursion. For logs too big
 * for memory, use {@link CompactRange} or {@link treeHash} over a {@link HashReader}.
 *
 * @param leafHashes - leaf hashes (see {@link hashLeaf}), in log order.
 */
export function rootHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return emptyRoot();
  for (const h of leafHashes) {
    if (!isHash(h)) throw new LedgerError('INVALID_ARGUMENT', 'leaf hash must be 32 bytes');
  }
  let level: Uint8Array[] = leafHashes.slice();
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(hashChildren(level[i] as Uint8Array, level[i + 1] as Uint8Array));
    if (level.length % 2 === 1) next.push(level[level.length - 1] as Uint8Array);
    level = next;
  }
  return level[0] as Uint8Array;
}
