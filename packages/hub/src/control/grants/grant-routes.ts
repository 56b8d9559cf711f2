import { Type } from 'typebox';
import type { HttpServer } from '@ndxp/core';
import type { HubContext } from '../../app/hub-context.ts';
import { principalOf } from '../request-principal.ts';
import { BEARER, GrantDetailSchema, GrantIdParams, GrantSchema, GrantStateSchema, Paging, PurposeSchema, ServiceIdSchema, SubsystemIdSchema, Timestamp } from '../schemas.ts';
import { getGrant } from './get-grant.ts';
import type { GrantAction } from './grant-transitions.ts';
import { listGrants } from './list-grants.ts';
import { requestGrant } from './request-grant.ts';
import { transitionGrant } from './transition-grant.ts';

const GrantRequestBody = Type.Object({
  consumer_id: SubsystemIdSchema,
  service_id: ServiceIdSchema,
  fields: Type.Array(Type.String({ minLength: 1, maxLength: 512 }), { minItems: 1, maxItems: 1000, description: 'JSON pointers, a subset of the service\'s fields' }),
  purposes: Type.Array(PurposeSchema, { minItems: 1, maxItems: 50 }),
  legal_basis: Type.String({ minLength: 1, maxLength: 500, description: 'The consumer\'s legal basis for processing (Law 91/2025/QH15)' }),
  valid_from: Type.Optional(Timestamp),
  valid_until: Timestamp,
  quota_per_minute: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
}, { additionalProperties: false });

const NoteBody = Type.Object({ note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) }, { additionalProperties: false });
const RejectBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000, description: 'Why access is refused (shown to the consumer)' }) }, { additionalProperties: false });

const GrantQuery = Type.Object({
  state: Type.Optional(GrantStateSchema),
  consumer: Type.Optional(SubsystemIdSchema),
  service: Type.Optional(ServiceIdSchema),
  ...Paging,
}, { additionalProperties: false });

const SUMMARIES: Readonly<Record<GrantAction, string>> = {
  approve: 'Approve a requested grant (provider admin of the service, or operator)',
  reject: 'Reject a grant before activation, with a reason (provider admin or operator)',
  activate: 'Activate an approved grant (operator)',
  revoke: 'Revoke a grant (operator, provider admin or consumer admin)',
};

/** Grants: request → approve (or reject) → activate → revoke, each step recorded. */
export function registerGrantRoutes(app: HttpServer, ctx: HubContext): void {
  app.post('/api/v1/grants', {
    schema: { tags: ['grants'], summary: 'Request access for a consumer subsystem to a service', security: BEARER, body: GrantRequestBody, response: { 201: GrantSchema } },
  }, async (request, reply) => reply.code(201).send(await requestGrant(ctx.db, principalOf(request), request.body, ctx.clock.now())));

  app.get('/api/v1/grants', {
    schema: { tags: ['grants'], summary: 'List the grants you may see', security: BEARER, querystring: GrantQuery, response: { 200: Type.Object({ items: Type.Array(GrantSchema), total: Type.Integer() }) } },
  }, async (request) => listGrants(ctx.db, principalOf(request), request.query));

  app.get('/api/v1/grants/:id', {
    schema: { tags: ['grants'], summary: 'One grant with its history and field comparison', security: BEARER, params: GrantIdParams, response: { 200: GrantDetailSchema } },
  }, async (request) => getGrant(ctx.db, principalOf(request), request.params.id));

  for (const action of ['approve', 'activate', 'revoke'] as const) {
    app.post(`/api/v1/grants/:id/${action}`, {
      schema: { tags: ['grants'], summary: SUMMARIES[action], security: BEARER, params: GrantIdParams, body: NoteBody, response: { 200: GrantSchema } },
    }, async (request) => transitionGrant(ctx.db, principalOf(request), request.params.id, action, request.body?.note ?? null, ctx.clock.now()));
  }

  app.post('/api/v1/grants/:id/reject', {
    schema: { tags: ['grants'], summary: SUMMARIES.reject, security: BEARER, params: GrantIdParams, body: RejectBody, response: { 200: GrantSchema } },
  }, async (request) => transitionGrant(ctx.db, principalOf(request), request.params.id, 'reject', request.body.reason, ctx.clock.now()));
}
