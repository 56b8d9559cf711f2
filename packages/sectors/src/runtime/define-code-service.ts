import type { FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import type { Clock } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { buildServiceOpenApi } from '../openapi/build-service-openapi.ts';
import type { DataClass, ServiceDescriptor, SubjectLocator } from '../service-descriptor.ts';
import { projectResponse } from './project-response.ts';
import type { CodeService } from './sector-system.ts';

export interface CodeServiceSpec<P, Q> {
  readonly code: string;
  readonly version: string;
  readonly title: string;
  readonly titleEn: string;
  readonly description: string;
  readonly dataClass: DataClass;
  readonly legalBases: readonly string[];
  readonly method: 'GET' | 'POST';
  /** Fastify path, `:name` for parameters. */
  readonly path: string;
  readonly params?: TSchema;
  readonly query?: TSchema;
  /** Response schema: documents the service, and its leaf pointers are the catalogue fields. */
  readonly response: TSchema;
  readonly fields: readonly string[];
  readonly subjectLocator: SubjectLocator | null;
  /** Status codes the handler may answer besides 200. */
  readonly errors?: readonly number[];
  readonly handler: (db: Db, input: { readonly params: P; readonly query: Q; readonly request: FastifyRequest; readonly clock: Clock }) => Promise<unknown>;
}

/**
 * A service written in code, with the same conventions as an adapter service: request validated
 * by its schemas (with their `x-error-code`s), OpenAPI 3.1 generated from the same schemas, and
 * the answer projected to the granted fields before it leaves.
 */
export function defineCodeService<P = Record<string, string>, Q = Record<string, unknown>>(spec: CodeServiceSpec<P, Q>): CodeService {
  const descriptor: ServiceDescriptor = {
    code: spec.code,
    version: spec.version,
    title: spec.title,
    title_en: spec.titleEn,
    description: spec.description,
    data_class: spec.dataClass,
    legal_bases: [...spec.legalBases],
    fields: [...spec.fields],
    subject_locator: spec.subjectLocator,
    openapi: buildServiceOpenApi({
      serviceCode: spec.code,
      version: spec.version,
      title: spec.title,
      titleEn: spec.titleEn,
      description: spec.description,
      method: spec.method,
      path: spec.path,
      ...(spec.params === undefined ? {} : { params: spec.params as unknown as Record<string, unknown> }),
      ...(spec.query === undefined ? {} : { query: spec.query as unknown as Record<string, unknown> }),
      response: spec.response as unknown as Record<string, unknown>,
      legalBases: spec.legalBases,
      dataClass: spec.dataClass,
      ...(spec.errors === undefined ? {} : { errors: spec.errors }),
    }),
  };
  return {
    kind: 'code',
    descriptor,
    register(app, deps) {
      const schema: Record<string, unknown> = {};
      if (spec.params !== undefined) schema['params'] = spec.params;
      if (spec.query !== undefined) schema['querystring'] = spec.query;
      app.route({
        method: spec.method,
        url: spec.path,
        schema,
        handler: async (request) => {
          const body = await spec.handler(deps.db, { params: request.params as P, query: request.query as Q, request, clock: deps.clock });
          return projectResponse(body, deps.fieldsOf(request));
        },
      });
    },
  };
}
