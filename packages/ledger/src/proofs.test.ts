import { describe, expect, it } from 'vitest';
import { CompactRange } from './compact-range.ts';
import { consistencyProof, consistencyProofPlan } from './consistency-proof.ts';
import { decodeBase64 } from './encoding/base64.ts';
import { decodeHex, encodeHex } from './encoding/hex.ts';
import { emptyRoot } from './empty-root.ts';
import { hashLeaf } from './hash-leaf.ts';
import { inclusionProof, inclusionProofPlan } from './inclusion-proof.ts';
import { MemoryHashStore } from './memory-hash-store.ts';
import { rootFromInclusionProof, verifyInclusion } from './verify-inclusion.ts';
import { verifyConsistency } from './verify-consistency.ts';
import { ARGON2020 } from './test-vectors/ct-argon2020.ts';
import {
  CONSISTENCY_HAPPY_PATH_JSON,
  CONSISTENCY_PROOFS,
  REF_INCLUSION_PROOFS,
  SOME_HASH_HEX,
  VERIFY_INCLUSION_PROOFS,
} from './test-vectors/rfc6962-merkle.ts';
import { hexList, REF } from './testing/vectors.ts';

const SOME_HASH = decodeHex(SOME_HASH_HEX);
const EMPTY = emptyRoot();

async function referenceStore(): Promise<MemoryHashStore> {
  const store = new MemoryHashStore();
  await store.writeHashes(CompactRange.empty().append(REF.leaves.map(hashLeaf)).nodes);
  return store;
}

function flipBit(hash: Uint8Array, bit: number): Uint8Array {
  const copy = hash.slice();
  copy[0]! ^= 1 << bit;
  return copy;
}

describe('inclusion proofs: transparency-dev/merkle vectors', () => {
  it.each(REF_INCLUSION_PROOFS)('generates PATH($index, D[$size]) from the store', async ({ index, size, proofHex }) => {
    const proof = await inclusionProof(await referenceStore(), index, size);
    expect(proof.map(encodeHex)).toEqual(proofHex);
  });

  it.each(VERIFY_INCLUSION_PROOFS)('verifies leaf $index in size $size and rejects every corruption', ({ index, size, proofHex }) => {
    const proof = hexList(proofHex);
    const leafHash = hashLeaf(REF.leaves[index]!);
    const rootHash = REF.roots[size]!;
    expect(rootFromInclusionProof(index, size, leafHash, proof)).toEqual(rootHash);
    expect(verifyInclusion({ index, size, leafHash, proof, rootHash })).toBe(true);

    // The probes of corruptInclusionProof() in proof/verify_test.go.
    const probes: [string, Parameters<typeof verifyInclusion>[0]][] = [
      ['index - 1', { index: index - 1, size, leafHash, proof, rootHash }],
      ['index + 1', { index: index + 1, size, leafHash, proof, rootHash }],
      ['index ^ 2', { index: index ^ 2, size, leafHash, proof, rootHash }],
      ['size * 2', { index, size: size * 2, leafHash, proof, rootHash }],
      ['size / 2', { index, size: Math.floor(size / 2), leafHash, proof, rootHash }],
      ['wrong leaf', { index, size, leafHash: new TextEncoder().encode('WrongLeaf'), proof, rootHash }],
      ['empty root', { index, size, leafHash, proof, rootHash: EMPTY }],
      ['random root', { index, size, leafHash, proof, rootHash: SOME_HASH }],
      ['trailing garbage', { index, size, leafHash, proof: [...proof, new Uint8Array(0)], rootHash }],
      ['trailing root', { index, size, leafHash, proof: [...proof, rootHash], rootHash }],
      ['preceding garbage', { index, size, leafHash, proof: [new Uint8Array(0), ...proof], rootHash }],
      ['preceding root', { index, size, leafHash, proof: [rootHash, ...proof], rootHash }],
      ...proof.map((_, i): [string, Parameters<typeof verifyInclusion>[0]] => [`proof[${i}] bit 3`, { index, size, leafHash, proof: proof.map((p, j) => (j === i ? flipBit(p, 3) : p)), rootHash }]),
    ];
    if (proof.length > 0) probes.push(['removed component', { index, size, leafHash, proof: proof.slice(0, -1), rootHash }]);
    if (proof.length > 1) probes.push(['inserted component', { index, size, leafHash, proof: [proof[0]!, SOME_HASH, ...proof.slice(1)], rootHash }]);
    const accepted = probes.filter(([, p]) => verifyInclusion(p)).map(([name]) => name);
    expect(accepted).toEqual([]);
  });

  it('rejects the degenerate probes of TestVerifyInclusion', () => {
    for (const [index, size] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [2, 1],
    ] as const) {
      expect(verifyInclusion({ index, size, leafHash: SOME_HASH, proof: [], rootHash: new Uint8Array(0) })).toBe(false);
      expect(verifyInclusion({ index, size, leafHash: new Uint8Array(0), proof: [], rootHash: EMPTY })).toBe(false);
      expect(verifyInclusion({ index, size, leafHash: SOME_HASH, proof: [], rootHash: EMPTY })).toBe(false);
    }
  });

  it('single-entry tree: root equals leaf hash, proof is empty (TestVerifyInclusionSingleEntry)', () => {
    const hash = hashLeaf(new TextEncoder().encode('data'));
    expect(verifyInclusion({ index: 0, size: 1, leafHash: hash, proof: [], rootHash: hash })).toBe(true);
    expect(verifyInclusion({ index: 0, size: 1, leafHash: new Uint8Array(0), proof: [], rootHash: hash })).toBe(false);
    expect(verifyInclusion({ index: 0, size: 1, leafHash: hash, proof: [], rootHash: new Uint8Array(0) })).toBe(false);
  });

  it('refuses to plan impossible proofs', () => {
    expect(() => inclusionProofPlan(3, 3)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => inclusionProofPlan(-1, 3)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => inclusionProofPlan(0.5, 3)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('reports HASH_NOT_FOUND when the store lacks a node', async () => {
    const store = new MemoryHashStore();
    await store.writeHashes(CompactRange.empty().append(REF.leaves.slice(0, 4).map(hashLeaf)).nodes);
    await expect(inclusionProof(store, 0, 8)).rejects.toMatchObject({ code: 'HASH_NOT_FOUND' });
  });
});

describe('consistency proofs: transparency-dev/merkle vectors', () => {
  it.each(CONSISTENCY_PROOFS)('generates PROOF($size1, D[$size2]) from the store', async ({ size1, size2, proofHex }) => {
    const proof = await consistencyProof(await referenceStore(), size1, size2);
    expect(proof.map(encodeHex)).toEqual(proofHex);
  });

  it.each(CONSISTENCY_PROOFS)('verifies $size1 → $size2 and rejects every corruption', ({ size1, size2, proofHex }) => {
    const proof = hexList(proofHex);
    const root1 = REF.roots[size1]!;
    const root2 = REF.roots[size2]!;
    expect(verifyConsistency({ size1, size2, root1, root2, proof })).toBe(true);
    if (proof.length === 0) return; // as in verifierConsistencyCheck(): only non-trivial proofs are probed
    const wrongRoot = new TextEncoder().encode('WrongRoot');
    const probes: [string, Parameters<typeof verifyConsistency>[0]][] = [
      ['size1 - 1', { size1: size1 - 1, size2, root1, root2, proof }],
      ['size1 + 1', { size1: size1 + 1, size2, root1, root2, proof }],
      ['size1 ^ 2', { size1: size1 ^ 2, size2, root1, root2, proof }],
      ['size2 * 2', { size1, size2: size2 * 2, root1, root2, proof }],
      ['size2 / 2', { size1, size2: Math.floor(size2 / 2), root1, root2, proof }],
      ['wrong root1', { size1, size2, root1: wrongRoot, root2, proof }],
      ['wrong root2', { size1, size2, root1, root2: wrongRoot, proof }],
      ['swapped roots', { size1, size2, root1: root2, root2: root1, proof }],
      ['empty proof', { size1, size2, root1, root2, proof: [] }],
      ['trailing garbage', { size1, size2, root1, root2, proof: [...proof, new Uint8Array(0)] }],
      ['trailing root1', { size1, size2, root1, root2, proof: [...proof, root1] }],
      ['trailing root2', { size1, size2, root1, root2, proof: [...proof, root2] }],
      ['preceding garbage', { size1, size2, root1, root2, proof: [new Uint8Array(0), ...proof] }],
      ['preceding root1', { size1, size2, root1, root2, proof: [root1, ...proof] }],
      ['preceding root2', { size1, size2, root1, root2, proof: [root2, ...proof] }],
      ['preceding proof[0]', { size1, size2, root1, root2, proof: [proof[0]!, ...proof] }],
      ['truncated proof', { size1, size2, root1, root2, proof: proof.slice(0, -1) }],
      ...proof.map((_, i): [string, Parameters<typeof verifyConsistency>[0]] => [`proof[${i}] bit 4`, { size1, size2, root1, root2, proof: proof.map((p, j) => (j === i ? flipBit(p, 4) : p)) }]),
    ];
    const accepted = probes.filter(([, p]) => verifyConsistency(p)).map(([name]) => name);
    expect(accepted).toEqual([]);
  });

  it('handles the trivial cases of TestVerifyConsistency', () => {
    const root1 = new TextEncoder().encode("don't care 1");
    const root2 = new TextEncoder().encode("don't care 2");
    const cases: [number, number, Uint8Array, Uint8Array, Uint8Array[], boolean][] = [
      [0, 0, root1, root2, [], false],
      [1, 1, root1, root2, [], false],
      [0, 0, root1, root1, [], true],
      [0, 1, root1, root2, [], true],
      [1, 1, root2, root2, [], true],
      [1, 0, root1, root2, [], false],
      [2, 1, root1, root2, [], false],
      [1, 2, root1, root2, [], false],
      [0, 0, EMPTY, root2, [], false],
      [1, 1, EMPTY, root2, [], false],
      [0, 0, EMPTY, EMPTY, [EMPTY], false],
      [0, 1, EMPTY, EMPTY, [EMPTY], false],
      [1, 1, EMPTY, EMPTY, [EMPTY], false],
    ];
    for (const [size1, size2, r1, r2, proof, want] of cases) {
      expect(verifyConsistency({ size1, size2, root1: r1, root2: r2, proof }), `${size1}→${size2}`).toBe(want);
    }
  });

  it('verifies the JSON happy-path vector (testdata/consistency/1/happy-path.json)', () => {
    const v = CONSISTENCY_HAPPY_PATH_JSON;
    expect(
      verifyConsistency({ size1: v.size1, size2: v.size2, root1: decodeBase64(v.root1), root2: decodeBase64(v.root2), proof: v.proof.map((p) => decodeBase64(p)) }),
    ).toBe(true);
    expect(decodeBase64(v.root2)).toEqual(REF.roots[8]);
  });

  it('plans nothing for trivial sizes and refuses shrinking trees', () => {
    expect(consistencyProofPlan(0, 5)).toEqual([]);
    expect(consistencyProofPlan(5, 5)).toEqual([]);
    expect(() => consistencyProofPlan(6, 5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('real Certificate Transparency proofs (Google Argon 2020, via golang.org/x/mod)', () => {
  const root = decodeBase64(ARGON2020.rootHash, 32);

  it('verifies the inclusion of entry 10000 in a tree of 961,984,013 entries', () => {
    const leafHash = hashLeaf(decodeBase64(ARGON2020.leafInput));
    const proof = ARGON2020.auditPath.map((p) => decodeBase64(p, 32));
    expect(verifyInclusion({ index: ARGON2020.leafIndex, size: ARGON2020.treeSize, leafHash, proof, rootHash: root })).toBe(true);
    expect(verifyInclusion({ index: ARGON2020.leafIndex + 1, size: ARGON2020.treeSize, leafHash, proof, rootHash: root })).toBe(false);
    expect(verifyInclusion({ index: ARGON2020.leafIndex, size: ARGON2020.treeSize * 2, leafHash, proof, rootHash: root })).toBe(false);
    expect(verifyInclusion({ index: ARGON2020.leafIndex, size: ARGON2020.treeSize, leafHash: hashLeaf(new Uint8Array(1)), proof, rootHash: root })).toBe(false);
    // Our plan for this index and size asks for exactly as many hashes as the log served.
    expect(inclusionProofPlan(ARGON2020.leafIndex, ARGON2020.treeSize)).toHaveLength(proof.length);
  });

  it('verifies consistency from size 3,654,490 to 961,984,013', () => {
    const proof = ARGON2020.consistency.map((p) => decodeBase64(p, 32));
    const root1 = decodeBase64(ARGON2020.oldRootHash, 32);
    expect(verifyConsistency({ size1: ARGON2020.oldTreeSize, size2: ARGON2020.treeSize, root1, root2: root, proof })).toBe(true);
    expect(verifyConsistency({ size1: ARGON2020.oldTreeSize + 1, size2: ARGON2020.treeSize, root1, root2: root, proof })).toBe(false);
    expect(consistencyProofPlan(ARGON2020.oldTreeSize, ARGON2020.treeSize)).toHaveLength(proof.length);
  });
});
