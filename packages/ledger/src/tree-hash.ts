import { foldHashes } from './fold-hashes.ts';
import type { HashReader } from './hash-store.ts';
import { rangeNodes } from './range-nodes.ts';
import { assertCount } from './tree-math.ts';

/**
 * Root hash of the tree of `size` leaves read from stored perfect subtrees: one batched read of
 * at most 53 hashes, whatever the log size. Works for every size the log has ever had, so it also
 * recomputes historical roots (e.g. to answer "what was the root at checkpoint N?").
 */
export async function treeHash(reader: HashReader, size: number): Promise<Uint8Array> {
  assertCount(size, 'size');
  return foldHashes(await reader.readHashes(rangeNodes(0, size)));
}
