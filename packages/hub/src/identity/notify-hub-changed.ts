import type { Queryable } from '@ndxp/db';

/** The channel every hub process LISTENs on to refresh its in-memory state. */
export const HUB_CHANGED_CHANNEL = 'ndxp_hub_changed';

/** Tables whose changes invalidate the hub's in-memory state (the payload of the notification). */
export type HubChangedTable = 'members' | 'subsystems' | 'subsystem_keys' | 'hub_signing_keys' | 'services' | 'grants' | 'users';

/**
 * Announce a control-plane change. Called inside the writing transaction: PostgreSQL delivers a
 * NOTIFY only when (and if) that transaction commits, so a rolled-back write never invalidates
 * caches and a committed one always does.
 */
export async function notifyHubChanged(tx: Queryable, table: HubChangedTable): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [HUB_CHANGED_CHANNEL, table]);
}
