import type { Principal } from '../principal.ts';

export type GrantState = 'requested' | 'approved' | 'active' | 'rejected' | 'revoked';
export type GrantAction = 'approve' | 'reject' | 'activate' | 'revoke';
/** What `grant_events.action` records: the request itself, then each transition. */
export type GrantEventAction = 'request' | GrantAction;

/**
 * The grant lifecycle (Decision 47/QĐ-BTTTT asks that every connection be agreed by both sides and
 * run by the operator): a consumer requests, the provider approves (or rejects), the operator
 * activates; any party with the right role revokes. `rejected` and `revoked` are final.
 */
export const GRANT_TRANSITIONS: Readonly<Record<GrantAction, { readonly from: readonly GrantState[]; readonly to: GrantState }>> = {
  approve: { from: ['requested'], to: 'approved' },
  reject: { from: ['requested', 'approved'], to: 'rejected' },
  activate: { from: ['approved'], to: 'active' },
  revoke: { from: ['requested', 'approved', 'active'], to: 'revoked' },
};

/** The state after `action`, or undefined if `action` is not allowed from `state`. */
export function nextGrantState(state: GrantState, action: GrantAction): GrantState | undefined {
  const t = GRANT_TRANSITIONS[action];
  return t.from.includes(state) ? t.to : undefined;
}

/** The two members a grant involves. */
export interface GrantParties {
  readonly consumerMember: string;
  readonly providerMember: string;
}

/** Whether the principal may see the grant: operators all, admins those touching their member. */
export function maySeeGrant(p: Principal, parties: GrantParties): boolean {
  return p.role === 'operator' || p.member === parties.consumerMember || p.member === parties.providerMember;
}

/**
 * Who may do what (least privilege): the provider's admin decides on access to its services, only
 * the operator activates, and revocation is open to the operator and to the admins of either side.
 */
export function mayPerformGrantAction(p: Principal, action: GrantAction, parties: GrantParties): boolean {
  if (p.role === 'operator') return true;
  switch (action) {
    case 'approve':
    case 'reject':
      return p.role === 'provider_admin' && p.member === parties.providerMember;
    case 'activate':
      return false;
    case 'revoke':
      return (p.role === 'provider_admin' && p.member === parties.providerMember) || (p.role === 'consumer_admin' && p.member === parties.consumerMember);
  }
}
