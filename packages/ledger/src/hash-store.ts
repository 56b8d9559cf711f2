import type { NodeId, StoredNode } from './node-id.ts';

/**
 * Read access to the hashes of perfect subtrees (see {@link NodeId}). This is the only thing proof
 * generation needs, so a log of any size can serve proofs without holding its tree in memory.
 *
 * Implementations: {@link MemoryHashStore} (tests, small logs), {@link tileHashReader} (any node
 * computed from c2sp.org/tlog-tiles tiles), and the hub's PostgreSQL table.
 */
export interface HashReader {
  /**
   * The hashes of the given nodes, in the same order. Calls are batched on purpose: one proof or
   * one root needs up to ~2·log2(n) nodes, and a database answers them in one round trip.
   *
   * @throws LedgerError `HASH_NOT_FOUND` (or rejects) if any node is not stored.
   */
  readHashes(ids: readonly NodeId[]): Promise<readonly Uint8Array[]>;
}

/** A {@link HashReader} that can also persist the nodes produced by {@link CompactRange.append}. */
export interface HashStore extends HashReader {
  /** Store perfect-subtree hashes. Writing a node that is already stored with the same hash is a no-op. */
  writeHashes(nodes: readonly StoredNode[]): Promise<void>;
}
