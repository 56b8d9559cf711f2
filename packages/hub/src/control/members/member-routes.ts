import { Type } from 'typebox';
import type { HttpServer } from '@ndxp/core';
import type { HubContext } from '../../app/hub-context.ts';
import { requireRole } from '../principal.ts';
import { principalOf } from '../request-principal.ts';
import { BEARER, MemberCodeSchema, MemberParams, MemberSchema } from '../schemas.ts';
import { createMember } from './create-member.ts';
import { getMember } from './get-member.ts';
import { listMembers } from './list-members.ts';

const NewMemberBody = Type.Object({
  code: MemberCodeSchema,
  name: Type.String({ minLength: 1, maxLength: 300, description: 'Vietnamese name' }),
  name_en: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
}, { additionalProperties: false });

/** Members (agencies): operators register them; every logged-in user may read them. */
export function registerMemberRoutes(app: HttpServer, ctx: HubContext): void {
  app.post('/api/v1/members', {
    schema: { tags: ['members'], summary: 'Register a member (operator)', security: BEARER, body: NewMemberBody, response: { 201: MemberSchema } },
  }, async (request, reply) => {
    requireRole(principalOf(request), 'operator');
    return reply.code(201).send(await createMember(ctx.db, request.body, ctx.clock.now()));
  });

  app.get('/api/v1/members', {
    schema: { tags: ['members'], summary: 'List members', security: BEARER, response: { 200: Type.Object({ items: Type.Array(MemberSchema) }) } },
  }, async () => ({ items: await listMembers(ctx.db) }));

  app.get('/api/v1/members/:member', {
    schema: { tags: ['members'], summary: 'One member', security: BEARER, params: MemberParams, response: { 200: MemberSchema } },
  }, async (request) => getMember(ctx.db, request.params.member));
}
