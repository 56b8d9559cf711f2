import { unsafeBrand, type GrantId, type ServiceId, type SubsystemId } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import type { CachedGrant, GrantState } from './types.ts';

interface Row {
  id: string;
  consumer_id: string;
  service_id: string;
  fields: string[];
  purposes: string[];
  legal_basis: string;
  valid_from_ms: number;
  valid_until_ms: number;
  quota_per_minute: number;
  state: GrantState;
}

/** Key of the consumer × service index. NUL cannot occur in either id. */
export const grantKey = (consumerId: string, serviceId: string): string => `${consumerId}\u0000${serviceId}`;

/**
 * Every grant, indexed by consumer × service (several grants can exist for one pair, e.g. a
 * revoked one and its active successor; the data plane picks among them).
 */
export async function loadGrants(db: Queryable): Promise<Map<string, CachedGrant[]>> {
  const { rows } = await db.query<Row>(`SELECT id::text AS id, consumer_id, service_id, fields, purposes, legal_basis,
      (extract(epoch FROM valid_from) * 1000)::int8 AS valid_from_ms,
      (extract(epoch FROM valid_until) * 1000)::int8 AS valid_until_ms,
      quota_per_minute, state
    FROM grants ORDER BY created_at, id`);
  const out = new Map<string, CachedGrant[]>();
  for (const r of rows) {
    const grant: CachedGrant = {
      id: unsafeBrand<'GrantId'>(r.id) as GrantId,
      consumerId: unsafeBrand<'SubsystemId'>(r.consumer_id) as SubsystemId,
      serviceId: unsafeBrand<'ServiceId'>(r.service_id) as ServiceId,
      fields: r.fields,
      purposes: new Set(r.purposes),
      legalBasis: r.legal_basis,
      validFromMs: Number(r.valid_from_ms),
      validUntilMs: Number(r.valid_until_ms),
      quotaPerMinute: r.quota_per_minute,
      state: r.state,
    };
    const key = grantKey(r.consumer_id, r.service_id);
    const list = out.get(key);
    if (list === undefined) out.set(key, [grant]);
    else list.push(grant);
  }
  return out;
}
