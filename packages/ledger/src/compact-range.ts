import { foldHashes } from './fold-hashes.ts';
import { hashChildren } from './hash-children.ts';
import type { HashReader } from './hash-store.ts';
import { LedgerError } from './ledger-error.ts';
import { isHash, type NodeId, type StoredNode } from './node-id.ts';
import { rangeNodes } from './range-nodes.ts';
import { assertCount, popCount } from './tree-math.ts';

/** Options for {@link CompactRange.append}. */
export interface AppendOptions {
  /**
   * Which levels' completed nodes to return for persisting. Default: every level. A store that
   * keeps only c2sp.org/tlog-tiles tile levels passes `(level) => level % 8 === 0`; the rest can
   * be recomputed from tiles (see {@link tileHashReader}).
   */
  readonly keepLevel?: (level: number) => boolean;
}

/** What one {@link CompactRange.append} produced. */
export interface AppendResult {
  /** The range after the append (the original is unchanged). */
  readonly range: CompactRange;
  /** Root hash of the tree of the new size. */
  readonly root: Uint8Array;
  /**
   * Every perfect subtree completed by this append (leaves included), in creation order, filtered
   * by {@link AppendOptions.keepLevel}. Persist them to serve proofs later.
   */
  readonly nodes: StoredNode[];
}

/**
 * The state needed to extend a log: the hashes of the perfect subtrees that cover `[0, size)`
 * (one per set bit of `size`, largest first). At most 53 hashes whatever the size, so a sequencer
 * keeps it in memory and integrates new leaves in O(1) amortised hashes each (one leaf hash in, on
 * average one interior hash computed), without reading the tree back.
 *
 * Immutable: {@link append} returns a new range, so a sequencer can keep the old one until the
 * batch that produced the new one has committed (and simply drop the new one on rollback).
 */
export class CompactRange {
  /** Number of leaves covered. */
  readonly size: number;
  readonly #hashes: readonly Uint8Array[];

  private constructor(size: number, hashes: readonly Uint8Array[]) {
    this.size = size;
    this.#hashes = hashes;
  }

  /** The range of the empty tree. */
  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  /**
   * Rebuild a range from its hashes, e.g. after a restart.
   *
   * @param hashes - hashes of {@link CompactRange.nodeIds} for `size`, largest subtree first.
   * @throws LedgerError `INVALID_ARGUMENT` if the count does not match `size` or a hash is not 32 bytes.
   */
  static fromHashes(size: number, hashes: readonly Uint8Array[]): CompactRange {
    assertCount(size, 'size');
    if (hashes.length !== popCount(size)) {
      throw new LedgerError('INVALID_ARGUMENT', `a range of size ${size} has ${popCount(size)} hashes, got ${hashes.length}`);
    }
    if (!hashes.every(isHash)) throw new LedgerError('INVALID_ARGUMENT', 'range hashes must be 32 bytes');
    return new CompactRange(size, hashes.slice());
  }

  /** Load the range for `size` from stored hashes (one batched read of at most 53 nodes). */
  static async load(reader: HashReader, size: number): Promise<CompactRange> {
    assertCount(size, 'size');
    const hashes = await reader.readHashes(CompactRange.nodeIds(size));
    return CompactRange.fromHashes(size, hashes);
  }

  /** The perfect subtrees that make up the range of a tree of `size` leaves, largest first. */
  static nodeIds(size: number): NodeId[] {
    assertCount(size, 'size');
    return rangeNodes(0, size);
  }

  /** Hashes of the range's subtrees, largest first (a copy). */
  get hashes(): Uint8Array[] {
    return this.#hashes.slice();
  }

  /** Root hash (RFC 9162 MTH) of the tree of {@link size} leaves. */
  root(): Uint8Array {
    return foldHashes(this.#hashes);
  }

  /**
   * Integrate new leaves.
   *
   * Appending leaf `i` pushes it as a level-0 node; while the newest node is a right child
   * (its index is odd) it merges with its left sibling into their parent, which is then complete
   * and immutable. Leaf `i` causes `trailingZeros(i + 1)` merges.
   *
   * @param leafHashes - 32-byte leaf hashes ({@link hashLeaf}) in log order.
   */
  append(leafHashes: readonly Uint8Array[], options: AppendOptions = {}): AppendResult {
    const keep = options.keepLevel;
    const hashes = this.#hashes.slice();
    const nodes: StoredNode[] = [];
    let size = this.size;
    for (const leaf of leafHashes) {
      if (!isHash(leaf)) throw new LedgerError('INVALID_ARGUMENT', `leaf hash ${size} must be 32 bytes`);
      if (size === Number.MAX_SAFE_INTEGER) throw new LedgerError('INVALID_ARGUMENT', 'tree is full');
      let hash = leaf;
      let level = 0;
      let index = size;
      if (keep === undefined || keep(0)) nodes.push({ level: 0, index, hash });
      while (index % 2 === 1) {
        hash = hashChildren(hashes.pop() as Uint8Array, hash);
        level++;
        index = (index - 1) / 2;
        if (keep === undefined || keep(level)) nodes.push({ level, index, hash });
      }
      hashes.push(hash);
      size++;
    }
    const range = new CompactRange(size, hashes);
    return { range, root: range.root(), nodes };
  }
}
