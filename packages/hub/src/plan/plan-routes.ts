import { Type } from 'typebox';
import { NdxpError, type HttpServer } from '@ndxp/core';
import type { HubContext } from '../app/hub-context.ts';
import { authenticateSession, bearerToken } from '../control/auth/authenticate-session.ts';
import { requireRole } from '../control/principal.ts';
import { principalOf, setPrincipal } from '../control/request-principal.ts';
import { BEARER, ServiceIdSchema, SubsystemIdSchema } from '../control/schemas.ts';
import { addPlanLink, removePlanLink } from './change-plan-links.ts';
import { loadActionPlan, syncPlanItems, type ActionPlan } from './load-action-plan.ts';
import { DEFAULT_THRESHOLDS, type StatusThresholds } from './plan-types.ts';
import { planItemDetail, planOverview, windowOf } from './plan-view.ts';

export interface PlanRoutesOptions {
  /** Window and degradation thresholds (default {@link DEFAULT_THRESHOLDS}). */
  readonly thresholds?: StatusThresholds;
  /** The plan; default: `action-plan.json` beside this file. */
  readonly plan?: ActionPlan;
}

const ItemParams = Type.Object({ id: Type.String({ pattern: '^(I|II|III|IV)\\.[0-9]{1,2}$', 'x-error-code': 'PLAN_ITEM_NOT_FOUND' }) });
const WindowQuery = Type.Object({
  window_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, description: 'Look back this many days instead of the configured window' })),
}, { additionalProperties: false });
const Role = Type.Union([Type.Literal('consumes'), Type.Literal('provides')], { description: 'consumes: the sectoral system calls the NPDB; provides: its own service is called' });
const LinkBody = Type.Object({
  role: Role,
  service_id: ServiceIdSchema,
  consumer_id: SubsystemIdSchema,
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
}, { additionalProperties: false });
const LinkQuery = Type.Object({ role: Role, service_id: ServiceIdSchema, consumer_id: SubsystemIdSchema }, { additionalProperties: false });

/**
 * The action plan as data (issue 5; Decision 47/QĐ-BTTTT item IV.3: monitor and inspect the
 * rollout): the 29 items, upserted into `plan_items` at start, each with a status computed from
 * live traffic and shown against its deadline. Links between items and (consumer, service) pairs
 * are managed by operators. Every route needs a control-plane session, checked in `onRequest`
 * like the rest of `/api/v1`.
 */
export async function registerPlanRoutes(app: HttpServer, ctx: HubContext, options: PlanRoutesOptions = {}): Promise<void> {
  const plan = options.plan ?? (await loadActionPlan());
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  await syncPlanItems(ctx.db, plan);

  await app.register(async (scope) => {
    const api = scope as unknown as HttpServer;
    api.addHook('onRequest', async (request, reply) => {
      const token = bearerToken(request.headers.authorization);
      if (token === undefined) {
        void reply.header('www-authenticate', 'Bearer realm="ndxp-control-plane"');
        throw new NdxpError(request.headers.authorization === undefined ? 'AUTH_REQUIRED' : 'TOKEN_INVALID', { detail: 'send Authorization: Bearer <session token from POST /api/v1/auth/login>' });
      }
      setPrincipal(request, await authenticateSession(ctx, token));
    });

    api.get('/api/v1/plan', {
      schema: { tags: ['plan'], summary: 'Every action-plan item with its status computed from live traffic', security: BEARER, querystring: WindowQuery },
    }, async (request) => {
      const now = ctx.clock.now();
      return planOverview(ctx.db, plan, now, windowOf(now, thresholds, request.query.window_days), thresholds);
    });

    api.get('/api/v1/plan/:id', {
      schema: { tags: ['plan'], summary: 'One item: status, links, and exchanges per day', security: BEARER, params: ItemParams, querystring: WindowQuery },
    }, async (request) => {
      const now = ctx.clock.now();
      return planItemDetail(ctx.db, plan, request.params.id, now, windowOf(now, thresholds, request.query.window_days), thresholds);
    });

    api.post('/api/v1/plan/:id/links', {
      schema: { tags: ['plan'], summary: 'Link a consumer subsystem and service to an item (operator)', security: BEARER, params: ItemParams, body: LinkBody },
    }, async (request, reply) => {
      const principal = principalOf(request);
      requireRole(principal, 'operator');
      const { created } = await addPlanLink(ctx.db, plan, request.params.id, request.body, principal.username);
      return reply.code(created ? 201 : 200).send({ item_id: request.params.id, ...request.body, created });
    });

    api.delete('/api/v1/plan/:id/links', {
      schema: { tags: ['plan'], summary: 'Remove a link from an item (operator)', security: BEARER, params: ItemParams, querystring: LinkQuery },
    }, async (request, reply) => {
      requireRole(principalOf(request), 'operator');
      await removePlanLink(ctx.db, plan, request.params.id, request.query);
      return reply.code(204).send();
    });
  });
}
