import type { Queryable } from '@ndxp/db';
import { notifyHubChanged } from '../../identity/notify-hub-changed.ts';
import type { Principal } from '../principal.ts';
import { isoAt } from '../timestamps.ts';
import type { GrantEventAction } from './grant-transitions.ts';

/**
 * Record who did what to a grant and when, and announce the change. Called inside the transaction
 * that changes the grant, so the history can never disagree with the state.
 */
export async function recordGrantEvent(tx: Queryable, grantId: string, action: GrantEventAction, actor: Principal, note: string | null, nowMs: number): Promise<void> {
  await tx.query(
    'INSERT INTO grant_events (grant_id, action, actor, actor_role, note, at) VALUES ($1, $2, $3, $4, $5, $6)',
    [grantId, action, actor.username, actor.role, note, isoAt(nowMs)],
  );
  await notifyHubChanged(tx, 'grants');
}
