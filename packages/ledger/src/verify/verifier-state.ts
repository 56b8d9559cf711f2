import { decodeBase64 } from '../encoding/base64.ts';
import { HASH_SIZE } from '../hash-size.ts';
import { LedgerError } from '../ledger-error.ts';

/**
 * What a verifier remembers between runs: the last checkpoint it fully verified (signature,
 * root recomputed from entries, consistent with everything before). The next run checks that the
 * log still agrees with it, so rewriting history is caught even if every checkpoint is re-signed
 * with the log's own key. Plain JSON: save it with `JSON.stringify`.
 */
export interface VerifierState {
  readonly version: 1;
  /** The log's origin. */
  readonly origin: string;
  /** The last fully verified checkpoint, or `null` before the first successful run. */
  readonly checkpoint: VerifiedCheckpointRecord | null;
}

/** A verified checkpoint as kept in {@link VerifierState}. */
export interface VerifiedCheckpointRecord {
  readonly size: number;
  /** Base64 root hash. */
  readonly rootHash: string;
  /** The signed checkpoint note as served, kept as evidence. */
  readonly note: string;
}

/** The state of a verifier that has not verified anything yet. */
export function initialVerifierState(origin: string): VerifierState {
  return { version: 1, origin, checkpoint: null };
}

/**
 * Read back a state saved as JSON (text or parsed value), checking its shape.
 *
 * @throws LedgerError `STATE_INVALID`.
 */
export function parseVerifierState(input: string | unknown): VerifierState {
  let value: unknown = input;
  try {
    if (typeof input === 'string') value = JSON.parse(input);
  } catch (cause) {
    throw new LedgerError('STATE_INVALID', 'verifier state is not JSON', { cause });
  }
  const fail = (why: string): never => {
    throw new LedgerError('STATE_INVALID', `invalid verifier state: ${why}`);
  };
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const v = value as Record<string, unknown>;
  if (v.version !== 1) return fail('unsupported version');
  if (typeof v.origin !== 'string' || v.origin.length === 0) return fail('origin');
  if (v.checkpoint === null) return { version: 1, origin: v.origin, checkpoint: null };
  if (typeof v.checkpoint !== 'object' || v.checkpoint === undefined) return fail('checkpoint');
  const c = v.checkpoint as Record<string, unknown>;
  if (typeof c.size !== 'number' || !Number.isSafeInteger(c.size) || c.size < 0) return fail('checkpoint size');
  if (typeof c.rootHash !== 'string') return fail('checkpoint root hash');
  try {
    decodeBase64(c.rootHash, HASH_SIZE);
  } catch {
    return fail('checkpoint root hash');
  }
  if (typeof c.note !== 'string') return fail('checkpoint note');
  return { version: 1, origin: v.origin, checkpoint: { size: c.size, rootHash: c.rootHash, note: c.note } };
}
