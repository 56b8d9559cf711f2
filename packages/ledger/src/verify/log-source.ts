/**
 * Where {@link verifyLog} reads a log from: a hub over HTTP, an exported copy on disk, or a
 * database. Nothing from a source is trusted; everything is checked against signed checkpoints.
 */
export interface LogSource {
  /**
   * Signed checkpoints (c2sp.org/tlog-checkpoint notes) to check, in publication order, oldest
   * first. A source may serve only its latest checkpoint, or its whole history.
   */
  checkpoints(): Promise<readonly string[]>;
  /**
   * Entries with indexes in `[start, end)`, ascending. May return fewer than asked (a page limit);
   * a page that starts later than `start`, or an empty page, means entries are missing.
   */
  entries(start: number, end: number): Promise<readonly LogEntryRecord[]>;
  /**
   * Optional: the leaf hashes the log itself stores for `[start, end)` (e.g. from level-0 tiles),
   * in order from `start`; may return fewer than asked (a page). Only used to pinpoint a tampered
   * entry after a mismatch; they are checked against a signed root before being believed.
   */
  leafHashes?(start: number, end: number): Promise<readonly Uint8Array[]>;
  /**
   * Optional: an RFC 9162 consistency proof between two tree sizes. Only used to pinpoint a
   * tampered entry when leaf hashes are unavailable or untrustworthy, and to tell a forked history
   * from tampered entries.
   */
  consistencyProof?(size1: number, size2: number): Promise<readonly Uint8Array[]>;
}

/** One log entry as served: its index and the exact bytes its leaf hash is computed over. */
export interface LogEntryRecord {
  readonly index: number;
  /** For NDXP, the RFC 8785 canonical JSON of the entry ({@link canonicalEntry}). */
  readonly data: Uint8Array;
}
