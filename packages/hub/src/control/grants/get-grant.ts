import { NdxpError } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import type { Principal } from '../principal.ts';
import { toIso } from '../timestamps.ts';
import { maySeeGrant, type GrantEventAction } from './grant-transitions.ts';
import { GRANT_COLUMNS, toGrantView, type GrantEventView, type GrantRow, type GrantView } from './grant-view.ts';

/** How the granted fields compare with what the service offers. */
export interface FieldDiff {
  readonly service_fields: string[];
  /** Offered and granted. */
  readonly granted: string[];
  /** Offered but not granted (what data minimisation left out). */
  readonly not_granted: string[];
}

export interface GrantDetail extends GrantView {
  readonly events: GrantEventView[];
  readonly field_diff: FieldDiff;
}

/** One grant with its full history and field comparison, if the principal may see it. */
export async function getGrant(db: Queryable, actor: Principal, grantId: string): Promise<GrantDetail> {
  const { rows } = await db.query<GrantRow & { service_fields: string[] }>(
    `SELECT ${GRANT_COLUMNS.split(', ').map((c) => `g.${c}`).join(', ')}, s.fields AS service_fields
     FROM grants g JOIN services s ON s.id = g.service_id WHERE g.id = $1`,
    [grantId],
  );
  const row = rows[0];
  const grant = row === undefined ? undefined : toGrantView(row);
  if (row === undefined || grant === undefined || !maySeeGrant(actor, { consumerMember: grant.consumer_member, providerMember: grant.provider_member })) {
    throw new NdxpError('GRANT_NOT_FOUND', { detail: `no grant ${grantId}` });
  }
  const events = await db.query<{ action: GrantEventAction; actor: string; actor_role: string; note: string | null; at: Date | string }>(
    'SELECT action, actor, actor_role, note, at FROM grant_events WHERE grant_id = $1 ORDER BY id',
    [grantId],
  );
  const granted = new Set(grant.fields);
  return {
    ...grant,
    events: events.rows.map((e) => ({ action: e.action, actor: e.actor, actor_role: e.actor_role, note: e.note, at: toIso(e.at) })),
    field_diff: {
      service_fields: row.service_fields,
      granted: row.service_fields.filter((f) => granted.has(f)),
      not_granted: row.service_fields.filter((f) => !granted.has(f)),
    },
  };
}
