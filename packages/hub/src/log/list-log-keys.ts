import type { Queryable } from '@ndxp/db';

/** A log key as published: public half and signing period. */
export interface PublishedLogKey {
  readonly keyId: string;
  readonly verifierKey: string;
  readonly createdAtMs: number;
  /** When it stops (or stopped) signing; null while it is the current key. */
  readonly signsUntilMs: number | null;
  /** `active`: signs new checkpoints; `retired`: only verifies old ones. */
  readonly status: 'active' | 'retired';
}

/** Every key the log has ever signed with, oldest first (among keys created at once, those that stop signing first). Private halves are never read here. */
export async function listLogKeys(db: Queryable, nowMs: number): Promise<PublishedLogKey[]> {
  const { rows } = await db.query<{ key_id: string; verifier_key: string; created_ms: number; until_ms: number | null }>(
    `SELECT key_id, verifier_key, (extract(epoch FROM created_at) * 1000)::int8 AS created_ms,
            (extract(epoch FROM signs_until) * 1000)::int8 AS until_ms
     FROM log_keys ORDER BY created_at, signs_until IS NULL, signs_until, key_id`,
  );
  return rows.map((r) => {
    const until = r.until_ms === null ? null : Number(r.until_ms);
    return {
      keyId: r.key_id,
      verifierKey: r.verifier_key,
      createdAtMs: Number(r.created_ms),
      signsUntilMs: until,
      status: until === null || until > nowMs ? 'active' : 'retired',
    };
  });
}
