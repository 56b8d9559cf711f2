import { Type } from 'typebox';
import { NdxpError, type HttpServer } from '@ndxp/core';
import type { HubContext } from '../../app/hub-context.ts';
import { memberOf, serviceId } from '../ids.ts';
import { requireOperatorOrMember } from '../principal.ts';
import { principalOf } from '../request-principal.ts';
import {
  BEARER, DataClassSchema, LocalCodeSchema, MemberCodeSchema, Paging, ServiceParams, ServiceSchema, ServiceStatusSchema,
  SubjectLocatorSchema, SubsystemIdSchema, VersionSchema,
} from '../schemas.ts';
import { getService, getServiceOpenapi } from './get-service.ts';
import { registerService } from './register-service.ts';
import { searchServices } from './search-services.ts';
import { updateService } from './update-service.ts';

const LegalBases = Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 50, description: 'Legal instruments under which the data is shared' });
const TimeoutMs = Type.Integer({ minimum: 100, maximum: 60_000 });
const MaxRequestBytes = Type.Integer({ minimum: 0, maximum: 10 * 1024 * 1024 });

const NewServiceBody = Type.Object({
  subsystem_id: SubsystemIdSchema,
  code: LocalCodeSchema,
  version: VersionSchema,
  title: Type.String({ minLength: 1, maxLength: 300, description: 'Vietnamese title' }),
  title_en: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  description: Type.Optional(Type.String({ maxLength: 10_000 })),
  openapi: Type.Object({}, { additionalProperties: true, 'x-error-code': 'OPENAPI_INVALID', description: 'OpenAPI 3.x document of the service' }),
  fields: Type.Array(Type.String({ minLength: 1, maxLength: 512 }), { minItems: 1, maxItems: 1000, description: 'JSON pointers (RFC 6901) into the response that the service can return' }),
  data_class: DataClassSchema,
  subject_locator: Type.Optional(Type.Union([SubjectLocatorSchema, Type.Null()])),
  legal_bases: Type.Optional(LegalBases),
  timeout_ms: Type.Optional(TimeoutMs),
  max_request_bytes: Type.Optional(MaxRequestBytes),
}, { additionalProperties: false });

const ServiceChangesBody = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  title_en: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 300 }), Type.Null()])),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
  status: Type.Optional(ServiceStatusSchema),
  legal_bases: Type.Optional(LegalBases),
  timeout_ms: Type.Optional(TimeoutMs),
  max_request_bytes: Type.Optional(MaxRequestBytes),
}, { additionalProperties: false, minProperties: 1 });

const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words to find in id, titles (vi/en) and description; case and diacritics ignored' })),
  member: Type.Optional(MemberCodeSchema),
  subsystem: Type.Optional(SubsystemIdSchema),
  data_class: Type.Optional(DataClassSchema),
  status: Type.Optional(ServiceStatusSchema),
  ...Paging,
}, { additionalProperties: false });

const OpenapiDocument = Type.Object({}, { additionalProperties: true });

/** The service catalogue: providers register, every logged-in user browses and searches. */
export function registerServiceRoutes(app: HttpServer, ctx: HubContext): void {
  app.post('/api/v1/services', {
    schema: { tags: ['catalogue'], summary: 'Register a service version in the catalogue', security: BEARER, body: NewServiceBody, response: { 201: ServiceSchema } },
  }, async (request, reply) => {
    requireOperatorOrMember(principalOf(request), memberOf(request.body.subsystem_id), ['provider_admin']);
    return reply.code(201).send(await registerService(ctx.db, request.body, ctx.clock.now()));
  });

  app.get('/api/v1/services', {
    schema: { tags: ['catalogue'], summary: 'Browse and search the catalogue', security: BEARER, querystring: SearchQuery, response: { 200: Type.Object({ items: Type.Array(ServiceSchema), total: Type.Integer() }) } },
  }, async (request) => searchServices(ctx.db, request.query));

  app.get('/api/v1/services/:member/:subsystem/:service/:version', {
    schema: { tags: ['catalogue'], summary: 'One service', security: BEARER, params: ServiceParams, response: { 200: ServiceSchema } },
  }, async (request) => {
    const p = request.params;
    return getService(ctx.db, serviceId(p.member, p.subsystem, p.service, p.version));
  });

  app.patch('/api/v1/services/:member/:subsystem/:service/:version', {
    schema: { tags: ['catalogue'], summary: 'Change a service\'s description or operation (status, timeout, size limit)', security: BEARER, params: ServiceParams, body: ServiceChangesBody, response: { 200: ServiceSchema } },
  }, async (request) => {
    const p = request.params;
    requireOperatorOrMember(principalOf(request), p.member, ['provider_admin']);
    return updateService(ctx.db, serviceId(p.member, p.subsystem, p.service, p.version), request.body, ctx.clock.now());
  });

  app.get('/api/v1/services/:member/:subsystem/:service/:version/openapi.json', {
    schema: { tags: ['catalogue'], summary: 'The service\'s OpenAPI document', security: BEARER, params: ServiceParams, response: { 200: OpenapiDocument } },
  }, async (request) => {
    const p = request.params;
    return (await getServiceOpenapi(ctx.db, serviceId(p.member, p.subsystem, p.service, p.version))).openapi;
  });
}

/**
 * The public, machine-readable catalogue of open data services (Decree 47/2020 Art. 15 and the
 * Data Law 2024: open data is published online, machine-readable and free). No login needed.
 */
export function registerPublicCatalogueRoutes(app: HttpServer, ctx: HubContext): void {
  const PublicQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), member: Type.Optional(MemberCodeSchema), ...Paging }, { additionalProperties: false });
  app.get('/public/v1/services', {
    schema: { tags: ['public catalogue'], summary: 'Open-data services (no login)', querystring: PublicQuery, response: { 200: Type.Object({ items: Type.Array(ServiceSchema), total: Type.Integer() }) } },
  }, async (request) => searchServices(ctx.db, { ...request.query, data_class: 'open', status: 'active' }));

  app.get('/public/v1/services/:member/:subsystem/:service/:version/openapi.json', {
    schema: { tags: ['public catalogue'], summary: 'OpenAPI document of an open-data service (no login)', params: ServiceParams, response: { 200: OpenapiDocument } },
  }, async (request) => {
    const p = request.params;
    const id = serviceId(p.member, p.subsystem, p.service, p.version);
    const found = await getServiceOpenapi(ctx.db, id);
    // Shared and private services are not public: report them as absent.
    if (found.data_class !== 'open') throw new NdxpError('SERVICE_NOT_FOUND', { detail: `no open service ${id}` });
    return found.openapi;
  });
}
