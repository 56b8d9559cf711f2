import { hashLeaf } from '../hash-leaf.ts';
import type { LogSource } from './log-source.ts';

/** A page of leaf hashes computed from served entries, and what stopped it early, if anything. */
export interface EntryPage {
  /** Leaf hashes of entries `start, start + 1, …` in order, up to the first problem. */
  readonly leafHashes: Uint8Array[];
  /** Set when the page exposed a gap or disorder at `index`. */
  readonly problem?: { readonly code: 'ENTRY_MISSING' | 'ENTRY_OUT_OF_ORDER'; readonly index: number };
}

/**
 * Fetch entries `[start, end)` (or fewer, if the source pages) and hash them, checking that they
 * come exactly in index order from `start`.
 */
export async function readEntryPage(source: LogSource, start: number, end: number): Promise<EntryPage> {
  const records = await source.entries(start, end);
  const leafHashes: Uint8Array[] = [];
  let expected = start;
  for (const record of records) {
    if (expected >= end) break;
    if (!Number.isSafeInteger(record.index) || record.index < expected) return { leafHashes, problem: { code: 'ENTRY_OUT_OF_ORDER', index: expected } };
    if (record.index > expected) return { leafHashes, problem: { code: 'ENTRY_MISSING', index: expected } };
    leafHashes.push(hashLeaf(record.data));
    expected++;
  }
  if (leafHashes.length === 0 && start < end) return { leafHashes, problem: { code: 'ENTRY_MISSING', index: start } };
  return { leafHashes };
}
