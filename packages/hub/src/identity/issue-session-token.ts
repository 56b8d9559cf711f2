import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { MemberCode } from '@ndxp/core';
import type { HubKeyring } from './hub-keyring.ts';

/** Roles of control-plane users. */
export type UserRole = 'operator' | 'provider_admin' | 'consumer_admin';
export const USER_ROLES: readonly UserRole[] = ['operator', 'provider_admin', 'consumer_admin'];

/** JOSE `typ` of control-plane sessions, distinct from access tokens' `at+jwt` (RFC 8725 §3.11). */
export const SESSION_TOKEN_TYP = 'JWT';
/** The audience of control-plane sessions: the hub's control-plane API. */
export const controlPlaneAudience = (issuer: string): string => `${issuer}/api`;

export interface SessionClaims {
  readonly username: string;
  readonly role: UserRole;
  readonly member: MemberCode | null;
}

/** Sign a control-plane session token for a user who has just logged in. */
export async function issueSessionToken(keyring: HubKeyring, issuer: string, claims: SessionClaims, nowMs: number, ttlSeconds: number): Promise<string> {
  const key = keyring.current();
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({ role: claims.role, member: claims.member })
    .setProtectedHeader({ alg: key.alg, typ: SESSION_TOKEN_TYP, kid: key.kid })
    .setIssuer(issuer)
    .setAudience(controlPlaneAudience(issuer))
    .setSubject(claims.username)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(key.privateKey);
}
