import { bytesEqual } from './bytes-equal.ts';
import { CompactRange } from './compact-range.ts';
import { decodeBase64, encodeBase64 } from './encoding/base64.ts';
import { LedgerError } from './ledger-error.ts';
import type { NoteVerifiers } from './note/note-verifiers.ts';
import { checkCheckpointNotes, type TrustedCheckpoint } from './verify/check-checkpoint-notes.ts';
import { explainMismatch, type MismatchExplanation } from './verify/explain-mismatch.ts';
import type { LogProblem, LogProblemCode } from './verify/log-problem.ts';
import type { LogSource } from './verify/log-source.ts';
import { ProblemList } from './verify/problem-list.ts';
import { readEntryPage } from './verify/read-entry-page.ts';
import { initialVerifierState, type VerifierState } from './verify/verifier-state.ts';

/** Options of {@link verifyLog}. */
export interface VerifyLogOptions {
  readonly source: LogSource;
  /** Keys the log may sign with (several during a key rotation). */
  readonly verifiers: NoteVerifiers;
  /** The log's origin; checkpoints of any other origin are rejected. */
  readonly origin: string;
  /** State saved by the previous run, if any. */
  readonly state?: VerifierState;
  /** Entries requested per call to the source. Default 1,000. */
  readonly pageSize?: number;
  /** Most problems kept per code (all are counted). Default 100. */
  readonly maxProblemsPerCode?: number;
  /** Called after each page of entries. */
  readonly onProgress?: (progress: { readonly entriesChecked: number; readonly entriesTotal: number }) => void;
}

/** What {@link verifyLog} found. */
export interface VerifyLogResult {
  /** True when nothing at all was wrong. */
  readonly ok: boolean;
  /** Findings in the order they were made, at most `maxProblemsPerCode` of each code. */
  readonly problems: readonly LogProblem[];
  /** How many problems of each code were found in total. */
  readonly problemCounts: Readonly<Partial<Record<LogProblemCode, number>>>;
  /** Checkpoints the source served. */
  readonly checkpointsSeen: number;
  /** Checkpoints whose signature verified and whose root was recomputed from the entries. */
  readonly checkpointsVerified: number;
  /** Entries read and hashed. */
  readonly entriesChecked: number;
  /** Size of the largest checkpoint verified this run (0 if none). */
  readonly verifiedSize: number;
  /**
   * The state to save for the next run: the largest checkpoint verified so far. It never moves
   * backwards, and never forward past a problem in the tree.
   */
  readonly state: VerifierState;
}

/** A root the recomputed tree must reproduce at some size. */
interface Reference {
  readonly size: number;
  readonly root: Uint8Array;
  /** A served checkpoint, or the checkpoint remembered from the previous run. */
  readonly from: TrustedCheckpoint | 'state';
}

/**
 * Verify a transparency log without trusting its operator:
 *
 * 1. check every served checkpoint's signatures against the known keys, and its origin;
 * 2. check that checkpoint sizes never go backwards, within the served list and against the
 *    checkpoint verified in the previous run;
 * 3. recompute the whole tree from the entries (RFC 9162), and at each checkpoint's size compare
 *    the root with the checkpoint's, and at the previous run's size with the remembered root. Two
 *    checkpoints that both match the entries are consistent with each other by construction, so
 *    consistency between successive checkpoints needs no proof from the log;
 * 4. at the first mismatch, locate the first bad entry ({@link locateBadEntry}: from the log's leaf
 *    hashes or with consistency proofs), and say whether the log forked;
 * 5. return every finding with a stable code, and the state to keep for the next run.
 *
 * Entries after the largest checkpoint are covered by no signature yet and are not read. Memory
 * stays small (the compact range) on the normal path; pinpointing a mismatch buffers 32 bytes per
 * entry since the last good checkpoint (plus a 65,536-entry look-ahead).
 *
 * @throws LedgerError `STATE_INVALID` if `state` belongs to another origin; rejects if the source
 *   itself fails (e.g. network errors), which is not a finding about the log.
 */
export async function verifyLog(options: VerifyLogOptions): Promise<VerifyLogResult> {
  const { source, verifiers, origin } = options;
  const pageSize = options.pageSize ?? 1000;
  const state = options.state ?? initialVerifierState(origin);
  if (state.origin !== origin) throw new LedgerError('STATE_INVALID', `verifier state is for ${JSON.stringify(state.origin)}, not ${JSON.stringify(origin)}`);
  const problems = new ProblemList(options.maxProblemsPerCode ?? 100);

  // 1. Signatures and origin.
  const notes = await source.checkpoints();
  const trusted = checkCheckpointNotes(notes, verifiers, origin, problems);

  // 2. Sizes never go backwards.
  const previous = state.checkpoint;
  trusted.forEach((t, i) => {
    const before = trusted[i - 1];
    if (before !== undefined && t.checkpoint.size < before.checkpoint.size) {
      problems.add({
        code: 'SIZE_REGRESSION',
        message: `checkpoint #${t.position} has size ${t.checkpoint.size}, smaller than the size ${before.checkpoint.size} of checkpoint #${before.position} served before it`,
        checkpointPosition: t.position,
        checkpointSize: t.checkpoint.size,
        previousSize: before.checkpoint.size,
      });
    }
  });
  const latest = trusted.reduce<TrustedCheckpoint | undefined>((max, t) => (max === undefined || t.checkpoint.size > max.checkpoint.size ? t : max), undefined);
  if (previous !== null && latest !== undefined && latest.checkpoint.size < previous.size) {
    problems.add({
      code: 'SIZE_REGRESSION',
      message: `the largest checkpoint served has size ${latest.checkpoint.size}, smaller than the size ${previous.size} verified in an earlier run`,
      checkpointPosition: latest.position,
      checkpointSize: latest.checkpoint.size,
      previousSize: previous.size,
    });
  }

  // 3. Recompute the tree and compare roots at every reference size.
  const references: Reference[] = trusted.map((t) => ({ size: t.checkpoint.size, root: t.checkpoint.rootHash, from: t }));
  if (previous !== null) references.push({ size: previous.size, root: decodeBase64(previous.rootHash), from: 'state' });
  const sizes = [...new Set(references.map((r) => r.size))].sort((a, b) => a - b);
  const total = sizes.at(-1) ?? 0;

  let range = CompactRange.empty();
  let lastGood = range;
  let lastGoodReferences: readonly Reference[] = [];
  let verified: TrustedCheckpoint | undefined;
  let checkpointsVerified = 0;
  let divergence: Divergence | undefined;
  let entryProblem: { code: 'ENTRY_MISSING' | 'ENTRY_OUT_OF_ORDER'; index: number } | undefined;

  for (const size of sizes) {
    while (range.size < size && entryProblem === undefined) {
      const page = await readEntryPage(source, range.size, Math.min(range.size + pageSize, size));
      range = range.append(page.leafHashes).range;
      entryProblem = page.problem;
      options.onProgress?.({ entriesChecked: range.size, entriesTotal: total });
    }
    const atSize = references.filter((r) => r.size === size);
    if (entryProblem !== undefined) {
      reportEntryProblem(problems, entryProblem);
      if (divergence === undefined) await explainMissingEntries(atSize, range.size);
      break;
    }
    const root = range.root();
    if (divergence !== undefined) {
      reportAfterDivergence(problems, atSize, root, divergence);
      continue;
    }
    const matching = atSize.filter((r) => bytesEqual(r.root, root));
    const wrong = atSize.filter((r) => !bytesEqual(r.root, root));
    const stateWrong = wrong.some((r) => r.from === 'state');
    if (matching.length > 0) {
      // The entries agree with a trusted root of this size. A served checkpoint of the same size
      // with another root means the log signed two different trees: a fork, named as such.
      for (const w of wrong) {
        if (w.from === 'state') continue;
        problems.add({
          code: 'INCONSISTENT_WITH_PREVIOUS',
          message: `${describeReference(w)} and ${describeReference(matching[0] as Reference)} sign different trees of the same size: the log forked`,
          ...at(w),
          previousSize: size,
        });
      }
      if (!stateWrong) {
        lastGood = range;
        lastGoodReferences = matching;
        for (const r of matching) {
          if (r.from === 'state') continue;
          checkpointsVerified++;
          verified = r.from;
        }
        continue;
      }
    }
    // First divergence from a trusted root: locate it against the most trustworthy one — the root
    // verified in an earlier run if it is among the mismatches, else the first served checkpoint.
    const reference = wrong.find((r) => r.from === 'state') ?? (wrong[0] as Reference);
    const explanation = await explainMismatch(source, lastGood, size, reference.root, Math.min(total, size + LOOKAHEAD), pageSize);
    divergence = { size, ...(explanation.location === undefined ? {} : { location: explanation.location.index }) };
    reportDivergence(problems, atSize, root, reference, explanation, lastGoodReferences);
  }

  async function explainMissingEntries(atSize: readonly Reference[], servedUpTo: number): Promise<void> {
    // Entries stop early. If a signed root covers them, check whether the entries that were
    // served are already wrong (e.g. one deleted and the rest renumbered), which names the entry.
    const reference = atSize.find((r) => r.from === 'state') ?? atSize[0];
    if (reference === undefined) return;
    const explanation = await explainMismatch(source, lastGood, reference.size, reference.root, servedUpTo, pageSize);
    if (explanation.location !== undefined && explanation.location.index < servedUpTo) {
      reportDivergence(problems, atSize, undefined, reference, explanation, lastGoodReferences);
    }
  }

  // Only ever move the remembered checkpoint forward, and only to one reached without a problem in
  // the tree (a checkpoint is `verified` only before the first divergence).
  const advance = verified !== undefined && (previous === null || verified.checkpoint.size >= previous.size);
  const nextState: VerifierState =
    advance && verified !== undefined
      ? { version: 1, origin, checkpoint: { size: verified.checkpoint.size, rootHash: encodeBase64(verified.checkpoint.rootHash), note: verified.note } }
      : state;
  return {
    ok: problems.total === 0,
    problems: problems.problems,
    problemCounts: problems.counts,
    checkpointsSeen: notes.length,
    checkpointsVerified,
    entriesChecked: range.size,
    verifiedSize: verified?.checkpoint.size ?? 0,
    state: nextState,
  };
}

/**
 * How far past a mismatching checkpoint to read when locating, so that a swap with an entry a
 * little later in the log is still recognised as one (2 MiB of leaf hashes).
 */
const LOOKAHEAD = 65_536;

/** Where the served entries first departed from a trusted root. */
interface Divergence {
  readonly size: number;
  /** The first bad entry, if located. */
  readonly location?: number;
}

function describeReference(r: Reference): string {
  return r.from === 'state' ? `the checkpoint of size ${r.size} verified in an earlier run` : `checkpoint #${r.from.position} (size ${r.size})`;
}

function at(r: Reference): Pick<LogProblem, 'checkpointPosition' | 'checkpointSize'> {
  return r.from === 'state' ? { checkpointSize: r.size } : { checkpointPosition: r.from.position, checkpointSize: r.size };
}

function reportEntryProblem(problems: ProblemList, p: { code: 'ENTRY_MISSING' | 'ENTRY_OUT_OF_ORDER'; index: number }): void {
  problems.add({
    code: p.code,
    message: p.code === 'ENTRY_MISSING' ? `entry ${p.index} is missing although a signed checkpoint covers it` : `the log served entries out of order at index ${p.index}`,
    entryIndex: p.index,
  });
}

/**
 * Findings at the first size where the entries fail a trusted root. `root` is the recomputed
 * root, or undefined when entries ran out before this size.
 */
function reportDivergence(
  problems: ProblemList,
  atSize: readonly Reference[],
  root: Uint8Array | undefined,
  reference: Reference,
  explanation: MismatchExplanation,
  lastGood: readonly Reference[],
): void {
  const location = explanation.location;
  const lastGoodSize = lastGood[0]?.size ?? 0;
  const where = location === undefined ? 'the bad entry could not be located' : locationText(location);
  const entry = location === undefined ? {} : { entryIndex: location.index, location };
  const served = atSize.filter((r) => r.from !== 'state');
  const state = atSize.find((r) => r.from === 'state');

  if (state !== undefined && (root === undefined || !bytesEqual(state.root, root))) {
    const stillSigned = served.some((r) => bytesEqual(r.root, state.root));
    // If the log still serves a checkpoint with the remembered root, the checkpoints are fine and
    // the entries are wrong: that is the ROOT_MISMATCH below. Otherwise the log moved away from
    // what an earlier run verified.
    if (!stillSigned) {
      problems.add({
        code: 'INCONSISTENT_WITH_PREVIOUS',
        message: `the log no longer matches ${describeReference(state)}: entries before size ${state.size} changed since then; ${where}`,
        checkpointSize: state.size,
        previousSize: state.size,
        ...entry,
      });
    }
    if (explanation.fork && reference === state) {
      for (const g of lastGood) {
        if (g.from === 'state') continue;
        problems.add({
          code: 'INCONSISTENT_WITH_PREVIOUS',
          message: `${describeReference(g)} contradicts ${describeReference(state)}: history was rewritten and re-signed`,
          ...at(g),
          previousSize: state.size,
        });
      }
    }
  }
  for (const r of served) {
    if (root !== undefined && bytesEqual(r.root, root)) {
      // It signs the entries as served, which contradict the trusted reference.
      problems.add({
        code: 'INCONSISTENT_WITH_PREVIOUS',
        message: `${describeReference(r)} signs a history that contradicts ${describeReference(reference)}; ${where}`,
        ...at(r),
        previousSize: reference.size,
        ...entry,
      });
      continue;
    }
    problems.add({ code: 'ROOT_MISMATCH', message: `the entries do not reproduce the root of ${describeReference(r)}; ${where}`, ...at(r), ...entry });
    if (explanation.fork && r === reference) {
      problems.add({
        code: 'INCONSISTENT_WITH_PREVIOUS',
        message: `${describeReference(r)} is not consistent with the checkpoint of size ${lastGoodSize} verified before it: the log forked`,
        ...at(r),
        previousSize: lastGoodSize,
      });
    }
  }
}

/** Findings at sizes after the first divergence: each checkpoint either follows the served entries (contradicting the earlier root) or not. */
function reportAfterDivergence(problems: ProblemList, atSize: readonly Reference[], root: Uint8Array, divergence: Divergence): void {
  const entry = divergence.location === undefined ? {} : { entryIndex: divergence.location };
  for (const r of atSize) {
    if (bytesEqual(r.root, root)) {
      if (r.from === 'state') continue;
      problems.add({
        code: 'INCONSISTENT_WITH_PREVIOUS',
        message: `${describeReference(r)} signs the entries as served, which contradict the signed root at size ${divergence.size}`,
        ...at(r),
        previousSize: divergence.size,
        ...entry,
      });
    } else {
      problems.add({
        code: r.from === 'state' ? 'INCONSISTENT_WITH_PREVIOUS' : 'ROOT_MISMATCH',
        message: `the entries do not reproduce the root of ${describeReference(r)}${divergence.location === undefined ? '' : `; the first bad entry is ${divergence.location}`}`,
        ...at(r),
        ...entry,
      });
    }
  }
}

function locationText(location: NonNullable<MismatchExplanation['location']>): string {
  const how = location.method === 'leaf-hashes' ? 'by the log’s own leaf hashes' : 'by consistency proofs';
  switch (location.kind) {
    case 'DELETED':
      return `entry ${location.index} was deleted (found ${how})`;
    case 'INSERTED':
      return `an entry was inserted at ${location.index} (found ${how})`;
    case 'REORDERED':
      return `entries ${location.index} and ${String(location.otherIndex)} were swapped (found ${how})`;
    case 'TRUNCATED':
      return `entries from ${location.index} on are missing (found ${how})`;
    case 'MODIFIED':
      return `entry ${location.index} was modified (found ${how})`;
    default:
      return `entry ${location.index} is the first one that cannot be proven (found ${how})`;
  }
}
