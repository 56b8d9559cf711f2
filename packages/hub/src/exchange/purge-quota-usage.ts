import type { Queryable } from '@ndxp/db';

/**
 * Delete shared quota counters of windows that ended before `beforeMs`. Only the current
 * window's counter is ever consulted; older rows are kept a while (see start-exchange.ts) for
 * operators looking at recent usage, then removed so the table stays small.
 */
export async function purgeQuotaUsage(db: Queryable, beforeMs: number): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM grant_quota_usage WHERE window_start < $1', [new Date(beforeMs).toISOString()]);
  return rowCount;
}
