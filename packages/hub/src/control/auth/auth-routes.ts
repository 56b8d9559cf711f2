import { Type } from 'typebox';
import type { HttpServer } from '@ndxp/core';
import type { HubContext } from '../../app/hub-context.ts';
import { principalOf } from '../request-principal.ts';
import { BEARER, NullableString, RoleSchema } from '../schemas.ts';
import { login } from './login.ts';

const LoginBody = Type.Object({
  // Any string up to 64: a malformed username must fail like a wrong one, not with a 400 that
  // tells the caller something about the account namespace.
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
}, { additionalProperties: false });

const LoginResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  user: Type.Object({ username: Type.String(), role: RoleSchema, member_code: NullableString, display_name: Type.String() }),
});

const MeResponse = Type.Object({ username: Type.String(), role: RoleSchema, member_code: NullableString });

/** `POST /api/v1/auth/login` (public). */
export function registerLoginRoute(app: HttpServer, ctx: HubContext): void {
  app.post('/api/v1/auth/login', {
    schema: { tags: ['auth'], summary: 'Log in to the control plane; returns a session token', body: LoginBody, response: { 200: LoginResponse } },
  }, async (request) => login(ctx, request.body.username, request.body.password));
}

/** `GET /api/v1/me` (authenticated). */
export function registerMeRoute(app: HttpServer): void {
  app.get('/api/v1/me', {
    schema: { tags: ['auth'], summary: 'The logged-in user', security: BEARER, response: { 200: MeResponse } },
  }, async (request) => {
    const p = principalOf(request);
    return { username: p.username, role: p.role, member_code: p.member };
  });
}
