/**
 * A transparency log checkpoint (c2sp.org/tlog-checkpoint): the log's identity and its Merkle
 * tree head at one size. Signed as a note, it is the log's commitment to its whole history.
 */
export interface Checkpoint {
  /** The log's origin, e.g. `ndxp.gov.vn/log` (schema-less URL recommended; no newline). */
  readonly origin: string;
  /** Number of entries in the tree. */
  readonly size: number;
  /** RFC 9162 root hash of the tree of `size` entries (32 bytes). */
  readonly rootHash: Uint8Array;
  /** Optional opaque extension lines (non-empty; the spec discourages them). */
  readonly extensions: readonly string[];
}
