import { NdxpError } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';

/**
 * Accept a client assertion's `jti` once (RFC 7523 §3 item 7). The insert is atomic: of several
 * concurrent requests with the same assertion, on one or several hub processes, exactly one wins.
 * A row is kept until the assertion could no longer be accepted anyway (`exp` plus the clock skew);
 * an expired row may be overwritten, because an expired assertion is rejected before it gets here.
 */
export async function recordAssertionJti(db: Queryable, clientId: string, jti: string, keepUntilMs: number, nowMs: number): Promise<void> {
  const { rows } = await db.query(
    `INSERT INTO client_assertion_jtis (client_id, jti, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT (client_id, jti) DO UPDATE SET expires_at = EXCLUDED.expires_at
       WHERE client_assertion_jtis.expires_at <= $4
     RETURNING jti`,
    [clientId, jti, new Date(keepUntilMs).toISOString(), new Date(nowMs).toISOString()],
  );
  if (rows.length === 0) {
    throw new NdxpError('CLIENT_ASSERTION_REPLAYED', { detail: 'this client assertion (jti) was already used', extensions: { error: 'invalid_client' } });
  }
}

/** Delete jti records that can no longer matter. Returns how many were removed. */
export async function purgeExpiredJtis(db: Queryable, nowMs: number): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM client_assertion_jtis WHERE expires_at <= $1', [new Date(nowMs).toISOString()]);
  return rowCount;
}
