import type { Queryable } from '@ndxp/db';
import { MEMBER_SELECT, toMemberView, type MemberRow, type MemberView } from './member-view.ts';

/** Every member, by code. */
export async function listMembers(db: Queryable): Promise<MemberView[]> {
  const { rows } = await db.query<MemberRow>(`${MEMBER_SELECT} ORDER BY m.code`);
  return rows.map(toMemberView);
}
