import type { Queryable } from '@ndxp/db';
import { NdxpError } from '@ndxp/core';
import { computeItemStatus } from './compute-item-status.ts';
import type { ActionPlan } from './load-action-plan.ts';
import type { ItemStatus, ItemStatusResult, PlanItem, StatusThresholds } from './plan-types.ts';
import { readDailyFigures, readLinkTraffic } from './read-link-traffic.ts';
import { readPlanLinks, type PlanLinkRow } from './read-plan-links.ts';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const DAY_MS = 24 * 3600 * 1000;

/** An item with its computed status, as the API returns it (snake_case, ISO times). */
export function itemView(item: PlanItem, r: ItemStatusResult) {
  return {
    id: item.id,
    section: item.section,
    title_vi: item.title_vi,
    title_en: item.title_en,
    lead: item.lead,
    coordinating: [...item.coordinating],
    deadline: item.deadline,
    deadline_note: item.deadline_note ?? null,
    deadline_at: iso(r.deadlineAtMs),
    status: r.status,
    schedule: r.schedule,
    first_in_use_at: iso(r.firstInUseAtMs),
    error_rate: r.errorRate,
    directions: r.directions.map((d) => ({
      role: d.role, links: d.links, active_links: d.activeLinks, ok: d.ok, client_errors: d.clientErrors, server_errors: d.serverErrors, first_ok_at: iso(d.firstOkAtMs),
    })),
    reasons: [...r.reasons],
  };
}

export interface PlanWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

/** The window ending now, of `thresholds.windowMs` unless the caller asked for a number of days. */
export function windowOf(nowMs: number, thresholds: StatusThresholds, days?: number): PlanWindow {
  return { fromMs: nowMs - (days === undefined ? thresholds.windowMs : days * DAY_MS), toMs: nowMs };
}

async function statuses(db: Queryable, plan: ActionPlan, nowMs: number, window: PlanWindow, thresholds: StatusThresholds, itemId?: string) {
  const links = await readPlanLinks(db, nowMs, itemId);
  const traffic = await readLinkTraffic(db, links, window.fromMs, window.toMs);
  const items = itemId === undefined ? plan.items : plan.items.filter((i) => i.id === itemId);
  const t = { ...thresholds, windowMs: window.toMs - window.fromMs };
  return { links, items: items.map((item) => ({ item, result: computeItemStatus(item, links, traffic, nowMs, t) })) };
}

/** `GET /api/v1/plan`: every item with its status and a count per status. */
export async function planOverview(db: Queryable, plan: ActionPlan, nowMs: number, window: PlanWindow, thresholds: StatusThresholds) {
  const { items } = await statuses(db, plan, nowMs, window, thresholds);
  const summary: Record<ItemStatus, number> = { not_connected: 0, connected_unused: 0, in_use: 0, degraded: 0, not_tracked: 0 };
  for (const { result } of items) summary[result.status]++;
  return {
    source: plan.source,
    computed_at: new Date(nowMs).toISOString(),
    window: { from: new Date(window.fromMs).toISOString(), to: new Date(window.toMs).toISOString() },
    thresholds: { max_error_rate: thresholds.maxErrorRate, min_exchanges_for_error_rate: thresholds.minExchangesForErrorRate },
    summary,
    items: items.map(({ item, result }) => itemView(item, result)),
  };
}

function linkView(l: PlanLinkRow) {
  return { role: l.role, service_id: l.serviceId, consumer_id: l.consumerId, service_active: l.serviceActive, grant_active: l.grantActive, note: l.note, created_by: l.createdBy, created_at: l.createdAt };
}

/** `GET /api/v1/plan/:id`: the item, its links, and its exchanges per day of the window (zeros included). */
export async function planItemDetail(db: Queryable, plan: ActionPlan, itemId: string, nowMs: number, window: PlanWindow, thresholds: StatusThresholds) {
  const { links, items } = await statuses(db, plan, nowMs, window, thresholds, itemId);
  const found = items[0];
  if (found === undefined) throw new NdxpError('PLAN_ITEM_NOT_FOUND', { detail: `no item ${itemId} in the action plan` });
  const figures = await readDailyFigures(db, itemId, window.fromMs, window.toMs);
  const vnDay = (ms: number) => new Date(ms + 7 * 3600 * 1000).toISOString().slice(0, 10);
  const days: { day: string; consumes: { ok: number; client_errors: number; server_errors: number }; provides: { ok: number; client_errors: number; server_errors: number } }[] = [];
  const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  for (let d = vnDay(window.fromMs), end = vnDay(window.toMs); d <= end; d = nextDay(d)) {
    days.push({ day: d, consumes: { ok: 0, client_errors: 0, server_errors: 0 }, provides: { ok: 0, client_errors: 0, server_errors: 0 } });
  }
  for (const f of figures) {
    const day = days.find((x) => x.day === f.day);
    if (day !== undefined) day[f.role] = { ok: f.ok, client_errors: f.clientErrors, server_errors: f.serverErrors };
  }
  return { ...itemView(found.item, found.result), product_vi: found.item.product_vi, links: links.map(linkView), days };
}
