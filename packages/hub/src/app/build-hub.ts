import swagger from '@fastify/swagger';
import { createLogger, createServer, systemClock, type Clock, type HttpServer } from '@ndxp/core';
import { loadMigrations, migrate, type Db } from '@ndxp/db';
import { registerAuditRoutes } from '../audit/audit-routes.ts';
import { registerControlPlane } from '../control/register-control-plane.ts';
import { seedDemoUsers } from '../control/users/seed-demo-users.ts';
import { createHubKeyring } from '../identity/hub-keyring.ts';
import { registerTokenRoutes } from '../identity/token-routes.ts';
import { registerPlanRoutes } from '../plan/plan-routes.ts';
import { registerDataPlane } from '../exchange/register-data-plane.ts';
import { startExchange, type Exchange, type ExchangeOptions } from '../exchange/start-exchange.ts';
import { registerOperations } from '../metrics/register-operations.ts';
import { registerLogApiRoutes } from '../log/log-api-routes.ts';
import { registerLogRoutes } from '../log/log-routes.ts';
import { startTransparencyLog, type TransparencyLog, type TransparencyLogOptions } from '../log/start-transparency-log.ts';
import { registerWebApp } from '../web/register-web-app.ts';
import { createHubState, type HubState } from '../state/hub-state.ts';
import type { HubConfig } from './hub-config.ts';
import type { HubContext, HubLogger } from './hub-context.ts';

export interface BuildHubOptions {
  readonly db: Db;
  readonly config: HubConfig;
  /** Default: the system clock. Tests pass a fixed clock. */
  readonly clock?: Clock;
  /** Default: a pino logger at `config.logLevel`; `false` logs nothing (tests). */
  readonly logger?: HubLogger | false;
  /** Tuning of the data plane (audit batching, provider pools, circuit breakers...). */
  readonly exchange?: Omit<ExchangeOptions, 'state'>;
  /** Tuning of the transparency log (tests: `intervalMs: 0` and explicit `hub.log.integrate()`). */
  readonly log?: TransparencyLogOptions;
}

/** An assembled hub, not yet listening. */
export interface Hub {
  readonly app: HttpServer;
  readonly ctx: HubContext;
  readonly state: HubState;
  /** The data plane: audit writer, metrics, provider pools. */
  readonly exchange: Exchange;
  /** The transparency log: integrator, checkpoints, keys. */
  readonly log: TransparencyLog;
  /** Stop serving, stop listening for changes. Does not close the database (the caller opened it). */
  close(): Promise<void>;
}

/** Longest lifetime of a hub assertion to providers (see the hub contract), seconds. */
const HUB_ASSERTION_TTL_S = 60;

/**
 * Assemble the hub: migrate the database, open the signing keyring, load the in-memory state,
 * and register every route (token endpoint and JWKS, control plane, data plane, operations).
 * One readable place that lists the parts, in the order a request meets them.
 */
export async function buildHub(options: BuildHubOptions): Promise<Hub> {
  const { db, config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger === undefined ? createLogger('hub', config.logLevel) : options.logger;

  await migrate(db, await loadMigrations(new URL('../migrations/', import.meta.url)));
  const keyring = await createHubKeyring({
    db,
    kek: config.kek,
    clock,
    // A retired key stays published while anything it signed may still be presented.
    retainRetiredSeconds: Math.max(config.tokenTtlSeconds, config.sessionTtlSeconds, HUB_ASSERTION_TTL_S) + config.clockSkewSeconds,
  });
  if (config.demo) {
    const created = await seedDemoUsers(db, { scryptLogN: config.scryptLogN, nowMs: clock.now() });
    if (created.length > 0 && logger !== false) logger.warn({ users: created }, 'demo users created (NDXP_DEMO)');
  }

  const app = createServer({ name: 'hub', logger: logger === false ? false : logger, bodyLimit: config.controlBodyLimit, trustProxy: config.trustProxy });
  const ctx: HubContext = { db, config, clock, logger: logger === false ? createLogger('hub', 'silent') : logger, keyring };
  // Keys, services and grants in memory, refreshed on NOTIFY ndxp_hub_changed; reloads the keyring
  // when another hub process rotates it.
  const state = await createHubState({ db, keys: keyring, onError: (message, error) => ctx.logger.error({ err: error }, message) });

  let exchange: Exchange | undefined;
  let log: TransparencyLog | undefined;
  try {
    // OpenAPI 3.1 of the hub's own API, generated from the routes' TypeBox schemas.
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'NDXP hub',
          version: '1',
          description: 'Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP): token endpoint, control plane and catalogue. Every error is RFC 9457 application/problem+json with a stable `code` (docs/errors.md).',
        },
        servers: [{ url: config.issuer }],
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      },
    });

    // The data plane's machinery: group-commit audit writer (fail closed), quota limiter, provider
    // pools and circuit breakers, metrics. It shares the state loaded above.
    exchange = await startExchange(ctx, { ...options.exchange, state });
    // The transparency log over the audit entries: its own timer integrates them into the Merkle
    // tree and signs a checkpoint every interval while the log grows (never on the request path).
    const transparencyLog = await startTransparencyLog(ctx, options.log);
    log = transparencyLog;

    await registerTokenRoutes(app, ctx);
    // Routes inside the control plane's session scope: the operator's audit tail, the subject query.
    await registerControlPlane(app, ctx, { extraRoutes: [(api) => registerAuditRoutes(api, ctx), (api) => registerLogApiRoutes(api, transparencyLog)] });
    // Action plan monitoring (Decision 47 item IV.3): status of each connection from live traffic.
    await registerPlanRoutes(app, ctx);
    // {METHOD} /x/{member}/{subsystem}/{service}/{version}/{path}: authenticate → authorise →
    // forward → project → audit, in its own encapsulated context (raw bodies).
    registerDataPlane(app, exchange);
    // /log/v1/*: checkpoints, proofs, entries, tiles, keys; public, for anyone to verify.
    await registerLogRoutes(app, transparencyLog);
    // /healthz, /readyz, /metrics.
    registerOperations(app, { db, state, audit: exchange.audit, metrics: exchange.metrics });

    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    // The operator console's static files, with SPA fallback and a nonce CSP (last: API prefixes
    // keep answering problem+json 404s).
    if (config.webDistDir !== undefined) await registerWebApp(app, { distDir: config.webDistDir });
    await app.ready();
  } catch (error) {
    // Leave nothing running behind a failed start (timers, LISTEN connection, provider pools).
    await app.close().catch(() => undefined);
    await log?.close().catch(() => undefined);
    await exchange?.close().catch(() => undefined);
    await state.close().catch(() => undefined);
    throw error;
  }
  const running = exchange;
  const runningLog = log as TransparencyLog;
  return {
    app,
    ctx,
    state,
    exchange: running,
    log: runningLog,
    async close() {
      await app.close();
      // Flush queued audit entries before the state and the database go away.
      await running.close();
      await runningLog.close();
      await state.close();
    },
  };
}
