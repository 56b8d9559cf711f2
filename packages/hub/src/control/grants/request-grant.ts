import { randomUUID } from 'node:crypto';
import { NdxpError } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { memberOf } from '../ids.ts';
import { requireOperatorOrMember, type Principal } from '../principal.ts';
import { validateFieldPointers } from '../services/validate-fields.ts';
import { isoAt } from '../timestamps.ts';
import { GRANT_COLUMNS, toGrantView, type GrantRow, type GrantView } from './grant-view.ts';
import { recordGrantEvent } from './record-grant-event.ts';

export interface GrantRequest {
  readonly consumer_id: string;
  readonly service_id: string;
  /** JSON pointers, a subset of the service's fields (data minimisation: ask only for what you need). */
  readonly fields: readonly string[];
  readonly purposes: readonly string[];
  readonly legal_basis: string;
  /** Start of validity (default: now). */
  readonly valid_from?: string | undefined;
  readonly valid_until: string;
  readonly quota_per_minute: number;
}

const invalid = (pointer: string, message: string): NdxpError => new NdxpError('VALIDATION_FAILED', { detail: `${pointer}: ${message}`, errors: [{ in: 'body', pointer, message }] });

/**
 * Request access for a consumer subsystem to a service. Consumer admins request for their own
 * member's subsystems; operators for anyone. The grant starts in `requested`.
 */
export async function requestGrant(db: Db, actor: Principal, input: GrantRequest, nowMs: number): Promise<GrantView> {
  requireOperatorOrMember(actor, memberOf(input.consumer_id), ['consumer_admin']);
  validateFieldPointers(input.fields);
  if (new Set(input.purposes).size !== input.purposes.length) throw invalid('/purposes', 'purposes must be distinct');
  const validFrom = input.valid_from === undefined ? nowMs : Date.parse(input.valid_from);
  const validUntil = Date.parse(input.valid_until);
  if (validUntil <= validFrom) throw invalid('/valid_until', 'must be later than valid_from');
  if (validUntil <= nowMs) throw invalid('/valid_until', 'must be in the future');
  return db.transaction(async (tx) => {
    const consumer = await tx.query<{ status: string }>('SELECT status FROM subsystems WHERE id = $1', [input.consumer_id]);
    if (consumer.rows[0] === undefined) throw new NdxpError('SUBSYSTEM_NOT_FOUND', { detail: `no subsystem ${input.consumer_id}` });
    if (consumer.rows[0].status !== 'active') throw invalid('/consumer_id', `subsystem ${input.consumer_id} is disabled`);
    const service = await tx.query<{ fields: string[]; status: string }>('SELECT fields, status FROM services WHERE id = $1', [input.service_id]);
    const svc = service.rows[0];
    if (svc === undefined) throw new NdxpError('SERVICE_NOT_FOUND', { detail: `no service ${input.service_id}` });
    if (svc.status !== 'active') throw invalid('/service_id', `service ${input.service_id} is ${svc.status}; request access to an active version`);
    const offered = new Set(svc.fields);
    const unknown = input.fields.map((f, i) => ({ f, i })).filter(({ f }) => !offered.has(f));
    if (unknown.length > 0) {
      throw new NdxpError('FIELD_UNKNOWN', {
        detail: `the service does not offer ${unknown.map((u) => u.f).join(', ')}`,
        errors: unknown.map((u) => ({ in: 'body' as const, pointer: `/fields/${u.i}`, message: `${u.f} is not a field of ${input.service_id}` })),
      });
    }
    const id = randomUUID();
    const { rows } = await tx.query<GrantRow>(
      `INSERT INTO grants (id, consumer_id, service_id, fields, purposes, legal_basis, valid_from, valid_until, quota_per_minute, state, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'requested', $10, $10) RETURNING ${GRANT_COLUMNS}`,
      [id, input.consumer_id, input.service_id, [...input.fields], [...input.purposes], input.legal_basis, isoAt(validFrom), isoAt(validUntil), input.quota_per_minute, isoAt(nowMs)],
    );
    await recordGrantEvent(tx, id, 'request', actor, null, nowMs);
    return toGrantView(rows[0]!);
  });
}
