import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CompactRange } from './compact-range.ts';
import { emptyRoot } from './empty-root.ts';
import { hashLeaf } from './hash-leaf.ts';
import { hashChildren } from './hash-children.ts';
import { MemoryHashStore } from './memory-hash-store.ts';
import { rangeNodes } from './range-nodes.ts';
import { rootHash } from './root-hash.ts';
import { treeHash } from './tree-hash.ts';
import { encodeHex } from './encoding/hex.ts';
import { COMPACT_RANGES } from './test-vectors/rfc6962-merkle.ts';
import { REF } from './testing/vectors.ts';
import { referenceRoot } from './testing/reference-tree.ts';

describe('RFC 6962 hashing against transparency-dev/merkle vectors', () => {
  it('hashes leaves as SHA-256(0x00 || d)', () => {
    REF.leaves.forEach((leaf, i) => expect(encodeHex(hashLeaf(leaf))).toBe(encodeHex(REF.nodes[0]![i]!)));
  });

  it('hashes interior nodes as SHA-256(0x01 || l || r) for every stored node', () => {
    for (let level = 1; level < REF.nodes.length; level++) {
      REF.nodes[level]!.forEach((node, i) => {
        expect(hashChildren(REF.nodes[level - 1]![2 * i]!, REF.nodes[level - 1]![2 * i + 1]!)).toEqual(node);
      });
    }
  });

  it('has the empty root SHA-256("")', () => {
    expect(emptyRoot()).toEqual(REF.roots[0]);
  });

  it('computes the root of every tree size 0..8', () => {
    for (let size = 0; size <= 8; size++) {
      const leafHashes = REF.leaves.slice(0, size).map(hashLeaf);
      expect(encodeHex(rootHash(leafHashes)), `size ${size}`).toBe(encodeHex(REF.roots[size]!));
    }
  });

  it('CompactRange holds the reference compact trees and roots after each append', () => {
    let range = CompactRange.empty();
    for (let size = 0; size <= 8; size++) {
      expect(range.size).toBe(size);
      expect(range.hashes).toEqual(COMPACT_RANGES[size]!.map(([l, i]) => REF.nodes[l]![i]!));
      expect(range.root()).toEqual(REF.roots[size]);
      if (size < 8) range = range.append([hashLeaf(REF.leaves[size]!)]).range;
    }
  });

  it('CompactRange.append returns every completed perfect subtree exactly once', () => {
    const { nodes, root } = CompactRange.empty().append(REF.leaves.map(hashLeaf));
    expect(root).toEqual(REF.roots[8]);
    const expected = REF.nodes.flatMap((level, l) => level.map((hash, index) => ({ level: l, index, hash })));
    expect(nodes).toHaveLength(expected.length);
    expect(new Set(nodes.map((n) => `${n.level}/${n.index}`)).size).toBe(15);
    for (const e of expected) expect(nodes.find((n) => n.level === e.level && n.index === e.index)?.hash).toEqual(e.hash);
  });

  it('CompactRange is immutable and can be restored from a store', async () => {
    const store = new MemoryHashStore();
    const first = CompactRange.empty().append(REF.leaves.slice(0, 5).map(hashLeaf));
    await store.writeHashes(first.nodes);
    const again = first.range.append(REF.leaves.slice(5).map(hashLeaf));
    expect(first.range.size).toBe(5);
    expect(first.range.root()).toEqual(REF.roots[5]);
    const loaded = await CompactRange.load(store, 5);
    expect(loaded.hashes).toEqual(first.range.hashes);
    expect(loaded.append(REF.leaves.slice(5).map(hashLeaf)).root).toEqual(again.root);
  });

  it('CompactRange keepLevel filters what is returned for persisting, not what is computed', () => {
    const leaves = Array.from({ length: 600 }, (_, i) => hashLeaf(new Uint8Array([i % 256, i >> 8])));
    const all = CompactRange.empty().append(leaves);
    const tiles = CompactRange.empty().append(leaves, { keepLevel: (l) => l % 8 === 0 });
    expect(tiles.root).toEqual(all.root);
    expect(tiles.nodes.every((n) => n.level % 8 === 0)).toBe(true);
    expect(tiles.nodes.filter((n) => n.level === 8)).toHaveLength(2); // 600 leaves: two full 256-leaf subtrees
    expect(tiles.nodes.filter((n) => n.level === 0)).toHaveLength(600);
  });

  it('rejects bad inputs', () => {
    expect(() => CompactRange.empty().append([new Uint8Array(31)])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => CompactRange.fromHashes(3, [REF.roots[1]!])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => CompactRange.fromHashes(-1, [])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => rootHash([new Uint8Array(3)])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('rangeNodes covers a range exactly with aligned perfect subtrees', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), (a, b) => {
        const [begin, end] = a <= b ? [a, b] : [b, a];
        let cursor = begin;
        for (const node of rangeNodes(begin, end)) {
          const width = 2 ** node.level;
          expect(node.index * width).toBe(cursor);
          cursor += width;
        }
        expect(cursor).toBe(end);
      }),
    );
  });

  it('agrees with the recursive RFC definition, incrementally and from a store, for random sizes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 50 }), async (size, batch) => {
        const leaves = Array.from({ length: size }, (_, i) => hashLeaf(new TextEncoder().encode(`entry ${i}`)));
        const store = new MemoryHashStore();
        let range = CompactRange.empty();
        for (let i = 0; i < size; i += batch) {
          const r = range.append(leaves.slice(i, i + batch));
          store.put(r.nodes);
          range = r.range;
        }
        const expected = referenceRoot(leaves);
        expect(range.root()).toEqual(expected);
        expect(rootHash(leaves)).toEqual(expected);
        expect(await treeHash(store, size)).toEqual(expected);
        // Every historical root is still computable from the store.
        const past = Math.floor(size / 2);
        expect(await treeHash(store, past)).toEqual(referenceRoot(leaves.slice(0, past)));
      }),
      { numRuns: 40 },
    );
  });
});
