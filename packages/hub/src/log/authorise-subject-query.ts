import { NdxpError, type PersonalId } from '@ndxp/core';
import type { Principal } from '../control/principal.ts';
import type { UserRole } from '../identity/issue-session-token.ts';

/** Control-plane roles that may look up any person's exchanges (for now: the operator). */
export const SUBJECT_QUERY_ROLES: readonly UserRole[] = ['operator'];

/**
 * Who asks for a person's exchanges: a control-plane user, or (once citizens sign in through
 * e-ID) the citizen, whose verified personal ID comes from the session, never from the request.
 */
export type SubjectRequester =
  | { readonly kind: 'staff'; readonly principal: Principal }
  | { readonly kind: 'citizen'; readonly personalId: PersonalId };

/**
 * May `requester` see the exchanges that touched `personalId`? Staff need one of
 * {@link SUBJECT_QUERY_ROLES}; a citizen may ask about their own ID only (Law 91/2025/QH15 on
 * personal data protection: the data subject's right to know how their data was processed, and
 * nobody else's).
 *
 * @throws NdxpError `ROLE_FORBIDDEN`.
 */
export function authoriseSubjectQuery(requester: SubjectRequester, personalId: PersonalId): void {
  if (requester.kind === 'citizen') {
    if (requester.personalId !== personalId) throw new NdxpError('ROLE_FORBIDDEN', { detail: 'a citizen may only see the exchanges about their own personal ID' });
    return;
  }
  if (!SUBJECT_QUERY_ROLES.includes(requester.principal.role)) {
    throw new NdxpError('ROLE_FORBIDDEN', { detail: `role ${requester.principal.role} may not look up a person's exchanges; needs ${SUBJECT_QUERY_ROLES.join(' or ')}` });
  }
}
