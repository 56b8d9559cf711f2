import swagger from '@fastify/swagger';
import type { onRequestAsyncHookHandler } from 'fastify';
import { NdxpError, createServer, systemClock, type Clock, type CreateServerOptions, type HttpServer } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { registerVerifyCitizen } from './routes/verify-citizen.ts';
import { registerVerifyCitizensBatch } from './routes/verify-citizens-batch.ts';
import { registerLookupCitizen } from './routes/lookup-citizen.ts';
import { registerGetHousehold } from './routes/get-household.ts';
import { registerListChanges } from './routes/list-changes.ts';
import { registerLinkDocument } from './routes/link-document.ts';

/**
 * A check run before every `/v1` route (Fastify `onRequest`): where the composer plugs in the
 * provider SDK's verification of the hub-signed assertion, so the NPDB trusts only the hub. It
 * rejects by throwing (an NdxpError becomes problem+json) or by sending a reply.
 */
export type NpdbGuard = onRequestAsyncHookHandler;

export interface NpdbAppOptions {
  readonly db: Db;
  /** A pino logger, or `false`/absent for none. */
  readonly logger?: CreateServerOptions['logger'];
  readonly clock?: Clock;
  readonly guard?: NpdbGuard;
}

/** Largest request body: a full verify batch is ~20 KB. */
const BODY_LIMIT = 64 * 1024;

/** OpenAPI 3.1 document metadata of the NPDB service. */
const OPENAPI_INFO = {
  title: 'NPDB: Cơ sở dữ liệu quốc gia về dân cư (reference implementation)',
  version: '1',
  description:
    'Reference National Population Database with synthetic citizens: identity verification, lookup projected to the fields granted, households, change feed, and documents linked by sectoral systems. Fields follow the Law on Identification 2023, Art. 9. Every error is RFC 9457 application/problem+json with a stable `code` (docs/errors.md).',
};

/**
 * Assemble the NPDB HTTP service (not listening). `/healthz` and `/openapi.json` are open; every
 * `/v1` route runs `guard` first.
 */
export function buildNpdbApp(options: NpdbAppOptions): HttpServer {
  const { db, guard } = options;
  const clock = options.clock ?? systemClock;
  const app = createServer({ name: 'npdb', logger: options.logger ?? false, bodyLimit: BODY_LIMIT });
  // Every request body is JSON; Fastify's default text/plain parser would turn a form posted as
  // text into a string that then fails validation, instead of an honest 415.
  app.removeContentTypeParser('text/plain');
  void app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: OPENAPI_INFO,
      tags: [
        { name: 'citizens', description: 'Công dân / citizens' },
        { name: 'households', description: 'Hộ gia đình / households' },
        { name: 'changes', description: 'Biến động / change feed' },
      ],
    },
  });
  app.get('/healthz', { schema: { hide: true } }, async () => {
    try {
      await db.query('SELECT 1');
    } catch (error) {
      throw new NdxpError('UNAVAILABLE', { cause: error });
    }
    return { status: 'ok' };
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  void app.register(async (v1: HttpServer) => {
    if (guard !== undefined) v1.addHook('onRequest', guard);
    registerVerifyCitizen(v1, db);
    registerVerifyCitizensBatch(v1, db);
    registerLookupCitizen(v1, db);
    registerGetHousehold(v1, db);
    registerListChanges(v1, db);
    registerLinkDocument(v1, db, clock);
  });
  return app;
}
