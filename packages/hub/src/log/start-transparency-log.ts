import type { HubContext } from '../app/hub-context.ts';
import type { SubjectHasher } from '../audit/subject-hasher.ts';
import { TileCache } from './db-tile-reader.ts';
import { ensureLogIdentity } from './ensure-log-identity.ts';
import type { SignerCache } from './load-log-signers.ts';
import { createLogIntegrator, type IntegrationRound, type LogIntegrator } from './log-integrator.ts';
import type { PublishedCheckpoint } from './publish-checkpoint.ts';
import { rotateLogKey, type LogKeyRotation } from './rotate-log-key.ts';
import { subjectHashers } from './subject-hashers.ts';

export interface TransparencyLogOptions {
  /** Override `config.logIntegration`. */
  readonly integration?: boolean;
  /** Override `config.logIntervalMs`; 0 runs no timer (tests call `integrate()`). */
  readonly intervalMs?: number;
  /** Entries per integration transaction. */
  readonly maxEntriesPerStep?: number;
  readonly onCheckpoint?: (checkpoint: PublishedCheckpoint) => void;
}

/** The running transparency log of one hub process. */
export interface TransparencyLog {
  readonly ctx: HubContext;
  readonly origin: string;
  /** Whether this process integrates (NDXP_LOG_INTEGRATION). */
  readonly integrating: boolean;
  /** Tiles shared by every proof this process serves. */
  readonly tiles: TileCache;
  /** Subject HMAC keys, current first. */
  readonly hashers: readonly SubjectHasher[];
  /** Run an integration round now (whether or not the timer runs). */
  integrate(): Promise<IntegrationRound>;
  /** Rotate the signing key (operator action); the old key co-signs for the configured overlap. */
  rotateKey(overlapSeconds?: number): Promise<LogKeyRotation>;
  /** Stop integrating (waits for a running round). */
  close(): Promise<void>;
}

/**
 * Start the transparency log: fix its identity (origin, first key, first checkpoint) and, unless
 * integration is switched off, start the integrator's timer. Several hub processes may do this
 * against one PostgreSQL: they share the identity, and one at a time integrates.
 */
export async function startTransparencyLog(ctx: HubContext, options: TransparencyLogOptions = {}): Promise<TransparencyLog> {
  const { db, config, clock, logger } = ctx;
  const log = logger.child({ component: 'transparency-log' });
  const signers: SignerCache = new Map();
  const origin = config.logOrigin;
  await ensureLogIdentity(db, { origin, kek: config.kek, nowMs: clock.now(), signers });
  const integrating = options.integration ?? config.logIntegration;
  let lastGapReported: number | undefined;
  const integrator: LogIntegrator = createLogIntegrator({
    db,
    origin,
    kek: config.kek,
    clock,
    intervalMs: options.intervalMs ?? config.logIntervalMs,
    signers,
    ...(options.maxEntriesPerStep === undefined ? {} : { maxEntriesPerStep: options.maxEntriesPerStep }),
    ...(options.onCheckpoint === undefined ? {} : { onCheckpoint: options.onCheckpoint }),
    onError: (err, { gapAt }) => {
      // A hole in the audit log stops the tree for good; say so once per hole, loudly.
      if (gapAt !== undefined) {
        if (lastGapReported !== gapAt) log.error({ gapAt }, 'audit log has a hole: the transparency log cannot grow past it');
        lastGapReported = gapAt;
        return;
      }
      log.error({ err }, 'transparency log integration failed; retrying next round');
    },
  });
  if (integrating) integrator.start();
  else log.warn('transparency log integration is off (NDXP_LOG_INTEGRATION=false): entries stay durable but no checkpoints are signed');
  return {
    ctx,
    origin,
    integrating,
    tiles: new TileCache(1024),
    hashers: subjectHashers(config.auditSubjectKey, config.auditSubjectRetiredKeys),
    integrate: () => integrator.integrate(),
    async rotateKey(overlapSeconds = config.logKeyOverlapSeconds) {
      const rotation = await rotateLogKey(db, { origin, kek: config.kek, nowMs: clock.now(), overlapSeconds });
      log.warn({ keyId: rotation.key.keyId, retiring: rotation.retiring.map((r) => r.keyId) }, 'transparency log key rotated');
      return rotation;
    },
    close: () => integrator.stop(),
  };
}
