import type { Db } from '@ndxp/db';
import { createLogKey, type CreatedLogKey } from './create-log-key.ts';
import { LOG_KEYS_LOCK } from './ensure-log-identity.ts';

/** The outcome of a rotation. */
export interface LogKeyRotation {
  readonly key: CreatedLogKey;
  /** Keys that were signing and now stop at `signsUntilMs`. */
  readonly retiring: readonly { readonly keyId: string; readonly signsUntilMs: number }[];
}

/**
 * Rotate the log's signing key: a new key signs from now on, and every key that was signing keeps
 * co-signing for `overlapSeconds` (c2sp.org/signed-note: a note may carry several signatures), so a
 * verifier that knows only the old key accepts every checkpoint of the overlap, and one that follows
 * the log sees the new key vouched for by checkpoints the old key also signed. Old keys stay
 * published so old checkpoints stay verifiable.
 */
export async function rotateLogKey(db: Db, options: { readonly origin: string; readonly kek: Buffer; readonly nowMs: number; readonly overlapSeconds: number }): Promise<LogKeyRotation> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOG_KEYS_LOCK]);
    const until = new Date(options.nowMs + options.overlapSeconds * 1000).toISOString();
    const { rows } = await tx.query<{ key_id: string }>(
      'UPDATE log_keys SET signs_until = $1 WHERE signs_until IS NULL OR signs_until > $1 RETURNING key_id',
      [until],
    );
    const key = await createLogKey(tx, { name: options.origin, kek: options.kek, nowMs: options.nowMs });
    return { key, retiring: rows.map((r) => ({ keyId: r.key_id, signsUntilMs: Date.parse(until) })) };
  });
}
