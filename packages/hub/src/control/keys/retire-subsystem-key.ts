import { NdxpError } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { notifyHubChanged } from '../../identity/notify-hub-changed.ts';
import { isoAt } from '../timestamps.ts';
import { KEY_COLUMNS, toKeyView, type KeyRow, type KeyView } from './key-view.ts';

/**
 * Retire a subsystem key: it stops being accepted at `notAfterMs` (default now; a later time
 * leaves an overlap for clients still moving to the new key). Retirement only ever shortens a
 * key's life and never reaches into the past, so history stays true.
 */
export async function retireSubsystemKey(db: Db, subsystem: string, kid: string, nowMs: number, notAfterMs: number = nowMs): Promise<KeyView> {
  if (notAfterMs < nowMs) {
    throw new NdxpError('VALIDATION_FAILED', { detail: 'not_after cannot be in the past', errors: [{ in: 'body', pointer: '/not_after', message: 'must not be in the past' }] });
  }
  return db.transaction(async (tx) => {
    const current = await tx.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM subsystem_keys WHERE kid = $1 AND subsystem_id = $2 FOR UPDATE`, [kid, subsystem]);
    const row = current.rows[0];
    if (row === undefined) throw new NdxpError('KEY_NOT_FOUND', { detail: `subsystem ${subsystem} has no key ${kid}` });
    if (row.not_after !== null && new Date(row.not_after).getTime() <= notAfterMs) {
      throw new NdxpError('VALIDATION_FAILED', { detail: `key ${kid} already stops being valid at ${new Date(row.not_after).toISOString()}`, errors: [{ in: 'body', pointer: '/not_after', message: 'key already expires earlier' }] });
    }
    // A pending key retired before it started: end it when it would have begun.
    const end = Math.max(notAfterMs, new Date(row.not_before).getTime() + 1);
    const { rows } = await tx.query<KeyRow>(`UPDATE subsystem_keys SET not_after = $2 WHERE kid = $1 RETURNING ${KEY_COLUMNS}`, [kid, isoAt(end)]);
    await notifyHubChanged(tx, 'subsystem_keys');
    return toKeyView(rows[0]!, nowMs);
  });
}
