import { NdxpError } from '@ndxp/core';
import { isUniqueViolation, type Db } from '@ndxp/db';
import { notifyHubChanged } from '../../identity/notify-hub-changed.ts';
import { isoAt } from '../timestamps.ts';
import { MEMBER_SELECT, toMemberView, type MemberRow, type MemberView } from './member-view.ts';

export interface NewMember {
  readonly code: string;
  readonly name: string;
  readonly name_en?: string | undefined;
}

/** Register a member (an agency, identified by its electronic identifier code). */
export async function createMember(db: Db, input: NewMember, nowMs: number): Promise<MemberView> {
  try {
    return await db.transaction(async (tx) => {
      const inserted = await tx.query(
        'INSERT INTO members (code, name, name_en, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING RETURNING code',
        [input.code, input.name, input.name_en ?? null, isoAt(nowMs)],
      );
      if (inserted.rows.length === 0) throw new NdxpError('MEMBER_EXISTS', { detail: `member ${input.code} already exists` });
      await notifyHubChanged(tx, 'members');
      const { rows } = await tx.query<MemberRow>(`${MEMBER_SELECT} WHERE m.code = $1`, [input.code]);
      return toMemberView(rows[0]!);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new NdxpError('MEMBER_EXISTS', { detail: `member ${input.code} already exists` });
    throw error;
  }
}
