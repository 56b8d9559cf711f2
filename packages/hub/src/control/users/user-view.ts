import type { UserRole } from '../../identity/issue-session-token.ts';
import { toIso } from '../timestamps.ts';

/** A user as the API shows it (never the password hash). */
export interface UserView {
  readonly username: string;
  readonly display_name: string;
  readonly role: UserRole;
  readonly member_code: string | null;
  readonly created_at: string;
}

export interface UserRow {
  username: string;
  display_name: string;
  role: UserRole;
  member_code: string | null;
  created_at: Date | string;
}

export const USER_COLUMNS = 'username, display_name, role, member_code, created_at';

export const toUserView = (r: UserRow): UserView => ({ username: r.username, display_name: r.display_name, role: r.role, member_code: r.member_code, created_at: toIso(r.created_at) });
