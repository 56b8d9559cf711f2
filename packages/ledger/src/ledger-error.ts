/**
 * The ledger's one error class. `@ndxp/ledger` imports nothing of ours (it also runs in the
 * browser), so it cannot throw `NdxpError`; instead every failure carries a stable `code` from this
 * closed union, and the hub maps codes to its own catalogue (habit from panva/jose `JOSEError.code`).
 */
export type LedgerErrorCode =
  /** A size, index, hash or option is out of range or the wrong shape. */
  | 'INVALID_ARGUMENT'
  /** A hash the operation needs is not in the store. */
  | 'HASH_NOT_FOUND'
  /** Base64 or hex text that is not canonical, or decodes to the wrong length. */
  | 'ENCODING_INVALID'
  /** A log entry cannot be canonicalised with RFC 8785 (e.g. lone surrogates, BigInt, NaN). */
  | 'ENTRY_NOT_CANONICALISABLE'
  /** A tile path that does not follow c2sp.org/tlog-tiles. */
  | 'TILE_PATH_INVALID'
  /** Tile or entry-bundle bytes of the wrong length or structure. */
  | 'TILE_INVALID'
  /** A signer or verifier key string that does not follow golang.org/x/mod/sumdb/note. */
  | 'KEY_MALFORMED'
  /** Signed-note text that does not follow c2sp.org/signed-note. */
  | 'NOTE_MALFORMED'
  /** A signature by a known key does not verify. */
  | 'NOTE_SIGNATURE_INVALID'
  /** No signature in the note is by a known key. */
  | 'NOTE_UNVERIFIED'
  /** Two known keys share the same name and key ID. */
  | 'NOTE_AMBIGUOUS_KEY'
  /** Note text that is not a c2sp.org/tlog-checkpoint body. */
  | 'CHECKPOINT_MALFORMED'
  /** A checkpoint from a different log than expected. */
  | 'CHECKPOINT_ORIGIN_MISMATCH'
  /** A serialised verifier state that cannot be read back. */
  | 'STATE_INVALID';

/** An error raised by `@ndxp/ledger`, identified by a stable {@link LedgerErrorCode}. */
export class LedgerError extends Error {
  /** Stable, machine-readable reason. Never parse `message`. */
  readonly code: LedgerErrorCode;

  constructor(code: LedgerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerError';
    this.code = code;
  }
}

/** Whether `value` is a {@link LedgerError}, optionally with the given code. */
export function isLedgerError(value: unknown, code?: LedgerErrorCode): value is LedgerError {
  return value instanceof LedgerError && (code === undefined || value.code === code);
}
