import { randomBytes } from 'node:crypto';
import type { Queryable } from '@ndxp/db';
import { generateNoteKey, parseVerifierKey } from '@ndxp/ledger';
import { noteKeyLabel, sealNoteKey } from './seal-note-key.ts';

/** A log key as created: its public half, to publish. */
export interface CreatedLogKey {
  /** `<name>+<hex key ID>`. */
  readonly keyId: string;
  /** `<name>+<hex key ID>+<base64 key>` (golang.org/x/mod/sumdb/note verifier key). */
  readonly verifierKey: string;
}

/**
 * Generate a fresh Ed25519 note key named `name` (the log's origin, as c2sp.org/tlog-checkpoint
 * recommends) and store it sealed under the KEK. It signs from `nowMs` on. The seed comes from the
 * operating system's CSPRNG and never leaves this function unsealed.
 */
export async function createLogKey(tx: Queryable, options: { readonly name: string; readonly kek: Buffer; readonly nowMs: number }): Promise<CreatedLogKey> {
  const seed = randomBytes(32);
  try {
    const { verifierKey } = generateNoteKey(options.name, seed);
    const verifier = parseVerifierKey(verifierKey);
    const keyId = noteKeyLabel(verifier);
    await tx.query('INSERT INTO log_keys (key_id, verifier_key, signer_sealed, created_at) VALUES ($1, $2, $3, $4)', [
      keyId, verifierKey, sealNoteKey(seed, verifier.publicKey, options.kek, keyId), new Date(options.nowMs).toISOString(),
    ]);
    return { keyId, verifierKey };
  } finally {
    seed.fill(0);
  }
}
