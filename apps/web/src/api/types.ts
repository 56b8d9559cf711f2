import type { planItemDetail, planOverview } from '@ndxp/hub/plan/plan-view';
import type { ItemStatus, ScheduleStatus } from '@ndxp/hub/plan/plan-types';
import type { AuditEntry } from '@ndxp/hub/audit/audit-entry';
import type { Static } from 'typebox';
import type { CheckpointsResponse, ConsistencyResponse, EntriesResponse, InclusionResponse, KeysResponse } from '@ndxp/hub/log/log-schemas';

/**
 * The shapes the console reads, taken from the hub's own view types (type-only imports, erased
 * from the bundle). If the hub changes a view, the console stops type-checking instead of
 * silently showing the wrong thing.
 */
export type { UserView } from '@ndxp/hub/control/users/user-view';
export type { MemberView } from '@ndxp/hub/control/members/member-view';
export type { SubsystemView } from '@ndxp/hub/control/subsystems/subsystem-view';
export type { KeyView, KeyState } from '@ndxp/hub/control/keys/key-view';
export type { ServiceView, DataClass, ServiceStatus } from '@ndxp/hub/control/services/service-view';
export type { GrantView, GrantEventView } from '@ndxp/hub/control/grants/grant-view';
export type { GrantDetail, FieldDiff } from '@ndxp/hub/control/grants/get-grant';
export type { GrantState, GrantAction, GrantEventAction } from '@ndxp/hub/control/grants/grant-transitions';

/** A page of a list endpoint. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

export type { ItemStatus, ScheduleStatus };
/** `GET /api/v1/plan`. */
export type PlanOverview = Awaited<ReturnType<typeof planOverview>>;
export type PlanItemView = PlanOverview['items'][number];
/** `GET /api/v1/plan/:id`. */
export type PlanItemDetail = Awaited<ReturnType<typeof planItemDetail>>;

/** `GET /api/v1/audit`: the tail of the audit log (operators). */
export interface AuditTail {
  readonly items: { readonly seq: number; readonly entry: AuditEntryView }[];
  readonly next_after_seq: number;
  readonly log_size: number;
}
export type AuditEntryView = AuditEntry;

/** Transparency log (`/log/v1`, public). */
export type LogCheckpoints = Static<typeof CheckpointsResponse>;
export type LogCheckpointItem = LogCheckpoints['items'][number];
export type LogKeys = Static<typeof KeysResponse>;
export type LogInclusion = Static<typeof InclusionResponse>;
export type LogConsistency = Static<typeof ConsistencyResponse>;
export type LogEntries = Static<typeof EntriesResponse>;
