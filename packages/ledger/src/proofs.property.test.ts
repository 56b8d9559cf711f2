import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CompactRange } from './compact-range.ts';
import { consistencyProof } from './consistency-proof.ts';
import { hashLeaf } from './hash-leaf.ts';
import { inclusionProof } from './inclusion-proof.ts';
import { MemoryHashStore } from './memory-hash-store.ts';
import { treeHash } from './tree-hash.ts';
import { verifyConsistency } from './verify-consistency.ts';
import { verifyInclusion } from './verify-inclusion.ts';
import { referenceConsistencyProof, referenceInclusionProof } from './testing/reference-tree.ts';

/*
 * Properties over random tree sizes (up to a few thousand leaves) and positions: every generated
 * proof verifies, and changing any single bit of the proof, the root, the leaf hash or the index
 * makes it fail. One tree of MAX leaves serves every smaller size, because a store of perfect
 * subtrees answers for every size the log has ever had.
 */
const MAX = 5000;
const store = new MemoryHashStore();
const leaves: Uint8Array[] = [];

beforeAll(() => {
  for (let i = 0; i < MAX; i++) leaves.push(hashLeaf(new TextEncoder().encode(`entry ${i}`)));
  store.put(CompactRange.empty().append(leaves).nodes);
});

function flip(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = bytes.slice();
  copy[Math.floor(bit / 8) % copy.length]! ^= 1 << bit % 8;
  return copy;
}

const sizeAndIndex = fc.integer({ min: 1, max: MAX }).chain((size) => fc.record({ size: fc.constant(size), index: fc.nat(size - 1) }));
const twoSizes = fc
  .tuple(fc.integer({ min: 1, max: MAX }), fc.integer({ min: 1, max: MAX }))
  .map(([a, b]) => ({ size1: Math.min(a, b), size2: Math.max(a, b) }))
  .filter(({ size1, size2 }) => size1 < size2);

describe('inclusion proof properties', () => {
  it('proofs from the store verify, and match the recursive RFC definition', async () => {
    await fc.assert(
      fc.asyncProperty(sizeAndIndex, async ({ size, index }) => {
        const proof = await inclusionProof(store, index, size);
        const rootHash = await treeHash(store, size);
        expect(verifyInclusion({ index, size, leafHash: leaves[index]!, proof, rootHash })).toBe(true);
        if (size <= 300) expect(proof).toEqual(referenceInclusionProof(index, leaves.slice(0, size)));
      }),
      { numRuns: 300 },
    );
  });

  it('fails for any single flipped bit in the proof, the root, the leaf or the index', async () => {
    await fc.assert(
      fc.asyncProperty(
        sizeAndIndex.filter(({ size }) => size > 1),
        fc.nat(),
        fc.nat(255),
        fc.nat(52),
        async ({ size, index }, element, bit, indexBit) => {
          const proof = await inclusionProof(store, index, size);
          const rootHash = await treeHash(store, size);
          const leafHash = leaves[index]!;
          const e = element % proof.length;
          const badProof = proof.map((p, i) => (i === e ? flip(p, bit) : p));
          expect(verifyInclusion({ index, size, leafHash, proof: badProof, rootHash })).toBe(false);
          expect(verifyInclusion({ index, size, leafHash, proof, rootHash: flip(rootHash, bit) })).toBe(false);
          expect(verifyInclusion({ index, size, leafHash: flip(leafHash, bit), proof, rootHash })).toBe(false);
          // Flip one bit of the index (arithmetically: indexes may exceed 32 bits).
          const badIndex = Math.floor(index / 2 ** indexBit) % 2 === 1 ? index - 2 ** indexBit : index + 2 ** indexBit;
          expect(verifyInclusion({ index: badIndex, size, leafHash, proof, rootHash })).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('fails for every bit of every element of one proof (exhaustive on a sample)', async () => {
    const size = 4093;
    const index = 2901;
    const proof = await inclusionProof(store, index, size);
    const rootHash = await treeHash(store, size);
    let accepted = 0;
    for (let e = 0; e < proof.length; e++) {
      for (let bit = 0; bit < 256; bit++) {
        if (verifyInclusion({ index, size, leafHash: leaves[index]!, proof: proof.map((p, i) => (i === e ? flip(p, bit) : p)), rootHash })) accepted++;
      }
    }
    expect(proof.length).toBeGreaterThan(10);
    expect(accepted).toBe(0);
  });
});

describe('consistency proof properties', () => {
  it('proofs from the store verify, and match the recursive RFC definition', async () => {
    await fc.assert(
      fc.asyncProperty(twoSizes, async ({ size1, size2 }) => {
        const proof = await consistencyProof(store, size1, size2);
        const root1 = await treeHash(store, size1);
        const root2 = await treeHash(store, size2);
        expect(verifyConsistency({ size1, size2, root1, root2, proof })).toBe(true);
        if (size2 <= 300) expect(proof).toEqual(referenceConsistencyProof(size1, leaves.slice(0, size2)));
      }),
      { numRuns: 300 },
    );
  });

  it('fails for any single flipped bit in the proof or either root, or a changed size', async () => {
    await fc.assert(
      fc.asyncProperty(twoSizes, fc.nat(), fc.nat(255), fc.nat(52), async ({ size1, size2 }, element, bit, sizeBit) => {
        const proof = await consistencyProof(store, size1, size2);
        const root1 = await treeHash(store, size1);
        const root2 = await treeHash(store, size2);
        const e = element % proof.length;
        expect(verifyConsistency({ size1, size2, root1, root2, proof: proof.map((p, i) => (i === e ? flip(p, bit) : p)) })).toBe(false);
        expect(verifyConsistency({ size1, size2, root1: flip(root1, bit), root2, proof })).toBe(false);
        expect(verifyConsistency({ size1, size2, root1, root2: flip(root2, bit), proof })).toBe(false);
        const badSize1 = Math.floor(size1 / 2 ** sizeBit) % 2 === 1 ? size1 - 2 ** sizeBit : size1 + 2 ** sizeBit;
        expect(verifyConsistency({ size1: badSize1, size2, root1, root2, proof })).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('a tree that rewrote one leaf cannot prove consistency with its past', async () => {
    await fc.assert(
      fc.asyncProperty(twoSizes, fc.nat(), async ({ size1, size2 }, at) => {
        const changed = at % size1;
        const forged = leaves.slice(0, size2);
        forged[changed] = hashLeaf(new TextEncoder().encode('forged'));
        const forgedStore = new MemoryHashStore();
        forgedStore.put(CompactRange.empty().append(forged).nodes);
        const proof = await consistencyProof(forgedStore, size1, size2);
        const honestRoot1 = await treeHash(store, size1);
        const forgedRoot2 = await treeHash(forgedStore, size2);
        expect(verifyConsistency({ size1, size2, root1: honestRoot1, root2: forgedRoot2, proof })).toBe(false);
      }),
      { numRuns: 30 },
    );
  });
});
