import type { Db } from '@ndxp/db';
import { buildNpdbApp } from './build-app.ts';

/** A database that refuses every use: the OpenAPI document is built without one. */
const NO_DATABASE: Db = {
  kind: 'pglite',
  query: () => Promise.reject(new Error('no database: building the OpenAPI document only')),
  transaction: () => Promise.reject(new Error('no database: building the OpenAPI document only')),
  exec: () => Promise.reject(new Error('no database: building the OpenAPI document only')),
  listen: () => Promise.reject(new Error('no database: building the OpenAPI document only')),
  copyFrom: () => Promise.reject(new Error('no database: building the OpenAPI document only')),
  close: () => Promise.resolve(),
};

/**
 * The NPDB's OpenAPI 3.1 document, as `/openapi.json` serves it, for registering the services in
 * the hub catalogue without running the NPDB. Generated from the same route schemas that
 * validate requests.
 */
export async function npdbOpenApiDocument(): Promise<Record<string, unknown>> {
  const app = buildNpdbApp({ db: NO_DATABASE });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
