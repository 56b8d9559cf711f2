import { Type } from 'typebox';
import { NdxpError, type HttpServer } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { HubState } from '../state/hub-state.ts';
import type { HubMetrics } from './hub-metrics.ts';

/** What the operations endpoints look at. */
export interface OperationsDeps {
  readonly db: Queryable;
  readonly state: HubState;
  readonly audit: AuditWriter;
  readonly metrics: HubMetrics;
  /** How long /readyz waits for the database, ms (default 1000). */
  readonly readinessTimeoutMs?: number;
}

const NoQuery = Type.Object({}, { additionalProperties: false });

async function databaseReachable(db: Queryable, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([db.query('SELECT 1').then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Operations endpoints for orchestrators and Prometheus:
 * - `GET /healthz`: the process is alive and its event loop turns (liveness; no dependencies, so
 *   a database outage does not get the hub restarted in a loop);
 * - `GET /readyz`: the hub can serve exchanges: database reachable, state loaded, audit writer
 *   healthy (readiness; a load balancer stops sending traffic while it fails, 503 problem+json
 *   with the failed checks);
 * - `GET /metrics`: Prometheus text exposition of this hub's registry.
 */
export function registerOperations(app: HttpServer, deps: OperationsDeps): void {
  app.get('/healthz', { schema: { hide: true, querystring: NoQuery } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true, querystring: NoQuery } }, async () => {
    const timeout = deps.readinessTimeoutMs ?? 1000;
    const checks = {
      database: await databaseReachable(deps.db, timeout),
      state: deps.state.loaded(),
      audit: deps.audit.healthy() || (await deps.audit.probe(timeout)),
    };
    if (!checks.database || !checks.state || !checks.audit) throw new NdxpError('UNAVAILABLE', { extensions: { checks } });
    return { status: 'ready', checks };
  });

  app.get('/metrics', { schema: { hide: true, querystring: NoQuery } }, async (_request, reply) => {
    return reply.type(deps.metrics.contentType).send(await deps.metrics.render());
  });
}
