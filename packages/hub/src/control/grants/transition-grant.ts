import { NdxpError } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import type { Principal } from '../principal.ts';
import { isoAt } from '../timestamps.ts';
import { mayPerformGrantAction, maySeeGrant, nextGrantState, type GrantAction } from './grant-transitions.ts';
import { GRANT_COLUMNS, toGrantView, type GrantRow, type GrantView } from './grant-view.ts';
import { recordGrantEvent } from './record-grant-event.ts';

/**
 * Move a grant through its lifecycle (approve, reject, activate, revoke). The row is locked, the
 * role and the state are checked, and the new state and its history entry are written in one
 * transaction: two operators acting at once cannot both succeed from the same state.
 */
export async function transitionGrant(db: Db, actor: Principal, grantId: string, action: GrantAction, note: string | null, nowMs: number): Promise<GrantView> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<GrantRow>(`SELECT ${GRANT_COLUMNS} FROM grants WHERE id = $1 FOR UPDATE`, [grantId]);
    const row = rows[0];
    // A grant the actor may not see is reported as absent: its existence is not theirs to learn.
    const grant = row === undefined ? undefined : toGrantView(row);
    const parties = grant === undefined ? undefined : { consumerMember: grant.consumer_member, providerMember: grant.provider_member };
    if (grant === undefined || parties === undefined || !maySeeGrant(actor, parties)) throw new NdxpError('GRANT_NOT_FOUND', { detail: `no grant ${grantId}` });
    if (!mayPerformGrantAction(actor, action, parties)) {
      throw new NdxpError('ROLE_FORBIDDEN', { detail: `a ${actor.role}${actor.member === null ? '' : ` of ${actor.member}`} may not ${action} this grant` });
    }
    const next = nextGrantState(grant.state, action);
    if (next === undefined) throw new NdxpError('GRANT_STATE_CONFLICT', { detail: `cannot ${action} a grant that is ${grant.state}`, extensions: { state: grant.state } });
    if (action === 'activate' && Date.parse(grant.valid_until) <= nowMs) {
      throw new NdxpError('GRANT_STATE_CONFLICT', { detail: `the grant's validity window ended at ${grant.valid_until}`, extensions: { state: grant.state } });
    }
    const updated = await tx.query<GrantRow>(`UPDATE grants SET state = $2, updated_at = $3 WHERE id = $1 RETURNING ${GRANT_COLUMNS}`, [grantId, next, isoAt(nowMs)]);
    await recordGrantEvent(tx, grantId, action, actor, note, nowMs);
    return toGrantView(updated.rows[0]!);
  });
}
