import type { Queryable } from '@ndxp/db';
import { signCheckpoint } from '@ndxp/ledger';
import { loadLogSigners, type SignerCache } from './load-log-signers.ts';
import { noteKeyLabel } from './seal-note-key.ts';

/** A checkpoint as published. */
export interface PublishedCheckpoint {
  readonly size: number;
  readonly root: Uint8Array;
  /** The signed note (c2sp.org/tlog-checkpoint), exactly as served. */
  readonly note: string;
  readonly keyIds: readonly string[];
  readonly publishedAtMs: number;
}

export interface PublishCheckpointOptions {
  readonly origin: string;
  readonly kek: Buffer;
  readonly nowMs: number;
  readonly cache: SignerCache;
}

/**
 * Sign the tree head `(size, root)` with every key that signs now and record it, in the caller's
 * transaction (the one that integrated the entries, so a checkpoint never names a tree that was
 * not committed). Sizes only grow: the table's primary key refuses a second checkpoint of a size,
 * so the log can never sign two different roots for one size (c2sp.org/tlog-checkpoint: a log
 * must not sign inconsistent checkpoints).
 */
export async function publishCheckpoint(tx: Queryable, size: number, root: Uint8Array, options: PublishCheckpointOptions): Promise<PublishedCheckpoint> {
  const signers = await loadLogSigners(tx, { kek: options.kek, name: options.origin, nowMs: options.nowMs, cache: options.cache });
  const note = signCheckpoint({ origin: options.origin, size, rootHash: root }, signers);
  const keyIds = signers.map(noteKeyLabel);
  await tx.query('INSERT INTO log_checkpoints (size, root, note, key_ids, published_at) VALUES ($1, $2, $3, $4, $5)', [
    size, root, note, keyIds, new Date(options.nowMs).toISOString(),
  ]);
  await tx.query('UPDATE log_tree SET checkpoint_size = $1', [size]);
  return { size, root, note, keyIds, publishedAtMs: options.nowMs };
}
