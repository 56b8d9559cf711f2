import type { Queryable } from '@ndxp/db';

/** Admissions one hub process made for a grant in a quota window since its previous append. */
export interface QuotaDelta {
  readonly grantId: string;
  /** Start of the fixed one-minute window, ms since the epoch. */
  readonly windowStartMs: number;
  readonly count: number;
}

/** The shared total of a grant's window after the append. */
export interface QuotaTotal {
  readonly grantId: string;
  readonly windowStartMs: number;
  readonly used: number;
}

export interface AppendResult {
  /** Sequence number of the first entry; entry i got `firstSeq + i`. */
  readonly firstSeq: number;
  readonly quota: readonly QuotaTotal[];
}

/**
 * One statement, one round trip, its own transaction:
 *  1. `s` locks the single `audit_log_state` row and reserves `n` sequence numbers. The row lock
 *     is held until commit, so a concurrent append (any hub process) waits, and the order of
 *     sequence numbers is the order of commits: dense, no gaps (a failed statement rolls the
 *     reservation back with everything else).
 *  2. `ins` inserts the batch with one multi-row INSERT, numbering entries in array order and
 *     copying the indexed columns out of the canonical entry text.
 *  3. `q` adds this process's quota admissions to the shared per-grant counters and returns the
 *     totals. It reads from `s`, so it always runs after the state row is locked: every process
 *     takes the locks in the same order (state row, then quota rows) and cannot deadlock.
 */
const APPEND_SQL = `
WITH s AS (
  UPDATE audit_log_state SET next_seq = next_seq + cardinality($1::text[])
  RETURNING next_seq - cardinality($1::text[]) AS base
), ins AS (
  INSERT INTO audit_log (seq, at, request_id, hub_instance, consumer_id, service_id, method, purpose,
    grant_id, status, error_code, latency_us, request_sha256, response_sha256, subject_hmac, subject_key_id, entry)
  SELECT s.base + t.ord - 1, (j ->> 'time')::timestamptz, j ->> 'request_id', j ->> 'hub_instance',
    j ->> 'consumer', j ->> 'service', j ->> 'method', j ->> 'purpose', (j ->> 'grant_id')::uuid,
    (j ->> 'status')::smallint, j ->> 'error_code', (j ->> 'latency_us')::integer, j ->> 'request_sha256',
    j ->> 'response_sha256', j ->> 'subject_hmac', j ->> 'subject_key_id', t.e
  FROM s, unnest($1::text[]) WITH ORDINALITY AS t(e, ord), LATERAL (SELECT t.e::jsonb AS j) AS x
), q AS (
  INSERT INTO grant_quota_usage (grant_id, window_start, used)
  SELECT u.g, u.w, u.n FROM s, unnest($2::uuid[], $3::timestamptz[], $4::integer[]) AS u(g, w, n)
  ON CONFLICT (grant_id, window_start) DO UPDATE SET used = grant_quota_usage.used + excluded.used
  RETURNING grant_id::text AS grant_id, (extract(epoch FROM window_start) * 1000)::int8 AS window_ms, used
)
SELECT s.base, q.grant_id, q.window_ms, q.used FROM s LEFT JOIN q ON true`;

interface Row {
  base: number;
  grant_id: string | null;
  window_ms: number | null;
  used: number | null;
}

/**
 * Append canonical entries (RFC 8785 text) and quota deltas atomically. `deltas` must hold at
 * most one element per (grant, window): an upsert may not touch one row twice in a statement.
 */
export async function appendEntries(db: Queryable, entries: readonly string[], deltas: readonly QuotaDelta[] = []): Promise<AppendResult> {
  const { rows } = await db.query<Row>(APPEND_SQL, [
    entries,
    deltas.map((d) => d.grantId),
    deltas.map((d) => new Date(d.windowStartMs).toISOString()),
    deltas.map((d) => d.count),
  ]);
  const first = rows[0];
  if (first === undefined) throw new Error('audit_log_state row is missing');
  const quota: QuotaTotal[] = [];
  for (const r of rows) {
    if (r.grant_id !== null && r.window_ms !== null && r.used !== null) quota.push({ grantId: r.grant_id, windowStartMs: Number(r.window_ms), used: r.used });
  }
  return { firstSeq: Number(first.base), quota };
}
