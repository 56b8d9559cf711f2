import type { Queryable } from '@ndxp/db';
import { SUBSYSTEM_COLUMNS, toSubsystemView, type SubsystemRow, type SubsystemView } from './subsystem-view.ts';

/** Subsystems, optionally of one member, by id. */
export async function listSubsystems(db: Queryable, member?: string): Promise<SubsystemView[]> {
  const { rows } = member === undefined
    ? await db.query<SubsystemRow>(`SELECT ${SUBSYSTEM_COLUMNS} FROM subsystems ORDER BY id`)
    : await db.query<SubsystemRow>(`SELECT ${SUBSYSTEM_COLUMNS} FROM subsystems WHERE member_code = $1 ORDER BY id`, [member]);
  return rows.map(toSubsystemView);
}
