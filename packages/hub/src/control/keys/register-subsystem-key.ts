import { NdxpError } from '@ndxp/core';
import { isUniqueViolation, type Db } from '@ndxp/db';
import { notifyHubChanged } from '../../identity/notify-hub-changed.ts';
import { validateSubsystemJwk } from '../../identity/validate-subsystem-jwk.ts';
import { isoAt } from '../timestamps.ts';
import { KEY_COLUMNS, toKeyView, type KeyRow, type KeyView } from './key-view.ts';

export interface NewKey {
  /** The public JWK with `kid` and `alg`. */
  readonly jwk: Record<string, unknown>;
  /** When the key becomes usable (default: now). */
  readonly not_before?: string | undefined;
  /** When it stops being usable (default: never, until retired). */
  readonly not_after?: string | undefined;
}

/**
 * Register a public key of a subsystem. Rotation with overlap: register the new key (usable at
 * once or from `not_before`), move clients to it, then retire the old one; during the overlap
 * assertions signed by either key are accepted.
 */
export async function registerSubsystemKey(db: Db, subsystem: string, input: NewKey, nowMs: number): Promise<KeyView> {
  const key = await validateSubsystemJwk(input.jwk);
  const notBefore = input.not_before === undefined ? nowMs : Date.parse(input.not_before);
  const notAfter = input.not_after === undefined ? null : Date.parse(input.not_after);
  if (notAfter !== null && notAfter <= notBefore) {
    throw new NdxpError('VALIDATION_FAILED', { detail: 'not_after must be later than not_before', errors: [{ in: 'body', pointer: '/not_after', message: 'must be later than not_before' }] });
  }
  if (notAfter !== null && notAfter <= nowMs) {
    throw new NdxpError('VALIDATION_FAILED', { detail: 'not_after is in the past', errors: [{ in: 'body', pointer: '/not_after', message: 'must be in the future' }] });
  }
  try {
    return await db.transaction(async (tx) => {
      const s = await tx.query('SELECT 1 FROM subsystems WHERE id = $1', [subsystem]);
      if (s.rows.length === 0) throw new NdxpError('SUBSYSTEM_NOT_FOUND', { detail: `no subsystem ${subsystem}` });
      const { rows } = await tx.query<KeyRow>(
        `INSERT INTO subsystem_keys (kid, subsystem_id, alg, public_jwk, not_before, not_after, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (kid) DO NOTHING RETURNING ${KEY_COLUMNS}`,
        [key.kid, subsystem, key.alg, JSON.stringify(key.jwk), isoAt(notBefore), notAfter === null ? null : isoAt(notAfter), isoAt(nowMs)],
      );
      const row = rows[0];
      // kid is unique across the hub, so a kid alone names one key in logs and in the audit.
      if (row === undefined) throw new NdxpError('KEY_EXISTS', { detail: `a key with kid ${key.kid} is already registered` });
      await notifyHubChanged(tx, 'subsystem_keys');
      return toKeyView(row, nowMs);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new NdxpError('KEY_EXISTS', { detail: `a key with kid ${key.kid} is already registered` });
    throw error;
  }
}
