import { NdxpError } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import { SUBSYSTEM_COLUMNS, toSubsystemView, type SubsystemRow, type SubsystemView } from './subsystem-view.ts';

/** One subsystem, or `SUBSYSTEM_NOT_FOUND`. */
export async function getSubsystem(db: Queryable, id: string): Promise<SubsystemView> {
  const { rows } = await db.query<SubsystemRow>(`SELECT ${SUBSYSTEM_COLUMNS} FROM subsystems WHERE id = $1`, [id]);
  const row = rows[0];
  if (row === undefined) throw new NdxpError('SUBSYSTEM_NOT_FOUND', { detail: `no subsystem ${id}` });
  return toSubsystemView(row);
}
