import { CompactRange } from '../compact-range.ts';
import { LeafBuffer } from './leaf-buffer.ts';
import { locateBadEntry } from './locate-bad-entry.ts';
import type { BadEntryLocation } from './log-problem.ts';
import type { LogSource } from './log-source.ts';
import { readEntryPage } from './read-entry-page.ts';

/** Why the served entries fail to reproduce a trusted root, as far as could be established. */
export interface MismatchExplanation {
  /** The first bad entry, if it could be located. */
  readonly location?: BadEntryLocation;
  /** Whether the trusted root also contradicts the last checkpoint that did match (a fork). */
  readonly fork: boolean;
}

async function readLeaves(source: LogSource, start: number, end: number, pageSize: number): Promise<LeafBuffer> {
  const buffer = new LeafBuffer(start);
  while (buffer.end < end) {
    const page = await readEntryPage(source, buffer.end, Math.min(buffer.end + pageSize, end));
    for (const hash of page.leafHashes) buffer.push(hash);
    if (page.problem !== undefined) break;
  }
  return buffer;
}

/**
 * Second pass after a mismatch at a trusted `(size, root)`: re-read the entries since the last
 * good size (and up to `readUpTo`, to look ahead a little past `size`) and locate the first bad
 * one. If the trusted root does not even commit to the entries before the last good size, retry
 * from the start of the log, and flag a fork.
 */
export async function explainMismatch(
  source: LogSource,
  lastGood: CompactRange,
  size: number,
  root: Uint8Array,
  readUpTo: number,
  pageSize: number,
): Promise<MismatchExplanation> {
  const first = await locateBadEntry({ source, base: lastGood, local: await readLeaves(source, lastGood.size, readUpTo, pageSize), targetSize: size, targetRoot: root, pageSize });
  if (first.kind === 'found') return { location: first.location, fork: false };
  if (lastGood.size === 0) return { fork: false };
  const again = await locateBadEntry({ source, base: CompactRange.empty(), local: await readLeaves(source, 0, readUpTo, pageSize), targetSize: size, targetRoot: root, pageSize });
  const forkBefore = first.kind === 'base-inconsistent';
  if (again.kind === 'found') return { location: again.location, fork: forkBefore || again.location.index < lastGood.size };
  return { fork: forkBefore };
}
