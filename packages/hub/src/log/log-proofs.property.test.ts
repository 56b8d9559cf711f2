import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testBackends } from '@ndxp/db';
import { CompactRange, decodeBase64, encodeUtf8, hashLeaf, verifyConsistency, verifyInclusion } from '@ndxp/ledger';
import { openTestHub, type TestHub } from '../app/test-hub.ts';
import { appendSynthetic } from './testing/synthetic-entries.ts';

const N = 777;

/**
 * Property tests at the HTTP level: for random tree sizes and indexes, the proofs the hub serves
 * (from its stored tiles) verify against roots computed independently from the entries, and stop
 * verifying when any single bit of the proof is flipped.
 */
describe.each(testBackends())('proofs served by the hub on %s', (kind) => {
  let t: TestHub;
  const leaves: Uint8Array[] = [];
  const roots: Uint8Array[] = [];

  beforeAll(async () => {
    t = await openTestHub(kind, { NDXP_LOG_INTEGRATION: 'false' });
    // Uneven growth, so checkpoints land at sizes with every shape of right edge.
    for (const chunk of [1, 2, 5, 120, 3, 250, 1, 395]) {
      const texts = await appendSynthetic(t.db, leaves.length, chunk);
      leaves.push(...texts.map((x) => hashLeaf(encodeUtf8(x))));
      await t.hub.log.integrate();
    }
    expect(leaves).toHaveLength(N);
    // Reference roots of every prefix, computed in memory from the entries alone.
    let range = CompactRange.empty();
    roots.push(range.root());
    for (const leaf of leaves) {
      range = range.append([leaf]).range;
      roots.push(range.root());
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async <T>(url: string): Promise<T> => {
    const res = await t.hub.app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };
  const flip = (proof: Uint8Array[], at: number, bit: number): Uint8Array[] =>
    proof.map((h, i) => (i === at ? h.map((b, j) => (j === bit >> 3 ? b ^ (1 << (bit & 7)) : b)) : h));

  it('inclusion proofs verify for random sizes and indexes, and fail with any flipped bit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: N }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }), fc.nat(), fc.integer({ min: 0, max: 255 }))), async ([size, index, pick, bit]) => {
        const p = await get<{ index: number; tree_size: number; leaf_hash: string; proof: string[] }>(`/log/v1/proof/inclusion?index=${index}&size=${size}`);
        expect(p).toMatchObject({ index, tree_size: size });
        const proof = p.proof.map((x) => decodeBase64(x));
        expect(decodeBase64(p.leaf_hash)).toEqual(leaves[index]);
        expect(verifyInclusion({ index, size, leafHash: leaves[index]!, proof, rootHash: roots[size]! })).toBe(true);
        if (proof.length > 0) expect(verifyInclusion({ index, size, leafHash: leaves[index]!, proof: flip(proof, pick % proof.length, bit), rootHash: roots[size]! })).toBe(false);
      }),
      { numRuns: 80 },
    );
  });

  it('inclusion proofs by leaf hash find the entry and verify against the latest checkpoint', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: N - 1 }), async (index) => {
        const hex = Buffer.from(leaves[index]!).toString('hex');
        const p = await get<{ index: number; tree_size: number; proof: string[] }>(`/log/v1/proof/inclusion?leaf_hash=${hex}`);
        expect(p.tree_size).toBe(N);
        expect(p.index).toBe(index);
        expect(verifyInclusion({ index, size: N, leafHash: leaves[index]!, proof: p.proof.map((x) => decodeBase64(x)), rootHash: roots[N]! })).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('consistency proofs verify for random pairs of sizes, and fail with any flipped bit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: N }).chain((to) => fc.tuple(fc.integer({ min: 0, max: to }), fc.constant(to), fc.nat(), fc.integer({ min: 0, max: 255 }))), async ([from, to, pick, bit]) => {
        const p = await get<{ from: number; to: number; proof: string[] }>(`/log/v1/proof/consistency?from=${from}&to=${to}`);
        const proof = p.proof.map((x) => decodeBase64(x));
        expect(verifyConsistency({ size1: from, size2: to, root1: roots[from]!, root2: roots[to]!, proof })).toBe(true);
        if (proof.length > 0) expect(verifyConsistency({ size1: from, size2: to, root1: roots[from]!, root2: roots[to]!, proof: flip(proof, pick % proof.length, bit) })).toBe(false);
      }),
      { numRuns: 80 },
    );
  });
});
