import { NdxpError } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { requiredRoles } from './compute-item-status.ts';
import type { ActionPlan } from './load-action-plan.ts';
import type { LinkRole } from './plan-types.ts';

export interface LinkChange {
  readonly role: LinkRole;
  readonly service_id: string;
  readonly consumer_id: string;
  readonly note?: string;
}

function itemOf(plan: ActionPlan, itemId: string) {
  const item = plan.items.find((i) => i.id === itemId);
  if (item === undefined) throw new NdxpError('PLAN_ITEM_NOT_FOUND', { detail: `no item ${itemId} in the action plan` });
  return item;
}

/**
 * Link a (consumer subsystem, service) pair to a plan item. Idempotent: linking again changes
 * nothing and reports `created: false`. Only items measured by traffic take links, and only in
 * the directions they need.
 */
export async function addPlanLink(db: Db, plan: ActionPlan, itemId: string, change: LinkChange, actor: string): Promise<{ created: boolean }> {
  const item = itemOf(plan, itemId);
  const roles = requiredRoles(item);
  if (!roles.includes(change.role)) {
    throw new NdxpError('VALIDATION_FAILED', {
      detail: roles.length === 0 ? `item ${itemId} is not measured by traffic: it takes no links` : `item ${itemId} takes links with role ${roles.join(' or ')}`,
      errors: [{ in: 'body', pointer: '/role', message: 'role not applicable to this item' }],
    });
  }
  return db.transaction(async (tx) => {
    const service = await tx.query('SELECT 1 FROM services WHERE id = $1', [change.service_id]);
    if (service.rows.length === 0) throw new NdxpError('SERVICE_NOT_FOUND', { detail: `no service ${change.service_id}` });
    const consumer = await tx.query('SELECT 1 FROM subsystems WHERE id = $1', [change.consumer_id]);
    if (consumer.rows.length === 0) throw new NdxpError('SUBSYSTEM_NOT_FOUND', { detail: `no subsystem ${change.consumer_id}` });
    const res = await tx.query(
      `INSERT INTO plan_links (item_id, role, service_id, consumer_id, note, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [itemId, change.role, change.service_id, change.consumer_id, change.note ?? null, actor],
    );
    return { created: res.rowCount > 0 };
  });
}

/** Remove a link; PLAN_LINK_NOT_FOUND when there was none. */
export async function removePlanLink(db: Db, plan: ActionPlan, itemId: string, change: Omit<LinkChange, 'note'>): Promise<void> {
  itemOf(plan, itemId);
  const res = await db.query('DELETE FROM plan_links WHERE item_id = $1 AND role = $2 AND service_id = $3 AND consumer_id = $4', [itemId, change.role, change.service_id, change.consumer_id]);
  if (res.rowCount === 0) throw new NdxpError('PLAN_LINK_NOT_FOUND', { detail: `item ${itemId} has no such link` });
}
