import { Type } from 'typebox';
import type { HttpServer } from '@ndxp/core';
import type { HubContext } from '../app/hub-context.ts';
import { requireRole } from './principal.ts';
import { principalOf } from './request-principal.ts';
import { BEARER, NullableString } from './schemas.ts';

/** Operator control of the hub's own signing keys. */
export function registerHubKeyRoutes(app: HttpServer, ctx: HubContext): void {
  app.post('/api/v1/hub/keys/rotate', {
    schema: {
      tags: ['identity'], summary: 'Rotate the hub signing key (operator); the old key stays in the JWKS until its tokens expire', security: BEARER,
      response: { 200: Type.Object({ kid: Type.String(), retired: NullableString }) },
    },
  }, async (request) => {
    requireRole(principalOf(request), 'operator');
    const { kid, retired } = await ctx.keyring.rotate();
    request.log.warn({ kid, retired, by: principalOf(request).username }, 'hub signing key rotated');
    return { kid, retired: retired ?? null };
  });
}
