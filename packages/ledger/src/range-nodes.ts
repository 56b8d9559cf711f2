import type { NodeId } from './node-id.ts';

/**
 * The fewest perfect subtrees that exactly cover the leaf range `[begin, end)`, left to right
 * (the "compact range" of the range; see transparency-dev/merkle `docs/compact_ranges.md`).
 * Each node is the largest aligned power-of-two block that starts where the previous one ended and
 * fits in the range.
 *
 * For `[0, n)` the nodes are one per set bit of n, largest first; folding their hashes from the
 * right with {@link hashChildren} gives the RFC 9162 root of the tree of size n. The same holds for
 * any range whose start is aligned to a power of two no smaller than its length, which is every
 * subtree that appears in an RFC 9162 proof.
 */
export function rangeNodes(begin: number, end: number): NodeId[] {
  const out: NodeId[] = [];
  while (begin < end) {
    let size = 1;
    let level = 0;
    while (begin % (size * 2) === 0 && begin + size * 2 <= end) {
      size *= 2;
      level++;
    }
    out.push({ level, index: begin / size });
    begin += size;
  }
  return out;
}
