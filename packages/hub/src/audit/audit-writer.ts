import { NdxpError } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import { appendEntries, type QuotaDelta, type QuotaTotal } from './append-entries.ts';
import { canonicalEntry, type AuditEntry } from './audit-entry.ts';
import { DEFAULT_LOG_PARTITION_SIZE, ensureLogPartitions } from './ensure-log-partitions.ts';

/**
 * Quota counters that ride along with each audit append (see exchange/quota-limiter.ts). The
 * writer only moves numbers between the limiter and the database; it knows nothing of quotas.
 */
export interface QuotaUsageSync {
  /** Take the admissions not yet written (at most one delta per grant and window). */
  drain(nowMs: number): QuotaDelta[];
  /** The append that carried `deltas` committed; `totals` are the shared counters after it. */
  settle(deltas: readonly QuotaDelta[], totals: readonly QuotaTotal[]): void;
  /** The append that carried `deltas` failed; give them back for the next one. */
  restore(deltas: readonly QuotaDelta[]): void;
}

/** Observer of every flush, for metrics. */
export interface AuditFlushObserver {
  onFlush(batchSize: number, seconds: number, ok: boolean): void;
}

export interface AuditWriterOptions {
  readonly db: Queryable;
  /** Largest number of entries in one append statement (default 512). */
  readonly maxBatch?: number;
  /** Flushes in flight at once (default 2; see {@link createAuditWriter}). */
  readonly maxInFlight?: number;
  /** Entries waiting beyond this are refused at once (back-pressure; default 20 000). */
  readonly maxQueue?: number;
  /**
   * A flush that has not committed after this long fails its batch with AUDIT_UNAVAILABLE
   * (default 2000 ms). Until the stuck statement settles, new appends are refused at once
   * rather than queued behind it: fail closed, and fast.
   */
  readonly flushTimeoutMs?: number;
  /**
   * Entries per partition of the audit log (default {@link DEFAULT_LOG_PARTITION_SIZE}). The writer
   * keeps at least half a partition of room ahead of the log, off the request path.
   */
  readonly partitionSize?: number;
  /**
   * The first sequence number the partitions do not cover, when the caller has just made sure of it
   * (`ensureLogPartitions`); without it the writer asks after its first flush.
   */
  readonly coveredUpTo?: number;
  readonly quota?: QuotaUsageSync;
  readonly observer?: AuditFlushObserver;
  /** Clock for quota windows. */
  readonly now?: () => number;
  /** Called with the cause of a failed flush or partition look-ahead (server-side logging; never sent to clients). */
  readonly onError?: (error: unknown) => void;
}

/** Group-committing, fail-closed writer of audit entries. */
export interface AuditWriter {
  /**
   * Queue an entry. Resolves with its sequence number once the entry is durable (committed);
   * rejects with `AUDIT_UNAVAILABLE` if it could not be written. Callers must not release the
   * exchange's data before it resolves.
   */
  append(entry: AuditEntry): Promise<number>;
  /** False after a failed flush, until a later one succeeds (for /readyz). */
  healthy(): boolean;
  /** Entries waiting to be flushed. */
  pending(): number;
  /**
   * Check the audit store answers (readiness). After a failed flush the writer stays unhealthy
   * until something succeeds; without traffic nothing would, so /readyz probes instead: a
   * successful probe makes the writer healthy again.
   */
  probe(timeoutMs?: number): Promise<boolean>;
  /** Flush what is queued and stop accepting entries. */
  close(): Promise<void>;
}

interface Waiting {
  readonly text: string;
  resolve(seq: number): void;
  reject(error: NdxpError): void;
}

class FlushTimeout extends Error {}

/**
 * Create the audit writer. Group commit: entries appended while a flush is in flight are
 * collected and written together by the next flush, as one statement; when the writer is idle an
 * entry is flushed on the next turn of the event loop (`setImmediate`, so entries from the same
 * tick share a batch) with no added linger. Under load this gives one round trip per batch
 * rather than per request; at low load it adds no delay.
 *
 * Up to `maxInFlight` flushes (default 2) run at once, on different connections. They still
 * commit one after the other (the sequence row lock serialises them), but the next batch is
 * already waiting in the database when the previous one commits, so the client round trip and
 * the hub's own work on the previous results no longer leave the database idle between commits.
 * Entries appended concurrently carry no order among themselves; an entry appended after another
 * became durable always gets a larger sequence number.
 */
export function createAuditWriter(options: AuditWriterOptions): AuditWriter {
  const maxBatch = options.maxBatch ?? 512;
  const maxQueue = options.maxQueue ?? 20_000;
  const maxInFlight = options.maxInFlight ?? 2;
  const flushTimeoutMs = options.flushTimeoutMs ?? 2000;
  const now = options.now ?? Date.now;
  const partitionSize = options.partitionSize ?? DEFAULT_LOG_PARTITION_SIZE;
  /** First sequence number no partition covers, as last seen (0: not asked yet). */
  let covered = options.coveredUpTo ?? 0;
  let extending: Promise<void> | undefined;
  let queue: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;
  /** Timed-out statements that have not settled yet. */
  let stuck = 0;
  let ok = true;
  let closed = false;
  let idle: (() => void) | undefined;

  const unavailable = (detail: string, cause?: unknown): NdxpError => new NdxpError('AUDIT_UNAVAILABLE', { detail, cause });

  function schedule(): void {
    if (scheduled || inFlight >= maxInFlight || stuck > 0 || queue.length === 0) {
      if (inFlight === 0 && queue.length === 0 && idle !== undefined) idle();
      return;
    }
    scheduled = true;
    setImmediate(flush);
  }

  /**
   * Make the next partition before the log reaches it, so appends never pay for the DDL; an append
   * that finds no partition still makes one itself (append-entries.ts).
   */
  function lookAhead(nextSeq: number): void {
    if (extending !== undefined || nextSeq + partitionSize / 2 < covered) return;
    extending = ensureLogPartitions(options.db, partitionSize).then(
      (c) => void (covered = c),
      (error: unknown) => options.onError?.(error),
    ).finally(() => {
      extending = undefined;
    });
  }

  function flush(): void {
    scheduled = false;
    if (inFlight >= maxInFlight || stuck > 0 || queue.length === 0) return;
    inFlight++;
    const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
    queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
    const deltas = options.quota?.drain(now()) ?? [];
    const started = performance.now();
    const write = appendEntries(options.db, batch.map((w) => w.text), deltas, { partitionSize });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FlushTimeout('audit flush timed out')), flushTimeoutMs);
    });
    Promise.race([write, deadline]).then(
      (result) => {
        clearTimeout(timer);
        ok = true;
        options.quota?.settle(deltas, result.quota);
        batch.forEach((w, i) => w.resolve(result.firstSeq + i));
        options.observer?.onFlush(batch.length, (performance.now() - started) / 1000, true);
        lookAhead(result.firstSeq + batch.length);
      },
      (error: unknown) => {
        clearTimeout(timer);
        ok = false;
        options.quota?.restore(deltas);
        options.onError?.(error);
        const e = unavailable('the audit store did not accept the entry', error);
        for (const w of batch) w.reject(e);
        options.observer?.onFlush(batch.length, (performance.now() - started) / 1000, false);
        if (error instanceof FlushTimeout) {
          // The statement may still be running (or hang forever on a dead connection). Refuse new
          // entries until it settles instead of piling statements onto a sick database.
          stuck++;
          write.then(
            () => undefined,
            () => undefined,
          ).finally(() => {
            stuck--;
            schedule();
          });
        }
      },
    ).finally(() => {
      inFlight--;
      schedule();
    });
    // Another batch may start at once if there is more waiting and a slot left.
    schedule();
  }

  return {
    append(entry) {
      if (closed) return Promise.reject(unavailable('the audit writer is closed'));
      if (stuck > 0) return Promise.reject(unavailable('the audit store is not answering'));
      if (queue.length >= maxQueue) return Promise.reject(unavailable('too many audit entries waiting'));
      const text = canonicalEntry(entry);
      return new Promise<number>((resolve, reject) => {
        queue.push({ text, resolve, reject });
        schedule();
      });
    },
    healthy: () => ok && stuck === 0 && !closed,
    pending: () => queue.length,
    async probe(timeoutMs = 1000) {
      if (closed || stuck > 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const check = options.db.query('SELECT next_seq, EXISTS (SELECT 1 FROM audit_log LIMIT 1) AS any FROM audit_log_state').then((r) => r.rows.length === 1, () => false);
      const reachable = await Promise.race([check, deadline]).finally(() => clearTimeout(timer));
      if (reachable && inFlight === 0) ok = true;
      return reachable;
    },
    async close() {
      closed = true;
      await extending;
      if (stuck > 0) {
        const e = unavailable('the audit writer is closed');
        for (const w of queue.splice(0)) w.reject(e);
      }
      if (inFlight === 0 && !scheduled && queue.length === 0) return;
      await new Promise<void>((resolve) => {
        idle = resolve;
        schedule();
      });
    },
  };
}
