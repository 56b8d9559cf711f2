import { NdxpError } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { createLogKey } from './create-log-key.ts';
import type { SignerCache } from './load-log-signers.ts';
import { publishCheckpoint } from './publish-checkpoint.ts';
import { readLogTree } from './read-log-tree.ts';

/** Advisory lock key for the log's identity and keys (the bytes of 'NDXK'). */
export const LOG_KEYS_LOCK = 0x4e44584b;

/**
 * Make sure the log has an identity before anything is served, in one transaction under an
 * advisory lock (several hub processes may start at once):
 *  - the origin is recorded at the first start and must never change afterwards: checkpoints of
 *    another origin are a different log (c2sp.org/tlog-checkpoint), so a changed configuration is
 *    refused rather than silently starting a second log over the same entries;
 *  - a signing key exists (generated and sealed on the first start);
 *  - a first checkpoint exists, for the empty tree, so `GET /log/v1/checkpoint` always answers.
 *
 * @throws NdxpError `CONFIG_INVALID` if the configured origin differs from the recorded one.
 */
export async function ensureLogIdentity(db: Db, options: { readonly origin: string; readonly kek: Buffer; readonly nowMs: number; readonly signers: SignerCache }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOG_KEYS_LOCK]);
    const meta = await tx.query<{ origin: string }>('SELECT origin FROM log_meta');
    const recorded = meta.rows[0]?.origin;
    if (recorded === undefined) {
      await tx.query('INSERT INTO log_meta (origin, created_at) VALUES ($1, $2)', [options.origin, new Date(options.nowMs).toISOString()]);
    } else if (recorded !== options.origin) {
      throw new NdxpError('CONFIG_INVALID', { detail: `Invalid configuration: NDXP_LOG_ORIGIN is ${JSON.stringify(options.origin)} but this database holds the log ${JSON.stringify(recorded)}; a log never changes its origin` });
    }
    const current = await tx.query('SELECT 1 FROM log_keys WHERE signs_until IS NULL LIMIT 1');
    if (current.rows.length === 0) await createLogKey(tx, { name: options.origin, kek: options.kek, nowMs: options.nowMs });
    const any = await tx.query('SELECT 1 FROM log_checkpoints LIMIT 1');
    if (any.rows.length === 0) {
      const tree = await readLogTree(tx, true);
      await publishCheckpoint(tx, tree.size, tree.root, { origin: options.origin, kek: options.kek, nowMs: options.nowMs, cache: options.signers });
    }
  });
}
