import type { QuotaUsageSync } from '../audit/audit-writer.ts';
import type { QuotaDelta, QuotaTotal } from '../audit/append-entries.ts';

/** Length of a quota window: grants carry `quota_per_minute`. */
export const QUOTA_WINDOW_MS = 60_000;

/** The answer of {@link QuotaLimiter.admit}. */
export type QuotaDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number; readonly limit: number };

/** Per-grant fixed-window rate limiter whose counters are shared through the audit appends. */
export interface QuotaLimiter extends QuotaUsageSync {
  /** Count one call on `grantId` if the window still has room. */
  admit(grantId: string, limitPerMinute: number, nowMs: number): QuotaDecision;
}

interface GrantWindow {
  windowStartMs: number;
  /** Latest shared total read back from the database (all hub processes). */
  confirmed: number;
  /** Admitted here and not yet reflected in `confirmed`. */
  unconfirmed: number;
  /** Admitted here and not yet handed to an append. */
  pending: number;
}

/**
 * Per-grant quota over fixed one-minute windows aligned to the clock (window = floor(t / 60 s)).
 *
 * Across several hub processes: every audit append statement adds the admissions this process
 * made since its previous append to `grant_quota_usage` and reads back the shared total, so each
 * process decides with `confirmed total (all processes) + its own admissions not yet confirmed`.
 * The decision itself stays in memory (no database read on the hot path); the cost is one
 * upsert riding along with a statement that runs anyway.
 *
 * What this guarantees, honestly: within one process the limit is exact. With P processes, a
 * process does not see another's admissions until its own next append returns (at most one audit
 * flush, typically a millisecond or two, or until its first call on that grant in the window), so
 * a window can be overrun by at most the calls the *other* processes admitted during that lag.
 * Under steady traffic that is a few calls; it is never unbounded, and the shared counter in
 * PostgreSQL records the true total.
 */
export function createQuotaLimiter(): QuotaLimiter {
  const windows = new Map<string, GrantWindow>();

  return {
    admit(grantId, limit, nowMs) {
      const start = nowMs - (nowMs % QUOTA_WINDOW_MS);
      let w = windows.get(grantId);
      if (w === undefined || w.windowStartMs !== start) {
        // A new window. Admissions of the old one still pending are dropped: their window is over.
        w = { windowStartMs: start, confirmed: 0, unconfirmed: 0, pending: 0 };
        windows.set(grantId, w);
      }
      if (w.confirmed + w.unconfirmed >= limit) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((start + QUOTA_WINDOW_MS - nowMs) / 1000)), limit };
      }
      w.unconfirmed++;
      w.pending++;
      return { ok: true };
    },

    drain(nowMs) {
      const out: QuotaDelta[] = [];
      const current = nowMs - (nowMs % QUOTA_WINDOW_MS);
      for (const [grantId, w] of windows) {
        if (w.pending > 0) {
          out.push({ grantId, windowStartMs: w.windowStartMs, count: w.pending });
          w.pending = 0;
        } else if (w.windowStartMs < current && w.unconfirmed === 0) {
          windows.delete(grantId); // a finished window with nothing in flight
        }
      }
      return out;
    },

    settle(deltas, totals: readonly QuotaTotal[]) {
      for (const d of deltas) {
        const w = windows.get(d.grantId);
        if (w === undefined || w.windowStartMs !== d.windowStartMs) continue;
        w.unconfirmed = Math.max(0, w.unconfirmed - d.count);
        const t = totals.find((x) => x.grantId === d.grantId && x.windowStartMs === d.windowStartMs);
        if (t !== undefined) w.confirmed = Math.max(w.confirmed, t.used);
      }
    },

    restore(deltas) {
      for (const d of deltas) {
        const w = windows.get(d.grantId);
        if (w !== undefined && w.windowStartMs === d.windowStartMs) w.pending += d.count;
      }
    },
  };
}
