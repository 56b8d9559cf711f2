import { Type } from 'typebox';
import type { HttpServer } from '@ndxp/core';
import type { HubContext } from '../../app/hub-context.ts';
import { subsystemId } from '../ids.ts';
import { requireOperatorOrMember } from '../principal.ts';
import { principalOf } from '../request-principal.ts';
import { getSubsystem } from '../subsystems/get-subsystem.ts';
import { BEARER, JwkSchema, KeySchema, SubsystemParams, Timestamp } from '../schemas.ts';
import { listSubsystemKeys, subsystemJwks } from './list-subsystem-keys.ts';
import { registerSubsystemKey } from './register-subsystem-key.ts';
import { retireSubsystemKey } from './retire-subsystem-key.ts';

const NewKeyBody = Type.Object({
  jwk: Type.Object({ kty: Type.String({ 'x-error-code': 'KEY_INVALID' }) }, { additionalProperties: true, maxProperties: 32, 'x-error-code': 'KEY_INVALID', description: 'Public JWK with kid and alg (ES256, EdDSA, RS256 or PS256)' }),
  not_before: Type.Optional(Timestamp),
  not_after: Type.Optional(Timestamp),
}, { additionalProperties: false });
const KeyParams = Type.Object({ ...SubsystemParams.properties, kid: Type.String({ minLength: 1, maxLength: 128 }) });
const RetireBody = Type.Object({ not_after: Type.Optional(Timestamp) }, { additionalProperties: false });

/** Subsystem public keys: register, list, publish as JWKS, retire. */
export function registerKeyRoutes(app: HttpServer, ctx: HubContext): void {
  app.post('/api/v1/subsystems/:member/:subsystem/keys', {
    schema: { tags: ['keys'], summary: 'Register a public key of a subsystem', security: BEARER, params: SubsystemParams, body: NewKeyBody, response: { 201: KeySchema } },
  }, async (request, reply) => {
    requireOperatorOrMember(principalOf(request), request.params.member, ['provider_admin', 'consumer_admin']);
    const id = subsystemId(request.params.member, request.params.subsystem);
    return reply.code(201).send(await registerSubsystemKey(ctx.db, id, request.body, ctx.clock.now()));
  });

  app.get('/api/v1/subsystems/:member/:subsystem/keys', {
    schema: { tags: ['keys'], summary: 'All keys of a subsystem with their state', security: BEARER, params: SubsystemParams, response: { 200: Type.Object({ items: Type.Array(KeySchema) }) } },
  }, async (request) => {
    const id = subsystemId(request.params.member, request.params.subsystem);
    await getSubsystem(ctx.db, id);
    return { items: await listSubsystemKeys(ctx.db, id, ctx.clock.now()) };
  });

  app.get('/api/v1/subsystems/:member/:subsystem/jwks.json', {
    schema: { tags: ['keys'], summary: 'JWKS of the keys a subsystem may sign with now (RFC 7517)', security: BEARER, params: SubsystemParams, response: { 200: Type.Object({ keys: Type.Array(JwkSchema) }) } },
  }, async (request) => {
    const id = subsystemId(request.params.member, request.params.subsystem);
    await getSubsystem(ctx.db, id);
    return subsystemJwks(ctx.db, id, ctx.clock.now());
  });

  app.post('/api/v1/subsystems/:member/:subsystem/keys/:kid/retire', {
    schema: { tags: ['keys'], summary: 'Retire a key now or at not_after (overlap for rotation)', security: BEARER, params: KeyParams, body: RetireBody, response: { 200: KeySchema } },
  }, async (request) => {
    requireOperatorOrMember(principalOf(request), request.params.member, ['provider_admin', 'consumer_admin']);
    const id = subsystemId(request.params.member, request.params.subsystem);
    const now = ctx.clock.now();
    return retireSubsystemKey(ctx.db, id, request.params.kid, now, request.body.not_after === undefined ? now : Date.parse(request.body.not_after));
  });
}
