import type { HashStore } from './hash-store.ts';
import { LedgerError } from './ledger-error.ts';
import { bytesEqual } from './bytes-equal.ts';
import { isHash, nodeKey, type NodeId, type StoredNode } from './node-id.ts';

/**
 * A {@link HashStore} in memory: one array per level. For tests, the verifier's own scratch tree,
 * and logs small enough to fit (about 64 bytes per leaf across all levels).
 */
export class MemoryHashStore implements HashStore {
  private readonly levels: Uint8Array[][] = [];

  /** Synchronous read of one node, or `undefined` if not stored. */
  get(id: NodeId): Uint8Array | undefined {
    return this.levels[id.level]?.[id.index];
  }

  /** Synchronous write of nodes; see {@link HashStore.writeHashes}. */
  put(nodes: readonly StoredNode[]): void {
    for (const node of nodes) {
      if (!isHash(node.hash)) throw new LedgerError('INVALID_ARGUMENT', `hash of node ${nodeKey(node)} must be 32 bytes`);
      const level = (this.levels[node.level] ??= []);
      const existing = level[node.index];
      // A perfect subtree never changes: a different hash for a stored node means two histories.
      if (existing !== undefined && !bytesEqual(existing, node.hash)) {
        throw new LedgerError('INVALID_ARGUMENT', `node ${nodeKey(node)} is already stored with a different hash`);
      }
      level[node.index] = node.hash;
    }
  }

  /** {@inheritDoc HashReader.readHashes} */
  readHashes(ids: readonly NodeId[]): Promise<readonly Uint8Array[]> {
    try {
      return Promise.resolve(
        ids.map((id) => {
          const hash = this.get(id);
          if (hash === undefined) throw new LedgerError('HASH_NOT_FOUND', `no hash stored for node ${nodeKey(id)}`);
          return hash;
        }),
      );
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** {@inheritDoc HashStore.writeHashes} */
  writeHashes(nodes: readonly StoredNode[]): Promise<void> {
    try {
      this.put(nodes);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
}
