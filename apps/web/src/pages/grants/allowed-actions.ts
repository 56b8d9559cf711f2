import type { GrantAction, GrantDetail } from '../../api/types.ts';
import type { SessionUser } from '../../auth/session.ts';

/**
 * The actions this user may take on this grant now. Mirrors the hub's rules
 * (control/grants/grant-transitions.ts) so the console offers only what will succeed; the hub
 * checks again and would answer ROLE_FORBIDDEN or GRANT_STATE_CONFLICT otherwise.
 */
export function allowedActions(user: SessionUser, g: Pick<GrantDetail, 'state' | 'consumer_member' | 'provider_member'>): GrantAction[] {
  const op = user.role === 'operator';
  const provider = op || (user.role === 'provider_admin' && user.member_code === g.provider_member);
  const consumer = user.role === 'consumer_admin' && user.member_code === g.consumer_member;
  const out: GrantAction[] = [];
  if (g.state === 'requested' && provider) out.push('approve');
  if (g.state === 'approved' && op) out.push('activate');
  if ((g.state === 'requested' || g.state === 'approved') && provider) out.push('reject');
  if ((g.state === 'requested' || g.state === 'approved' || g.state === 'active') && (provider || consumer)) out.push('revoke');
  return out;
}
