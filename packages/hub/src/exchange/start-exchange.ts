import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db } from '@ndxp/db';
import type { HubContext } from '../app/hub-context.ts';
import { createAuditWriter, type AuditWriter } from '../audit/audit-writer.ts';
import { ensureLogPartitions } from '../audit/ensure-log-partitions.ts';
import { createSubjectHasher } from '../audit/subject-hasher.ts';
import { createHubMetrics, type HubMetrics } from '../metrics/hub-metrics.ts';
import { createHubState, type HubState } from '../state/hub-state.ts';
import { createAuthenticator } from './authenticate.ts';
import type { DataPlaneDeps } from './data-plane-pipeline.ts';
import { createProviderCircuits } from './provider-circuits.ts';
import { createProviderPools } from './provider-pools.ts';
import { createQuotaLimiter } from './quota-limiter.ts';
import { purgeQuotaUsage } from './purge-quota-usage.ts';

/** Quota counters are kept this long after their window, then purged (every 10 minutes). */
const QUOTA_USAGE_RETENTION_MS = 60 * 60_000;

/** Tuning of the data plane; every default is production-sane. */
export interface ExchangeOptions {
  /** An already loaded state cache to share (the assembly may create it first); not closed by `close()`. */
  readonly state?: HubState;
  /** Database for audit appends (default: the hub's). Tests pass a separate one to break it. */
  readonly auditDb?: Db;
  /** Entries per audit statement (default 512). */
  readonly auditMaxBatch?: number;
  /** An audit flush not committed after this long fails closed (default 2000 ms). */
  readonly auditFlushTimeoutMs?: number;
  /** Keep-alive connections per provider origin (default 64). */
  readonly providerConnections?: number;
  /** Consecutive provider failures that open its circuit (default 5). */
  readonly circuitFailureThreshold?: number;
  /** Open-circuit cool-down before a probe, ms (default 30 000). */
  readonly circuitCooldownMs?: number;
  /** Largest provider response buffered and projected, bytes (default 8 MiB). */
  readonly maxResponseBytes?: number;
  /** Verified access tokens remembered (default 10 000). */
  readonly tokenCacheSize?: number;
  /** Full state reload period, ms (default 60 000; 0 disables). */
  readonly stateRefreshMs?: number;
  /** Export Node.js process metrics (default true). */
  readonly processMetrics?: boolean;
  /** This process's name in audit entries (default `host:pid:random`). */
  readonly instanceId?: string;
}

/** The running data plane: its dependencies, plus what /readyz and shutdown need. */
export interface Exchange extends DataPlaneDeps {
  readonly audit: AuditWriter;
  readonly state: HubState;
  readonly metrics: HubMetrics;
  /** Stop: flush the audit queue, stop listening, close provider connections. */
  close(): Promise<void>;
}

/**
 * Start the exchange: load the in-memory state (and LISTEN for changes), start the group-commit
 * audit writer, the quota limiter sharing its counters through it, the provider pools and
 * circuit breakers, and the metrics. Called once by the hub assembly; then
 * `registerDataPlane(app, exchange)` and `registerOperations(app, exchange)`.
 */
export async function startExchange(ctx: HubContext, options: ExchangeOptions = {}): Promise<Exchange> {
  const { db, config, clock, logger, keyring } = ctx;
  const log = logger.child({ component: 'exchange' });
  const metrics = createHubMetrics({ processMetrics: options.processMetrics ?? true });
  const state = options.state ?? await createHubState({
    db,
    keys: keyring,
    refreshIntervalMs: options.stateRefreshMs ?? 60_000,
    onError: (message, err) => log.error({ err }, message),
  });
  const ownsState = options.state === undefined;
  const quota = createQuotaLimiter();
  const auditDb = options.auditDb ?? db;
  // Room in the audit log before the first exchange, so no request waits for the DDL (the writer
  // keeps making room ahead from here on).
  const coveredUpTo = await ensureLogPartitions(auditDb, config.logPartitionSize);
  const audit = createAuditWriter({
    db: auditDb,
    quota,
    partitionSize: config.logPartitionSize,
    coveredUpTo,
    now: () => clock.now(),
    ...(options.auditMaxBatch === undefined ? {} : { maxBatch: options.auditMaxBatch }),
    ...(options.auditFlushTimeoutMs === undefined ? {} : { flushTimeoutMs: options.auditFlushTimeoutMs }),
    observer: { onFlush: (n, s, ok) => metrics.auditFlush(n, s, ok) },
    onError: (err) => log.error({ err }, 'audit store error (flush or partition look-ahead)'),
  });
  const pools = createProviderPools({ connections: options.providerConnections ?? 64 });
  const circuits = createProviderCircuits({
    clock,
    ...(options.circuitFailureThreshold === undefined ? {} : { failureThreshold: options.circuitFailureThreshold }),
    ...(options.circuitCooldownMs === undefined ? {} : { cooldownMs: options.circuitCooldownMs }),
    onStateChange: (provider, s) => {
      metrics.circuit(provider, s);
      log.warn({ provider, circuit: s }, 'provider circuit changed state');
    },
  });
  const authenticate = createAuthenticator({
    issuer: config.issuer,
    clock,
    clockSkewSeconds: config.clockSkewSeconds,
    key: (kid) => keyring.verificationKey(kid),
    ...(options.tokenCacheSize === undefined ? {} : { cacheSize: options.tokenCacheSize }),
  });
  // Background housekeeping, never on the hot path. Several hub processes may run it at once:
  // DELETE of the same old rows is idempotent.
  const purge = setInterval(() => {
    purgeQuotaUsage(db, clock.now() - QUOTA_USAGE_RETENTION_MS).catch((err: unknown) => log.warn({ err }, 'quota usage purge failed'));
  }, 10 * 60_000);
  purge.unref();
  return {
    issuer: config.issuer,
    clock,
    instanceId: options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    state,
    authenticate,
    quota,
    audit,
    subjects: createSubjectHasher(config.auditSubjectKey),
    pools,
    circuits,
    signingKey: () => keyring.current(),
    metrics,
    maxResponseBytes: options.maxResponseBytes ?? 8 * 1024 * 1024,
    async close() {
      clearInterval(purge);
      await audit.close();
      if (ownsState) await state.close();
      await pools.close();
    },
  };
}
