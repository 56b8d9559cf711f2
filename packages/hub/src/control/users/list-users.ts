import type { Queryable } from '@ndxp/db';
import { toUserView, USER_COLUMNS, type UserRow, type UserView } from './user-view.ts';

/** Every control-plane user, optionally of one member, by username. */
export async function listUsers(db: Queryable, member?: string): Promise<UserView[]> {
  const { rows } = member === undefined
    ? await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`)
    : await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE member_code = $1 ORDER BY username`, [member]);
  return rows.map(toUserView);
}
