/**
 * What {@link verifyLog} can find wrong with a log. A closed union, so a CLI can map each code to
 * a message in Vietnamese or English and an exit status.
 */
export type LogProblemCode =
  /** A served checkpoint is not a well-formed signed note or checkpoint. */
  | 'CHECKPOINT_MALFORMED'
  /** A checkpoint names another log. */
  | 'ORIGIN_MISMATCH'
  /** A checkpoint carries no signature by any known key (e.g. history re-signed with a new, untrusted key). */
  | 'UNKNOWN_KEY'
  /** A signature by a known key does not verify: the checkpoint was altered, or the signature forged. */
  | 'SIGNATURE_INVALID'
  /** A checkpoint is smaller than one served before it, or than the one verified in an earlier run. */
  | 'SIZE_REGRESSION'
  /**
   * A checkpoint commits to a history that contradicts an earlier verified checkpoint (this run's or
   * a previous run's): the log forked or rewrote history.
   */
  | 'INCONSISTENT_WITH_PREVIOUS'
  /** No entry is served at an index a checkpoint covers. */
  | 'ENTRY_MISSING'
  /** The source returned entries out of order or duplicated. */
  | 'ENTRY_OUT_OF_ORDER'
  /** The root recomputed from the served entries differs from a signed checkpoint's root. */
  | 'ROOT_MISMATCH';

/** How a tampered entry was pinned down. */
export type LocateMethod =
  /** The log's stored leaf hashes reproduced the signed root, so they are authentic, and the first served entry whose hash differs is wrong. Exact. */
  | 'leaf-hashes'
  /** Binary search with consistency proofs: every entry before `index` is proven authentic; the prefix ending with `index` could not be proven. */
  | 'consistency-proofs';

/** What was done to the entry, judged from authentic leaf hashes (only with `leaf-hashes`). */
export type TamperKind =
  /** The entry at `index` differs from the one logged. */
  | 'MODIFIED'
  /** The entry logged at `index` is gone and later entries moved up by one. */
  | 'DELETED'
  /** An entry that was never logged sits at `index`, and later entries moved down by one. */
  | 'INSERTED'
  /** The entries at `index` and `otherIndex` were swapped. */
  | 'REORDERED'
  /** Entries from `index` on are not served, though the signed tree has them. */
  | 'TRUNCATED';

/** The first entry the log cannot back with its signed root. */
export interface BadEntryLocation {
  /** Index of the first bad entry. */
  readonly index: number;
  readonly method: LocateMethod;
  readonly kind?: TamperKind;
  /** For `REORDERED`: the index it was swapped with. */
  readonly otherIndex?: number;
  /** Base64 leaf hash the signed tree has at `index` (with `leaf-hashes`). */
  readonly expectedLeafHash?: string;
  /** Base64 leaf hash of the entry served at `index`, if any. */
  readonly servedLeafHash?: string;
}

/** One finding of {@link verifyLog}. */
export interface LogProblem {
  readonly code: LogProblemCode;
  /** Plain-English explanation with the numbers in it (a CLI may localise from the fields instead). */
  readonly message: string;
  /** Position of the checkpoint in the source's list, when the problem is about one. */
  readonly checkpointPosition?: number;
  /** Tree size of that checkpoint, when known. */
  readonly checkpointSize?: number;
  /** Size of the earlier checkpoint it contradicts (`SIZE_REGRESSION`, `INCONSISTENT_WITH_PREVIOUS`). */
  readonly previousSize?: number;
  /** `<name>+<hex key ID>` of the key concerned (`SIGNATURE_INVALID`, `UNKNOWN_KEY`). */
  readonly keys?: readonly string[];
  /** The entry concerned (`ENTRY_MISSING`, `ENTRY_OUT_OF_ORDER`, and the located entry of a mismatch). */
  readonly entryIndex?: number;
  /** How the bad entry was located, for `ROOT_MISMATCH` and `INCONSISTENT_WITH_PREVIOUS`. */
  readonly location?: BadEntryLocation;
}
