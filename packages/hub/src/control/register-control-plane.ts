import { NdxpError, type HttpServer } from '@ndxp/core';
import type { HubContext } from '../app/hub-context.ts';
import { authenticateSession, bearerToken } from './auth/authenticate-session.ts';
import { registerLoginRoute, registerMeRoute } from './auth/auth-routes.ts';
import { registerGrantRoutes } from './grants/grant-routes.ts';
import { registerHubKeyRoutes } from './hub-key-routes.ts';
import { registerKeyRoutes } from './keys/key-routes.ts';
import { registerMemberRoutes } from './members/member-routes.ts';
import { setPrincipal } from './request-principal.ts';
import { registerPublicCatalogueRoutes, registerServiceRoutes } from './services/service-routes.ts';
import { registerSubsystemRoutes } from './subsystems/subsystem-routes.ts';
import { registerUserRoutes } from './users/user-routes.ts';

export interface ControlPlaneOptions {
  /**
   * More `/api/v1` routes registered inside the authenticated scope (they get the session check
   * and `principalOf(request)`), e.g. the audit tail.
   */
  readonly extraRoutes?: readonly ((api: HttpServer, ctx: HubContext) => void | Promise<void>)[];
}

/**
 * The control plane: `/api/v1/**` for logged-in users (members, subsystems, keys, catalogue,
 * grants, users), plus the login route and the public open-data catalogue. Authentication runs
 * in `onRequest`, before the body is even parsed, so an anonymous caller learns nothing from
 * validation errors.
 */
export async function registerControlPlane(app: HttpServer, ctx: HubContext, options: ControlPlaneOptions = {}): Promise<void> {
  registerLoginRoute(app, ctx);
  registerPublicCatalogueRoutes(app, ctx);
  await app.register(async (scope) => {
    const api = scope as unknown as HttpServer;
    api.addHook('onRequest', async (request, reply) => {
      const token = bearerToken(request.headers.authorization);
      if (token === undefined) {
        // RFC 6750 §3: tell the client which scheme to use.
        void reply.header('www-authenticate', 'Bearer realm="ndxp-control-plane"');
        throw new NdxpError(request.headers.authorization === undefined ? 'AUTH_REQUIRED' : 'TOKEN_INVALID', { detail: 'send Authorization: Bearer <session token from POST /api/v1/auth/login>' });
      }
      try {
        setPrincipal(request, await authenticateSession(ctx, token));
      } catch (error) {
        void reply.header('www-authenticate', 'Bearer realm="ndxp-control-plane", error="invalid_token"');
        throw error;
      }
    });
    // A POST without a body (e.g. `.../retire`, `.../approve`) is an empty object, so its schema
    // reports the missing members precisely instead of "body must be object".
    api.addHook('preValidation', async (request) => {
      if (request.body === undefined && (request.method === 'POST' || request.method === 'PATCH')) request.body = {};
    });
    registerMeRoute(api);
    registerUserRoutes(api, ctx);
    registerMemberRoutes(api, ctx);
    registerSubsystemRoutes(api, ctx);
    registerKeyRoutes(api, ctx);
    registerServiceRoutes(api, ctx);
    registerGrantRoutes(api, ctx);
    registerHubKeyRoutes(api, ctx);
    for (const register of options.extraRoutes ?? []) await register(api, ctx);
  });
}
