import { isMissingPartition, type Queryable } from '@ndxp/db';
import { DEFAULT_LOG_PARTITION_SIZE, ensureLogPartitions } from './ensure-log-partitions.ts';

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
 *     copying the indexed columns out of the canonical entry text (parsed once per entry by
 *     `json_to_record`; extracting member by member would parse the text once per column). The
 *     subject HMAC is stored as its 32 bytes (0006_audit_log_lean.sql).
 *  3. `q` adds this process's quota admissions to the shared per-grant counters and returns the
 *     totals. Its one-time filter reads `s`, so it always runs after the state row is locked:
 *     every process takes the locks in the same order (state row, then quota rows) and cannot
 *     deadlock.
 *
 * `s` is only ever read through scalar subqueries, never joined: an unanalysed one-row table is
 * estimated at thousands of rows, and a join would multiply that estimate until the cost crossed
 * `jit_above_cost`, making PostgreSQL JIT-compile every append (~20 ms each, measured).
 */
const APPEND_SQL = `
WITH s AS (
  UPDATE audit_log_state SET next_seq = next_seq + cardinality($1::text[]) WHERE id
  RETURNING next_seq - cardinality($1::text[]) AS base
), ins AS (
  INSERT INTO audit_log (seq, at, request_id, hub_instance, consumer_id, service_id, method, purpose,
    grant_id, status, error_code, latency_us, request_sha256, response_sha256, subject_hmac, subject_key_id, entry)
  SELECT (SELECT base FROM s) + t.ord - 1, r."time", r.request_id, r.hub_instance, r.consumer, r.service, r.method,
    r.purpose, r.grant_id, r.status, r.error_code, r.latency_us, r.request_sha256, r.response_sha256,
    decode(r.subject_hmac, 'hex'), r.subject_key_id, t.e
  FROM unnest($1::text[]) WITH ORDINALITY AS t(e, ord)
  CROSS JOIN LATERAL json_to_record(t.e::json) AS r("time" timestamptz, request_id text, hub_instance text, consumer text,
    service text, method text, purpose text, grant_id uuid, status smallint, error_code text, latency_us integer,
    request_sha256 text, response_sha256 text, subject_hmac text, subject_key_id text)
), q AS (
  INSERT INTO grant_quota_usage (grant_id, window_start, used)
  SELECT u.g, u.w, u.n FROM unnest($2::uuid[], $3::timestamptz[], $4::integer[]) AS u(g, w, n)
  WHERE (SELECT base FROM s) IS NOT NULL
  ON CONFLICT (grant_id, window_start) DO UPDATE SET used = grant_quota_usage.used + excluded.used
  RETURNING grant_id::text AS grant_id, (extract(epoch FROM window_start) * 1000)::int8 AS window_ms, used
)
SELECT (SELECT base FROM s) AS base, q.grant_id, q.window_ms, q.used FROM (SELECT 1) AS one LEFT JOIN q ON true`;

interface Row {
  base: number;
  grant_id: string | null;
  window_ms: number | null;
  used: number | null;
}

export interface AppendOptions {
  /** Prepare the statement once per connection (default). False only for the benchmark's baseline. */
  readonly prepared?: boolean;
  /** Entries per log partition, used when no partition covers the batch yet (default {@link DEFAULT_LOG_PARTITION_SIZE}). */
  readonly partitionSize?: number;
}

/**
 * Append canonical entries (RFC 8785 text) and quota deltas atomically. `deltas` must hold at
 * most one element per (grant, window): an upsert may not touch one row twice in a statement.
 */
export async function appendEntries(db: Queryable, entries: readonly string[], deltas: readonly QuotaDelta[] = [], options: AppendOptions = {}): Promise<AppendResult> {
  const append = (): Promise<{ rows: Row[] }> => db.query<Row>(
    APPEND_SQL,
    [entries, deltas.map((d) => d.grantId), deltas.map((d) => new Date(d.windowStartMs).toISOString()), deltas.map((d) => d.count)],
    // The hottest statement in NDXP: prepared once per connection (bench/hub.md measures both).
    options.prepared === false ? {} : { name: 'ndxp_audit_append' },
  );
  let rows: Row[];
  try {
    ({ rows } = await append());
  } catch (error) {
    // The log has outgrown its partitions (a new database, or the writer's look-ahead fell behind):
    // the statement rolled back whole, so make the partition and write the batch again, once.
    if (!isMissingPartition(error)) throw error;
    const size = options.partitionSize ?? DEFAULT_LOG_PARTITION_SIZE;
    await ensureLogPartitions(db, size, entries.length + size);
    ({ rows } = await append());
  }
  const first = rows[0];
  if (first === undefined) throw new Error('audit_log_state row is missing');
  const quota: QuotaTotal[] = [];
  for (const r of rows) {
    if (r.grant_id !== null && r.window_ms !== null && r.used !== null) quota.push({ grantId: r.grant_id, windowStartMs: Number(r.window_ms), used: r.used });
  }
  return { firstSeq: Number(first.base), quota };
}
