import { NdxpError } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import { MEMBER_SELECT, toMemberView, type MemberRow, type MemberView } from './member-view.ts';

/** One member, or `MEMBER_NOT_FOUND`. */
export async function getMember(db: Queryable, code: string): Promise<MemberView> {
  const { rows } = await db.query<MemberRow>(`${MEMBER_SELECT} WHERE m.code = $1`, [code]);
  const row = rows[0];
  if (row === undefined) throw new NdxpError('MEMBER_NOT_FOUND', { detail: `no member ${code}` });
  return toMemberView(row);
}
