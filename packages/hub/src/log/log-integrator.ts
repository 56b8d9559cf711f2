import type { Clock } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { integrateStep } from './integrate-step.ts';
import type { SignerCache } from './load-log-signers.ts';
import type { PublishedCheckpoint } from './publish-checkpoint.ts';

export interface LogIntegratorOptions {
  readonly db: Db;
  readonly origin: string;
  readonly kek: Buffer;
  readonly clock: Clock;
  /** Cadence of integration rounds, ms; 0: no timer (tests call {@link LogIntegrator.integrate}). */
  readonly intervalMs: number;
  /** Entries per step (one transaction). Default 8,192: a few MB read, tens of ms of hashing. */
  readonly maxEntriesPerStep?: number;
  readonly signers?: SignerCache;
  /** Called for every checkpoint this process publishes (metrics, benchmarks). */
  readonly onCheckpoint?: (checkpoint: PublishedCheckpoint) => void;
  /** Called when a round fails or the audit log has a hole; the next round tries again. */
  readonly onError?: (error: unknown, context: { readonly gapAt?: number }) => void;
}

/** What one round (several steps) did. */
export interface IntegrationRound {
  /** Tree size after the round (unknown if another process held the lock throughout). */
  readonly size: number | undefined;
  readonly added: number;
  /** Checkpoints published by this process in the round. */
  readonly checkpoints: readonly PublishedCheckpoint[];
  /** True if another hub process was integrating. */
  readonly locked: boolean;
  /** First missing sequence number, if the audit log has a hole the tree cannot pass. */
  readonly gapAt?: number;
}

/** The transparency log's integrator in one hub process. */
export interface LogIntegrator {
  /**
   * Run one round now: integrate everything committed so far, in steps of at most
   * `maxEntriesPerStep`, and sign a checkpoint if the tree grew. During a long backlog a checkpoint
   * is also signed at least every `intervalMs`. Calls are serialised within the process.
   */
  integrate(): Promise<IntegrationRound>;
  /** Start the timer (fixed rate: a round ends every `intervalMs`; the next starts at once if one overran). */
  start(): void;
  /** Stop the timer and wait for a running round. */
  stop(): Promise<void>;
}

/**
 * Create the integrator. It runs on its own timer, never on the request path: a round reads the
 * entries the audit writer committed since the last round and extends the tree in batches, so
 * the cost per entry is one leaf hash, on average one interior hash, and one row write.
 */
export function createLogIntegrator(options: LogIntegratorOptions): LogIntegrator {
  const maxEntries = options.maxEntriesPerStep ?? 8192;
  const signers = options.signers ?? new Map();
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let stopping = false;
  let nextDue = 0;

  async function round(): Promise<IntegrationRound> {
    const started = performance.now();
    const checkpoints: PublishedCheckpoint[] = [];
    let added = 0;
    let size: number | undefined;
    let lastPublished = started;
    for (;;) {
      // Mid-backlog, still publish at the cadence, so verifiers see progress at least every interval.
      const publish = options.intervalMs > 0 && performance.now() - lastPublished >= options.intervalMs ? 'always' : 'caught-up';
      const step = await integrateStep(options.db, { origin: options.origin, kek: options.kek, nowMs: options.clock.now(), maxEntries, publish, signers });
      if (step.kind === 'locked') return { size, added, checkpoints, locked: true };
      size = step.size;
      added += step.added;
      if (step.checkpoint !== undefined) {
        checkpoints.push(step.checkpoint);
        lastPublished = performance.now();
        options.onCheckpoint?.(step.checkpoint);
      }
      if (step.gapAt !== undefined) {
        options.onError?.(new Error(`audit entry ${step.gapAt} is missing while later entries exist; the tree cannot grow past it`), { gapAt: step.gapAt });
        return { size, added, checkpoints, locked: false, gapAt: step.gapAt };
      }
      if (step.caughtUp || stopping) return { size, added, checkpoints, locked: false };
    }
  }

  const integrate = (): Promise<IntegrationRound> => {
    const next = chain.then(round);
    chain = next.catch(() => undefined);
    return next;
  };

  // Rounds are timed so that they *end*, and so publish, on a fixed cadence: a round starts early
  // by the duration of the previous one (at most half an interval). Checkpoints then come every
  // `intervalMs` while the log grows, rather than every `intervalMs` plus the time a round takes.
  let lastDuration = 0;
  function schedule(): void {
    if (!running) return;
    const delay = Math.max(0, nextDue - lastDuration - performance.now());
    timer = setTimeout(() => {
      const started = performance.now();
      integrate().catch((error: unknown) => options.onError?.(error, {})).finally(() => {
        lastDuration = Math.min(performance.now() - started, options.intervalMs / 2);
        nextDue = Math.max(nextDue + options.intervalMs, performance.now());
        schedule();
      });
    }, delay);
    // The integrator alone must not keep a process alive.
    timer.unref();
  }

  return {
    integrate,
    start() {
      if (running || options.intervalMs <= 0) return;
      running = true;
      nextDue = performance.now() + options.intervalMs;
      schedule();
    },
    async stop() {
      running = false;
      stopping = true;
      if (timer !== undefined) clearTimeout(timer);
      await chain;
    },
  };
}
