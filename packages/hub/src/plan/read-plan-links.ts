import type { Queryable } from '@ndxp/db';
import type { LinkRole, PlanLink } from './plan-types.ts';

/** A stored link with its live connectivity, as the API shows it. */
export interface PlanLinkRow extends PlanLink {
  readonly note: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
}

/**
 * The links of one item (or all items), each with whether it is connected now: the service is
 * active, both subsystems are active, and an `active` grant for the pair is inside its validity
 * window at `nowMs`. Read from the tables, not the data plane's cache: this is the operator's
 * view, not the hot path.
 */
export async function readPlanLinks(db: Queryable, nowMs: number, itemId?: string): Promise<PlanLinkRow[]> {
  const { rows } = await db.query<{
    item_id: string; role: LinkRole; service_id: string; consumer_id: string; note: string | null; created_by: string; created_at: Date | string;
    service_active: boolean; grant_active: boolean;
  }>(
    `SELECT l.item_id, l.role, l.service_id, l.consumer_id, l.note, l.created_by, l.created_at,
            (s.status = 'active' AND p.status = 'active') AS service_active,
            (c.status = 'active' AND EXISTS (
               SELECT 1 FROM grants g
                WHERE g.consumer_id = l.consumer_id AND g.service_id = l.service_id AND g.state = 'active'
                  AND g.valid_from <= $1 AND g.valid_until > $1)) AS grant_active
       FROM plan_links l
       JOIN services s ON s.id = l.service_id
       JOIN subsystems p ON p.id = s.subsystem_id
       JOIN subsystems c ON c.id = l.consumer_id
      WHERE ($2::text IS NULL OR l.item_id = $2)
      ORDER BY l.item_id, l.role, l.service_id, l.consumer_id`,
    [new Date(nowMs), itemId ?? null],
  );
  return rows.map((r) => ({
    itemId: r.item_id,
    role: r.role,
    serviceId: r.service_id,
    consumerId: r.consumer_id,
    serviceActive: r.service_active,
    grantActive: r.grant_active,
    note: r.note,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
