import type { Queryable } from '@ndxp/db';
import type { Principal } from '../principal.ts';
import type { GrantState } from './grant-transitions.ts';
import { GRANT_COLUMNS, toGrantView, type GrantRow, type GrantView } from './grant-view.ts';

export interface GrantQuery {
  readonly state?: GrantState | undefined;
  readonly consumer?: string | undefined;
  readonly service?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/**
 * Grants visible to the principal (operators: all; admins: those whose consumer or service
 * belongs to their member), newest first.
 */
export async function listGrants(db: Queryable, actor: Principal, query: GrantQuery): Promise<{ items: GrantView[]; total: number }> {
  const scope = actor.role === 'operator' ? null : actor.member;
  const { rows } = await db.query<GrantRow & { total: number }>(
    `SELECT ${GRANT_COLUMNS}, count(*) OVER ()::int8 AS total FROM grants g
     WHERE ($1::text IS NULL OR split_part(g.consumer_id, '/', 1) = $1 OR split_part(g.service_id, '/', 1) = $1)
       AND ($2::text IS NULL OR g.state = $2)
       AND ($3::text IS NULL OR g.consumer_id = $3)
       AND ($4::text IS NULL OR g.service_id = $4)
     ORDER BY g.created_at DESC, g.id LIMIT $5 OFFSET $6`,
    [scope, query.state ?? null, query.consumer ?? null, query.service ?? null, query.limit, query.offset],
  );
  return { items: rows.map(toGrantView), total: Number(rows[0]?.total ?? 0) };
}
