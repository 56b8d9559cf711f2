import { foldHashes } from './fold-hashes.ts';
import type { HashReader } from './hash-store.ts';
import { nodeKey, type NodeId } from './node-id.ts';

/**
 * Which stored hashes make up a proof. Each element of an RFC 9162 proof is the Merkle tree hash
 * of one subtree; when that subtree is perfect it is one stored node, and when it sits on the
 * ragged right edge of the tree it is the fold of several stored nodes (left to right, largest
 * first; see {@link foldHashes}). Planning first and reading afterwards lets a store answer a
 * whole proof in one batched read.
 */
export type ProofPlan = readonly (readonly NodeId[])[];

/** Every distinct node a plan needs, in first-use order (what to read from a store). */
export function proofPlanNodes(plan: ProofPlan): NodeId[] {
  const seen = new Set<string>();
  const out: NodeId[] = [];
  for (const element of plan) {
    for (const id of element) {
      const key = nodeKey(id);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(id);
      }
    }
  }
  return out;
}

/** Turn a plan into proof hashes: one batched read, then one fold per element. */
export async function resolveProofPlan(plan: ProofPlan, reader: HashReader): Promise<Uint8Array[]> {
  const ids = proofPlanNodes(plan);
  if (ids.length === 0) return [];
  const hashes = await reader.readHashes(ids);
  const byKey = new Map<string, Uint8Array>();
  ids.forEach((id, i) => byKey.set(nodeKey(id), hashes[i] as Uint8Array));
  return plan.map((element) => foldHashes(element.map((id) => byKey.get(nodeKey(id)) as Uint8Array)));
}
