/**
 * The action plan of Decision 47/QĐ-BTTTT (18 Jan 2022) as data, and what the hub measures about
 * each item. Status is never set by hand: it is computed from the catalogue, the grants and the
 * audit log (see compute-item-status.ts).
 */

export type PlanSection = 'institutions' | 'connections' | 'public-services' | 'coordination';

/** One item of the plan's appendix, as in `action-plan.json`. */
export interface PlanItem {
  /** `I.1` … `IV.4`. */
  readonly id: string;
  readonly section: PlanSection;
  /** Task (sections I, III, IV) or peer database (section II), Vietnamese and English. */
  readonly title_vi: string;
  readonly title_en: string;
  readonly lead: string;
  readonly coordinating: readonly string[];
  /** `YYYY-MM` (end of that month) or `ongoing`. */
  readonly deadline: string;
  readonly deadline_note?: string;
  readonly product_vi: string;
}

/**
 * How a linked exchange relates to the item. For a section II connection between the NPDB and a
 * sectoral database: `consumes` = the sectoral system calls an NPDB service; `provides` = someone
 * (the NPDB side, a portal) calls the sectoral system's service. "Put into use" needs traffic in
 * every direction the item requires.
 */
export type LinkRole = 'consumes' | 'provides';

/** A (consumer subsystem, service) pair that implements an item, with its live connectivity. */
export interface PlanLink {
  readonly itemId: string;
  readonly role: LinkRole;
  readonly serviceId: string;
  readonly consumerId: string;
  /** The service is catalogued with status `active`. */
  readonly serviceActive: boolean;
  /** An `active` grant for this consumer and service is within its validity window now. */
  readonly grantActive: boolean;
}

/** Exchanges over one link within the window (from the audit log). */
export interface LinkTraffic {
  readonly serviceId: string;
  readonly consumerId: string;
  /** Answered with 2xx. */
  readonly ok: number;
  /** Refused or answered with 4xx (a wrong request, an unknown person: not a fault of the connection). */
  readonly clientErrors: number;
  /** 5xx: the hub or the provider failed. These make a connection degraded. */
  readonly serverErrors: number;
  /** First 2xx exchange ever on this link (ms since epoch), or null. */
  readonly firstOkAtMs: number | null;
}

export interface StatusThresholds {
  /** Traffic older than this does not count ("in use within a window"). */
  readonly windowMs: number;
  /** Share of 5xx among the window's exchanges above which an item is `degraded`. */
  readonly maxErrorRate: number;
  /** Fewest exchanges in the window before the error rate is judged (1 failure in 1 call is noise). */
  readonly minExchangesForErrorRate: number;
}

export const DEFAULT_THRESHOLDS: StatusThresholds = {
  windowMs: 7 * 24 * 3600 * 1000,
  maxErrorRate: 0.05,
  minExchangesForErrorRate: 20,
};

/**
 * - `not_connected`: some required direction has no active service with an active grant;
 * - `connected_unused`: connected, but not every required direction had a successful exchange in
 *   the window;
 * - `in_use`: successful exchanges in every required direction within the window;
 * - `degraded`: connected, and the 5xx rate in the window is above the threshold;
 * - `not_tracked`: the item is not a connection measured by traffic (institutional and
 *   coordination tasks).
 */
export type ItemStatus = 'not_connected' | 'connected_unused' | 'in_use' | 'degraded' | 'not_tracked';

/**
 * Against the deadline (end of the month named, Vietnam time):
 * - `no_deadline`: ongoing items;
 * - `on_time`: in use, first reached by the deadline; or the deadline has not passed yet;
 * - `late`: in use, but first reached after the deadline;
 * - `overdue`: the deadline has passed and the item is not in use;
 * - `not_measured`: the item is not tracked by traffic, so nothing is claimed about its schedule.
 */
export type ScheduleStatus = 'no_deadline' | 'on_time' | 'late' | 'overdue' | 'not_measured';

export interface DirectionSummary {
  readonly role: LinkRole;
  /** Links with an active service and grant. */
  readonly activeLinks: number;
  readonly links: number;
  readonly ok: number;
  readonly clientErrors: number;
  readonly serverErrors: number;
  readonly firstOkAtMs: number | null;
}

export interface ItemStatusResult {
  readonly status: ItemStatus;
  readonly schedule: ScheduleStatus;
  /** End of the deadline month (ms), or null for ongoing items. */
  readonly deadlineAtMs: number | null;
  /** When every required direction first had a successful exchange (ms), or null. */
  readonly firstInUseAtMs: number | null;
  readonly directions: readonly DirectionSummary[];
  /** 5xx share of the window's exchanges (0 when there were none). */
  readonly errorRate: number;
  /** Human reasons, Vietnamese then English, for the console. */
  readonly reasons: readonly string[];
}
