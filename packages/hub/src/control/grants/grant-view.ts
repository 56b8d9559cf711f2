import { toIso } from '../timestamps.ts';
import type { GrantEventAction, GrantState } from './grant-transitions.ts';

/** A grant as the API shows it. */
export interface GrantView {
  readonly id: string;
  readonly consumer_id: string;
  readonly consumer_member: string;
  readonly service_id: string;
  readonly provider_member: string;
  readonly fields: string[];
  readonly purposes: string[];
  readonly legal_basis: string;
  readonly valid_from: string;
  readonly valid_until: string;
  readonly quota_per_minute: number;
  readonly state: GrantState;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface GrantEventView {
  readonly action: GrantEventAction;
  readonly actor: string;
  readonly actor_role: string;
  readonly note: string | null;
  readonly at: string;
}

export interface GrantRow {
  id: string;
  consumer_id: string;
  service_id: string;
  fields: string[];
  purposes: string[];
  legal_basis: string;
  valid_from: Date | string;
  valid_until: Date | string;
  quota_per_minute: number;
  state: GrantState;
  created_at: Date | string;
  updated_at: Date | string;
}

export const GRANT_COLUMNS = 'id::text AS id, consumer_id, service_id, fields, purposes, legal_basis, valid_from, valid_until, quota_per_minute, state, created_at, updated_at';

const memberOf = (id: string): string => id.slice(0, id.indexOf('/'));

export const toGrantView = (r: GrantRow): GrantView => ({
  id: r.id,
  consumer_id: r.consumer_id,
  consumer_member: memberOf(r.consumer_id),
  service_id: r.service_id,
  provider_member: memberOf(r.service_id),
  fields: r.fields,
  purposes: r.purposes,
  legal_basis: r.legal_basis,
  valid_from: toIso(r.valid_from),
  valid_until: toIso(r.valid_until),
  quota_per_minute: r.quota_per_minute,
  state: r.state,
  created_at: toIso(r.created_at),
  updated_at: toIso(r.updated_at),
});
