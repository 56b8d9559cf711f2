import { NdxpError } from '@ndxp/core';
import type { HubContext } from '../../app/hub-context.ts';
import { issueSessionToken, type UserRole } from '../../identity/issue-session-token.ts';
import { decoyPasswordHash, verifyPassword } from '../../identity/password-hash.ts';
import { memberCode } from '../ids.ts';
import { assertNotThrottled, clearLoginFailures, recordLoginFailure } from './login-throttle.ts';

export interface LoginResult {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly user: { readonly username: string; readonly role: UserRole; readonly member_code: string | null; readonly display_name: string };
}

/** One decoy hash per scrypt cost, computed once: checked when the username does not exist. */
const decoys = new Map<number, Promise<string>>();

/**
 * Log a control-plane user in. A wrong password and an unknown username give the same error, take
 * the same scrypt work and count towards the same per-username throttle, so a failed login reveals
 * nothing about which usernames exist (OWASP Authentication Cheat Sheet).
 */
export async function login(ctx: HubContext, username: string, password: string): Promise<LoginResult> {
  const { db, clock, config } = ctx;
  const name = username.toLowerCase();
  await assertNotThrottled(db, name, clock.now());
  const { rows } = await db.query<{ username: string; role: UserRole; member_code: string | null; display_name: string; password_hash: string }>(
    'SELECT username, role, member_code, display_name, password_hash FROM users WHERE username = $1',
    [name],
  );
  const user = rows[0];
  let decoy = decoys.get(config.scryptLogN);
  if (decoy === undefined) {
    decoy = decoyPasswordHash(config.scryptLogN);
    decoys.set(config.scryptLogN, decoy);
  }
  const ok = await verifyPassword(password, user?.password_hash ?? (await decoy));
  if (user === undefined || !ok) {
    await recordLoginFailure(db, name, clock.now(), config.loginMaxFailures);
    throw new NdxpError('CREDENTIALS_INVALID');
  }
  await clearLoginFailures(db, name);
  const token = await issueSessionToken(ctx.keyring, config.issuer, { username: user.username, role: user.role, member: user.member_code === null ? null : memberCode(user.member_code) }, clock.now(), config.sessionTtlSeconds);
  return {
    access_token: token,
    token_type: 'Bearer',
    expires_in: config.sessionTtlSeconds,
    user: { username: user.username, role: user.role, member_code: user.member_code, display_name: user.display_name },
  };
}
