import { Type } from 'typebox';
import type { HttpServer } from '@ndxp/core';
import type { HubContext } from '../../app/hub-context.ts';
import { subsystemId } from '../ids.ts';
import { requireOperatorOrMember } from '../principal.ts';
import { principalOf } from '../request-principal.ts';
import { BEARER, LocalCodeSchema, MemberCodeSchema, MemberParams, SubsystemParams, SubsystemSchema } from '../schemas.ts';
import { createSubsystem } from './create-subsystem.ts';
import { getSubsystem } from './get-subsystem.ts';
import { listSubsystems } from './list-subsystems.ts';
import { updateSubsystem } from './update-subsystem.ts';

const BaseUrl = Type.String({ minLength: 1, maxLength: 2048, description: 'http(s) URL the hub forwards service calls to' });
const NewSubsystemBody = Type.Object({
  code: LocalCodeSchema,
  name: Type.String({ minLength: 1, maxLength: 300 }),
  base_url: Type.Optional(Type.Union([BaseUrl, Type.Null()])),
}, { additionalProperties: false });
const SubsystemChangesBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  base_url: Type.Optional(Type.Union([BaseUrl, Type.Null()])),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
}, { additionalProperties: false, minProperties: 1 });

/** Subsystems: the operator or the member's own admins manage them; every logged-in user may read them. */
export function registerSubsystemRoutes(app: HttpServer, ctx: HubContext): void {
  app.post('/api/v1/members/:member/subsystems', {
    schema: { tags: ['subsystems'], summary: 'Register a subsystem of a member', security: BEARER, params: MemberParams, body: NewSubsystemBody, response: { 201: SubsystemSchema } },
  }, async (request, reply) => {
    requireOperatorOrMember(principalOf(request), request.params.member, ['provider_admin', 'consumer_admin']);
    return reply.code(201).send(await createSubsystem(ctx.db, request.params.member, request.body, ctx.clock.now()));
  });

  app.get('/api/v1/subsystems', {
    schema: { tags: ['subsystems'], summary: 'List subsystems', security: BEARER, querystring: Type.Object({ member: Type.Optional(MemberCodeSchema) }), response: { 200: Type.Object({ items: Type.Array(SubsystemSchema) }) } },
  }, async (request) => ({ items: await listSubsystems(ctx.db, request.query.member) }));

  app.get('/api/v1/subsystems/:member/:subsystem', {
    schema: { tags: ['subsystems'], summary: 'One subsystem', security: BEARER, params: SubsystemParams, response: { 200: SubsystemSchema } },
  }, async (request) => getSubsystem(ctx.db, subsystemId(request.params.member, request.params.subsystem)));

  app.patch('/api/v1/subsystems/:member/:subsystem', {
    schema: { tags: ['subsystems'], summary: 'Change a subsystem\'s name, base URL or status', security: BEARER, params: SubsystemParams, body: SubsystemChangesBody, response: { 200: SubsystemSchema } },
  }, async (request) => {
    requireOperatorOrMember(principalOf(request), request.params.member, ['provider_admin', 'consumer_admin']);
    return updateSubsystem(ctx.db, subsystemId(request.params.member, request.params.subsystem), request.body);
  });
}
