import { Type } from 'typebox';
import type { HttpServer } from '@ndxp/core';
import type { HubContext } from '../../app/hub-context.ts';
import { requireRole } from '../principal.ts';
import { principalOf } from '../request-principal.ts';
import { BEARER, MemberCodeSchema, RoleSchema, UserSchema, UsernameSchema } from '../schemas.ts';
import { createUser } from './create-user.ts';
import { listUsers } from './list-users.ts';

const NewUserBody = Type.Object({
  username: UsernameSchema,
  display_name: Type.String({ minLength: 1, maxLength: 200 }),
  role: RoleSchema,
  member_code: Type.Optional(Type.Union([MemberCodeSchema, Type.Null()])),
  // NIST SP 800-63B §5.1.1: at least 8 characters, allow long passphrases; we ask for 12.
  password: Type.String({ minLength: 12, maxLength: 256 }),
}, { additionalProperties: false });

/** Control-plane user management: operators only. */
export function registerUserRoutes(app: HttpServer, ctx: HubContext): void {
  app.post('/api/v1/users', {
    schema: { tags: ['users'], summary: 'Create a control-plane user (operator)', security: BEARER, body: NewUserBody, response: { 201: UserSchema } },
  }, async (request, reply) => {
    requireRole(principalOf(request), 'operator');
    const user = await createUser(ctx.db, request.body, { scryptLogN: ctx.config.scryptLogN, nowMs: ctx.clock.now() });
    request.log.info({ username: user.username, role: user.role, by: principalOf(request).username }, 'user created');
    return reply.code(201).send(user);
  });

  app.get('/api/v1/users', {
    schema: { tags: ['users'], summary: 'List control-plane users (operator)', security: BEARER, querystring: Type.Object({ member: Type.Optional(MemberCodeSchema) }), response: { 200: Type.Object({ items: Type.Array(UserSchema) }) } },
  }, async (request) => {
    requireRole(principalOf(request), 'operator');
    return { items: await listUsers(ctx.db, request.query.member) };
  });
}
