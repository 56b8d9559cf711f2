import { NdxpError, type MemberCode } from '@ndxp/core';
import type { UserRole } from '../identity/issue-session-token.ts';

/** The authenticated control-plane user a request acts for. */
export interface Principal {
  readonly username: string;
  readonly role: UserRole;
  /** The member a provider or consumer admin acts for; null for operators. */
  readonly member: MemberCode | null;
}

/** Refuse unless the principal has one of `roles`. */
export function requireRole(principal: Principal, ...roles: readonly UserRole[]): void {
  if (!roles.includes(principal.role)) {
    throw new NdxpError('ROLE_FORBIDDEN', { detail: `role ${principal.role} may not do this; needs ${roles.join(' or ')}` });
  }
}

/** Whether the principal may manage things of `member`: operators always, admins only their own member. */
export function actsForMember(principal: Principal, member: string): boolean {
  return principal.role === 'operator' || principal.member === member;
}

/**
 * Refuse unless the principal is an operator, or has one of `roles` and acts for `member`
 * (least privilege: an admin of one agency never touches another agency's systems).
 */
export function requireOperatorOrMember(principal: Principal, member: string, roles: readonly UserRole[]): void {
  if (principal.role === 'operator') return;
  if (!roles.includes(principal.role)) {
    throw new NdxpError('ROLE_FORBIDDEN', { detail: `role ${principal.role} may not do this; needs operator or ${roles.join(' or ')}` });
  }
  if (principal.member !== member) {
    throw new NdxpError('ROLE_FORBIDDEN', { detail: `you act for member ${principal.member ?? '-'}, not ${member}` });
  }
}
