import { NdxpError } from '@ndxp/core';
import { isUniqueViolation, type Db } from '@ndxp/db';
import { hashPassword } from '../../identity/password-hash.ts';
import type { UserRole } from '../../identity/issue-session-token.ts';
import { notifyHubChanged } from '../../identity/notify-hub-changed.ts';
import { isoAt } from '../timestamps.ts';
import { toUserView, USER_COLUMNS, type UserRow, type UserView } from './user-view.ts';

export interface NewUser {
  readonly username: string;
  readonly display_name: string;
  readonly role: UserRole;
  readonly member_code?: string | null | undefined;
  readonly password: string;
}

/**
 * Create a control-plane user. Operators act for the whole hub and have no member; provider and
 * consumer admins act for exactly one existing member.
 */
export async function createUser(db: Db, input: NewUser, options: { readonly scryptLogN: number; readonly nowMs: number }): Promise<UserView> {
  const member = input.member_code ?? null;
  if ((input.role === 'operator') !== (member === null)) {
    throw new NdxpError('VALIDATION_FAILED', {
      detail: input.role === 'operator' ? 'an operator has no member_code' : `a ${input.role} needs a member_code`,
      errors: [{ in: 'body', pointer: '/member_code', message: input.role === 'operator' ? 'must be absent for operator' : 'required for this role' }],
    });
  }
  // Hash before the transaction: scrypt is slow and must not hold a database connection.
  const hash = await hashPassword(input.password, options.scryptLogN);
  try {
    return await db.transaction(async (tx) => {
      if (member !== null) {
        const m = await tx.query('SELECT 1 FROM members WHERE code = $1', [member]);
        if (m.rows.length === 0) throw new NdxpError('MEMBER_NOT_FOUND', { detail: `no member ${member}` });
      }
      const { rows } = await tx.query<UserRow>(
        `INSERT INTO users (username, display_name, role, member_code, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (username) DO NOTHING RETURNING ${USER_COLUMNS}`,
        [input.username, input.display_name, input.role, member, hash, isoAt(options.nowMs)],
      );
      const row = rows[0];
      if (row === undefined) throw new NdxpError('USER_EXISTS', { detail: `user ${input.username} already exists` });
      await notifyHubChanged(tx, 'users');
      return toUserView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new NdxpError('USER_EXISTS', { detail: `user ${input.username} already exists` });
    throw error;
  }
}
