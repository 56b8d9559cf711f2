import type { Queryable } from '@ndxp/db';
import type { NoteSigner } from '@ndxp/ledger';
import { openNoteKey } from './seal-note-key.ts';

/** Opened signers by key id, so a key is decrypted once per process, not once per checkpoint. */
export type SignerCache = Map<string, NoteSigner>;

/**
 * The keys that sign a checkpoint published at `nowMs`: every key created by then whose signing
 * period has not ended (c2sp.org/signed-note allows any number of signatures; during a rotation
 * the old and the new key both sign). Read inside the publishing transaction, so a rotation made by
 * any hub process applies to the very next checkpoint.
 *
 * @throws Error if no key signs at `nowMs` (a checkpoint must never go out unsigned) or a sealed
 *   key does not open (wrong KEK).
 */
export async function loadLogSigners(tx: Queryable, options: { readonly kek: Buffer; readonly name: string; readonly nowMs: number; readonly cache: SignerCache }): Promise<NoteSigner[]> {
  const { rows } = await tx.query<{ key_id: string; signer_sealed: string }>(
    `SELECT key_id, signer_sealed FROM log_keys
     WHERE created_at <= $1 AND (signs_until IS NULL OR signs_until > $1)
     ORDER BY created_at, key_id`,
    [new Date(options.nowMs).toISOString()],
  );
  if (rows.length === 0) throw new Error('no transparency-log key signs at this time');
  return rows.map((r) => {
    let signer = options.cache.get(r.key_id);
    if (signer === undefined) {
      signer = openNoteKey(r.signer_sealed, options.kek, r.key_id, options.name);
      options.cache.set(r.key_id, signer);
    }
    return signer;
  });
}
