import { NdxpError } from '@ndxp/core';
import type { HubContext } from '../../app/hub-context.ts';
import { controlPlaneAudience, SESSION_TOKEN_TYP, USER_ROLES, type UserRole } from '../../identity/issue-session-token.ts';
import { verifyHubToken } from '../../identity/verify-hub-token.ts';
import { memberCode } from '../ids.ts';
import type { Principal } from '../principal.ts';

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

/** The bearer token of an `Authorization` header (RFC 6750 §2.1), or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  return BEARER.exec(header)?.[1];
}

/**
 * Authenticate a control-plane session token: a hub-signed JWT for the `/api` audience with
 * `typ: JWT` (so a data-plane access token, `typ: at+jwt`, is never accepted here). The user is
 * looked up on every request, so a deleted user or a changed role takes effect at once rather
 * than when the session expires.
 */
export async function authenticateSession(ctx: HubContext, token: string): Promise<Principal> {
  const payload = await verifyHubToken(ctx.keyring, token, {
    issuer: ctx.config.issuer,
    audience: controlPlaneAudience(ctx.config.issuer),
    typ: SESSION_TOKEN_TYP,
    clock: ctx.clock,
  });
  const username = payload.sub ?? '';
  const role = payload['role'];
  const member = payload['member'];
  if (typeof role !== 'string' || !(USER_ROLES as readonly string[]).includes(role) || (member !== null && typeof member !== 'string')) {
    throw new NdxpError('TOKEN_INVALID', { detail: 'the session token lacks a valid role' });
  }
  const { rows } = await ctx.db.query<{ role: string; member_code: string | null }>('SELECT role, member_code FROM users WHERE username = $1', [username]);
  const user = rows[0];
  if (user === undefined || user.role !== role || user.member_code !== member) {
    throw new NdxpError('TOKEN_INVALID', { detail: 'the user of this session no longer exists or has changed role' });
  }
  return { username, role: role as UserRole, member: user.member_code === null ? null : memberCode(user.member_code) };
}
