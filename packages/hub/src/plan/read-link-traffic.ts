import type { Queryable } from '@ndxp/db';
import type { LinkRole, LinkTraffic } from './plan-types.ts';

/** The (consumer, service) pairs to measure. */
export interface TrafficPair {
  readonly consumerId: string;
  readonly serviceId: string;
}

const msOf = (v: Date | string | null): number | null => (v === null ? null : new Date(v).getTime());

/**
 * Exchanges per linked pair from the audit log: counts by outcome in [fromMs, toMs], and the
 * first 2xx exchange up to `toMs` (all time, for the schedule). The first-success lookup walks the
 * (service_id, at) index from the oldest entry and stops at the first match.
 */
export async function readLinkTraffic(db: Queryable, pairs: readonly TrafficPair[], fromMs: number, toMs: number): Promise<LinkTraffic[]> {
  if (pairs.length === 0) return [];
  const { rows } = await db.query<{ consumer_id: string; service_id: string; ok: number; client_errors: number; server_errors: number; first_ok: Date | string | null }>(
    `SELECT p.consumer_id, p.service_id, w.ok, w.client_errors, w.server_errors, f.at AS first_ok
       FROM (SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) AS x(consumer_id, service_id)) AS p
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE a.status BETWEEN 200 AND 299)::int8 AS ok,
               count(*) FILTER (WHERE a.status BETWEEN 400 AND 499)::int8 AS client_errors,
               count(*) FILTER (WHERE a.status >= 500)::int8 AS server_errors
          FROM audit_log a
         WHERE a.service_id = p.service_id AND a.consumer_id = p.consumer_id AND a.at >= $3 AND a.at <= $4) AS w
       LEFT JOIN LATERAL (
        SELECT a.at FROM audit_log a
         WHERE a.service_id = p.service_id AND a.consumer_id = p.consumer_id AND a.status BETWEEN 200 AND 299 AND a.at <= $4
         ORDER BY a.at LIMIT 1) AS f ON true`,
    [pairs.map((p) => p.consumerId), pairs.map((p) => p.serviceId), new Date(fromMs), new Date(toMs)],
  );
  return rows.map((r) => ({ consumerId: r.consumer_id, serviceId: r.service_id, ok: r.ok, clientErrors: r.client_errors, serverErrors: r.server_errors, firstOkAtMs: msOf(r.first_ok) }));
}

/** One day (Vietnam time) of one direction of an item. */
export interface DailyFigure {
  /** `YYYY-MM-DD`, calendar day in Vietnam (UTC+7). */
  readonly day: string;
  readonly role: LinkRole;
  readonly ok: number;
  readonly clientErrors: number;
  readonly serverErrors: number;
}

/** Exchanges of an item's links per day and direction in [fromMs, toMs]. */
export async function readDailyFigures(db: Queryable, itemId: string, fromMs: number, toMs: number): Promise<DailyFigure[]> {
  const { rows } = await db.query<{ day: string; role: LinkRole; ok: number; client_errors: number; server_errors: number }>(
    `SELECT ((a.at AT TIME ZONE 'UTC') + interval '7 hours')::date AS day, l.role,
            count(*) FILTER (WHERE a.status BETWEEN 200 AND 299)::int8 AS ok,
            count(*) FILTER (WHERE a.status BETWEEN 400 AND 499)::int8 AS client_errors,
            count(*) FILTER (WHERE a.status >= 500)::int8 AS server_errors
       FROM plan_links l
       JOIN audit_log a ON a.service_id = l.service_id AND a.consumer_id = l.consumer_id
      WHERE l.item_id = $1 AND a.at >= $2 AND a.at <= $3
      GROUP BY 1, 2
      ORDER BY 1, 2`,
    [itemId, new Date(fromMs), new Date(toMs)],
  );
  return rows.map((r) => ({ day: r.day, role: r.role, ok: r.ok, clientErrors: r.client_errors, serverErrors: r.server_errors }));
}
