import { HASH_SIZE } from './hash-size.ts';

/**
 * A perfect (complete) subtree of the log's Merkle tree: the node at height `level` with position
 * `index` in that level. It covers leaves `[index * 2^level, (index + 1) * 2^level)`.
 *
 * Only perfect subtrees are ever stored: once complete, their hash never changes. Every other
 * node of an RFC 9162 tree (the "ephemeral" nodes on the right edge of a tree whose size is not a
 * power of two) is recomputed from perfect ones, which is what lets a log keep append-only storage.
 */
export interface NodeId {
  /** Height above the leaves: 0 for a leaf. */
  readonly level: number;
  /** Position within the level, from 0 on the left. */
  readonly index: number;
}

/** A perfect subtree with its hash, as produced by appends and kept by a {@link HashStore}. */
export interface StoredNode extends NodeId {
  readonly hash: Uint8Array;
}

/** First leaf index a node covers. */
export function nodeStart(node: NodeId): number {
  return node.index * 2 ** node.level;
}

/** One past the last leaf index a node covers. */
export function nodeEnd(node: NodeId): number {
  return (node.index + 1) * 2 ** node.level;
}

/** Text key for maps and logs, e.g. `3/17`. */
export function nodeKey(node: NodeId): string {
  return `${node.level}/${node.index}`;
}

/** Whether `hash` has the size of a log hash. */
export function isHash(hash: Uint8Array): boolean {
  return hash.length === HASH_SIZE;
}
