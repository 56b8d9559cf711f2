import { NdxpError } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import { isoAt } from '../timestamps.ts';

/** First lockout after the allowed failures, then doubling, capped (OWASP Authentication Cheat Sheet). */
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
const FORGET_AFTER_MS = 60 * 60_000;

/** Refuse with `LOGIN_THROTTLED` (and Retry-After) while `username` is locked. */
export async function assertNotThrottled(db: Queryable, username: string, nowMs: number): Promise<void> {
  const { rows } = await db.query<{ until_ms: number | null }>(
    'SELECT (extract(epoch FROM locked_until) * 1000)::int8 AS until_ms FROM login_throttle WHERE username = $1',
    [username],
  );
  const until = rows[0]?.until_ms ?? null;
  if (until !== null && until > nowMs) {
    throw new NdxpError('LOGIN_THROTTLED', { detail: 'too many failed logins for this username', extensions: { retry_after: Math.ceil((until - nowMs) / 1000) } });
  }
}

/**
 * Count a failed login for `username` (existing or not, so that throttling reveals nothing about
 * which usernames exist) and lock it once `maxFailures` is reached: 30 s, then doubling up to
 * 15 min for each further failure.
 */
export async function recordLoginFailure(db: Queryable, username: string, nowMs: number, maxFailures: number): Promise<void> {
  const { rows } = await db.query<{ failures: number }>(
    `INSERT INTO login_throttle (username, failures, last_failure_at) VALUES ($1, 1, $2)
     ON CONFLICT (username) DO UPDATE SET
       failures = CASE WHEN login_throttle.last_failure_at < $3 THEN 1 ELSE login_throttle.failures + 1 END,
       last_failure_at = EXCLUDED.last_failure_at
     RETURNING failures`,
    [username, isoAt(nowMs), isoAt(nowMs - FORGET_AFTER_MS)],
  );
  const failures = rows[0]?.failures ?? 1;
  if (failures >= maxFailures) {
    const lockMs = Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** Math.min(20, failures - maxFailures));
    await db.query('UPDATE login_throttle SET locked_until = $2 WHERE username = $1', [username, isoAt(nowMs + lockMs)]);
  }
}

/** Forget failures after a successful login. */
export async function clearLoginFailures(db: Queryable, username: string): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE username = $1', [username]);
}
