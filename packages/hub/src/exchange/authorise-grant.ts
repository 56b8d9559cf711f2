import { NdxpError } from '@ndxp/core';
import type { CachedGrant } from '../state/types.ts';

/** A purpose code as grants list them, e.g. `tax-registration`. */
export const PURPOSE_CODE = /^[a-z][a-z0-9._-]{0,63}$/;

/**
 * Pick the grant that authorises this call, or explain precisely why none does. Several grants
 * can exist for one consumer × service (a revoked one and its successor, one per purpose...):
 * the call is allowed if any grant is active, inside its validity window and covers the purpose.
 *
 * When none does, the error names the closest miss, in this order: no grant at all
 * (GRANT_MISSING); the purpose header is absent (PURPOSE_REQUIRED) or malformed
 * (HEADER_INVALID); an active grant in its window exists but not for this purpose
 * (PURPOSE_NOT_GRANTED); an active grant exists but outside its window (GRANT_EXPIRED); a grant
 * was revoked (GRANT_REVOKED); otherwise the grants are still requested, approved or rejected
 * (GRANT_NOT_ACTIVE).
 */
export function authoriseGrant(grants: readonly CachedGrant[], purpose: string | undefined, nowMs: number): { readonly grant: CachedGrant; readonly purpose: string } {
  if (grants.length === 0) throw new NdxpError('GRANT_MISSING');
  if (purpose === undefined || purpose === '') throw new NdxpError('PURPOSE_REQUIRED', { detail: 'send X-Ndxp-Purpose: <purpose code>' });
  if (!PURPOSE_CODE.test(purpose)) throw new NdxpError('HEADER_INVALID', { detail: 'X-Ndxp-Purpose is not a purpose code' });
  let inWindow = false;
  let outOfWindow = false;
  let revoked = false;
  for (const g of grants) {
    if (g.state === 'revoked') {
      revoked = true;
      continue;
    }
    if (g.state !== 'active') continue;
    if (nowMs < g.validFromMs || nowMs >= g.validUntilMs) {
      outOfWindow = true;
      continue;
    }
    inWindow = true;
    if (g.purposes.has(purpose)) return { grant: g, purpose };
  }
  if (inWindow) throw new NdxpError('PURPOSE_NOT_GRANTED', { detail: `purpose ${purpose} is not covered by the grant` });
  if (outOfWindow) throw new NdxpError('GRANT_EXPIRED');
  if (revoked) throw new NdxpError('GRANT_REVOKED');
  throw new NdxpError('GRANT_NOT_ACTIVE');
}
