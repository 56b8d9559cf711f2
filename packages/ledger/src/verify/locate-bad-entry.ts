import { bytesEqual } from '../bytes-equal.ts';
import { CompactRange } from '../compact-range.ts';
import { encodeBase64 } from '../encoding/base64.ts';
import { isHash } from '../node-id.ts';
import { verifyConsistency } from '../verify-consistency.ts';
import { LeafBuffer } from './leaf-buffer.ts';
import type { BadEntryLocation, TamperKind } from './log-problem.ts';
import type { LogSource } from './log-source.ts';

/** Inputs of {@link locateBadEntry}. */
export interface LocateRequest {
  readonly source: LogSource;
  /** Compact range of the prefix `[0, base.size)`, taken as authentic (it matched a verified checkpoint). */
  readonly base: CompactRange;
  /**
   * Leaf hashes of the served entries from `base.size`. Shorter than `targetSize` if entries are
   * missing; longer to look ahead: entries past `targetSize` are only used to tell what kind of
   * tampering it was (e.g. the other half of a swap), never to decide which entry is bad.
   */
  readonly local: LeafBuffer;
  /** Size and root of a signed, trusted checkpoint the served entries fail to reproduce. */
  readonly targetSize: number;
  readonly targetRoot: Uint8Array;
  /** Page size for fetching leaf hashes. */
  readonly pageSize: number;
}

/** What {@link locateBadEntry} concluded. */
export type LocateOutcome =
  | { readonly kind: 'found'; readonly location: BadEntryLocation }
  /** The target root does not commit to the prefix `[0, base.size)` either: the checkpoints fork. */
  | { readonly kind: 'base-inconsistent' }
  /** The source offers nothing that can be trusted to go further. */
  | { readonly kind: 'unknown' };

/** Compact-range snapshots every this many leaves make any prefix root cheap to recompute. */
const SNAPSHOT_EVERY = 4096;

/**
 * Find the first served entry that the signed root `targetRoot` does not back.
 *
 * 1. With the log's stored leaf hashes: if, appended to the authentic prefix, they reproduce the
 *    signed root, they are the authentic leaves (SHA-256 collision resistance), and the first
 *    served entry whose hash differs is the culprit; comparing a few neighbours tells a
 *    modification from a deletion, an insertion or a swap.
 * 2. Otherwise with consistency proofs: "the prefix of m served entries is a prefix of the signed
 *    tree" is monotone in m and checkable with one proof, so a binary search finds the longest
 *    provable prefix in log2(n) proofs. The entry right after it is reported. This cannot be
 *    fooled into clearing a bad entry; a log that refuses to prove good entries only moves the
 *    report earlier, and the report then says the entry could not be proven, which is true. If no
 *    prefix at all can be proven, nothing is reported rather than a guess.
 */
export async function locateBadEntry(request: LocateRequest): Promise<LocateOutcome> {
  if (request.source.leafHashes !== undefined) {
    const found = await byLeafHashes(request, request.source.leafHashes.bind(request.source));
    if (found !== undefined) return { kind: 'found', location: found };
  }
  if (request.source.consistencyProof !== undefined) return byConsistencyProofs(request, request.source.consistencyProof.bind(request.source));
  return { kind: 'unknown' };
}

async function byLeafHashes(request: LocateRequest, leafHashes: (start: number, end: number) => Promise<readonly Uint8Array[]>): Promise<BadEntryLocation | undefined> {
  const { base, local, targetSize, targetRoot, pageSize } = request;
  const served = new LeafBuffer(base.size);
  const wanted = Math.max(targetSize, local.end);
  while (served.end < wanted) {
    const page = await leafHashes(served.end, Math.min(served.end + pageSize, wanted));
    const usable = page.slice(0, wanted - served.end);
    if (usable.length === 0 || !usable.every(isHash)) break;
    for (const hash of usable) served.push(hash);
  }
  if (served.end < targetSize) return undefined;
  // Only the leaves under the signed root are authenticated; the look-ahead is not.
  if (!bytesEqual(base.append(served.slice(base.size, targetSize)).root, targetRoot)) return undefined;

  const comparable = Math.min(local.end, targetSize);
  let i = local.start;
  while (i < comparable && bytesEqual(local.get(i), served.get(i))) i++;
  if (i === comparable) {
    if (comparable === targetSize) return undefined; // cannot happen: the roots would match
    return { index: i, method: 'leaf-hashes', kind: 'TRUNCATED', expectedLeafHash: encodeBase64(served.get(i)) };
  }
  const L = (k: number) => (k < local.end ? local.get(k) : undefined);
  const S = (k: number) => (k < served.end ? served.get(k) : undefined);
  const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) => a !== undefined && b !== undefined && bytesEqual(a, b);
  let kind: TamperKind = 'MODIFIED';
  let otherIndex: number | undefined;
  for (let j = i + 1; j < Math.min(local.end, served.end); j++) {
    if (same(L(i), S(j)) && same(L(j), S(i))) {
      kind = 'REORDERED';
      otherIndex = j;
      break;
    }
  }
  if (kind === 'MODIFIED') {
    if (same(L(i), S(i + 1))) kind = 'DELETED';
    else if (same(L(i + 1), S(i))) kind = 'INSERTED';
  }
  return {
    index: i,
    method: 'leaf-hashes',
    kind,
    ...(otherIndex === undefined ? {} : { otherIndex }),
    expectedLeafHash: encodeBase64(served.get(i)),
    servedLeafHash: encodeBase64(local.get(i)),
  };
}

async function byConsistencyProofs(request: LocateRequest, proofOf: (size1: number, size2: number) => Promise<readonly Uint8Array[]>): Promise<LocateOutcome> {
  const { base, local, targetSize, targetRoot } = request;
  const b = base.size;
  const e = Math.min(local.end, targetSize);
  const snapshots: CompactRange[] = [base];
  for (let from = b; from + SNAPSHOT_EVERY <= e; from += SNAPSHOT_EVERY) {
    snapshots.push((snapshots[snapshots.length - 1] as CompactRange).append(local.slice(from, from + SNAPSHOT_EVERY)).range);
  }
  const rootAt = (m: number): Uint8Array => {
    const k = Math.floor((m - b) / SNAPSHOT_EVERY);
    const snapshot = snapshots[k] as CompactRange;
    return snapshot.append(local.slice(snapshot.size, m)).root;
  };
  const provable = async (m: number): Promise<boolean> => {
    const proof = await proofOf(m, targetSize);
    return verifyConsistency({ size1: m, size2: targetSize, root1: rootAt(m), root2: targetRoot, proof });
  };

  if (b > 0 && !(await provable(b))) return { kind: 'base-inconsistent' };
  let lo = b; // longest prefix known to be provable (the base is, by the caller's check or the line above)
  let hi = targetSize; // shortest prefix known not to be: the whole tree does not reproduce the root
  if (e < targetSize) {
    if (await provable(e)) return { kind: 'found', location: { index: e, method: 'consistency-proofs', kind: 'TRUNCATED' } };
    hi = e;
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (await provable(mid)) lo = mid;
    else hi = mid;
  }
  // Not a single prefix could be proven: either entry 0 is bad, or the log cannot (or will not)
  // prove anything against this root, e.g. because it rewrote its tree. Blaming entry 0 would be
  // a guess, so say nothing.
  if (lo === 0) return { kind: 'unknown' };
  return { kind: 'found', location: { index: lo, method: 'consistency-proofs', ...(lo < e ? { servedLeafHash: encodeBase64(local.get(lo)) } : {}) } };
}
