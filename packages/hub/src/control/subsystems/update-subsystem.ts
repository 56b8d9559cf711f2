import { NdxpError } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { notifyHubChanged } from '../../identity/notify-hub-changed.ts';
import { SUBSYSTEM_COLUMNS, toSubsystemView, type SubsystemRow, type SubsystemView } from './subsystem-view.ts';
import { validateBaseUrl } from './validate-base-url.ts';

export interface SubsystemChanges {
  readonly name?: string | undefined;
  /** A new base URL, or null to stop providing. */
  readonly base_url?: string | null | undefined;
  /** `disabled` stops the subsystem from obtaining tokens and from being called. */
  readonly status?: 'active' | 'disabled' | undefined;
}

/** Change a subsystem's name, base URL or status. */
export async function updateSubsystem(db: Db, id: string, changes: SubsystemChanges): Promise<SubsystemView> {
  const baseUrl = changes.base_url === undefined || changes.base_url === null ? changes.base_url : validateBaseUrl(changes.base_url);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<SubsystemRow>(
      `UPDATE subsystems SET
         name = COALESCE($2, name),
         base_url = CASE WHEN $3::boolean THEN $4 ELSE base_url END,
         status = COALESCE($5, status)
       WHERE id = $1 RETURNING ${SUBSYSTEM_COLUMNS}`,
      [id, changes.name ?? null, baseUrl !== undefined, baseUrl ?? null, changes.status ?? null],
    );
    const row = rows[0];
    if (row === undefined) throw new NdxpError('SUBSYSTEM_NOT_FOUND', { detail: `no subsystem ${id}` });
    await notifyHubChanged(tx, 'subsystems');
    return toSubsystemView(row);
  });
}
