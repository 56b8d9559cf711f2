import type { Queryable } from '@ndxp/db';
import { KEY_COLUMNS, toKeyView, type KeyRow, type KeyView } from './key-view.ts';

/** Every key of a subsystem (pending, active and expired), newest first. */
export async function listSubsystemKeys(db: Queryable, subsystem: string, nowMs: number): Promise<KeyView[]> {
  const { rows } = await db.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM subsystem_keys WHERE subsystem_id = $1 ORDER BY not_before DESC, kid`, [subsystem]);
  return rows.map((r) => toKeyView(r, nowMs));
}

/** The subsystem's JWKS (RFC 7517 §5): the keys usable at `nowMs`. */
export async function subsystemJwks(db: Queryable, subsystem: string, nowMs: number): Promise<{ keys: KeyView['public_jwk'][] }> {
  const keys = await listSubsystemKeys(db, subsystem, nowMs);
  return { keys: keys.filter((k) => k.state === 'active').map((k) => k.public_jwk) };
}
