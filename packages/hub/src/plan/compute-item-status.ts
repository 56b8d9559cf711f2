import type { DirectionSummary, ItemStatusResult, LinkRole, LinkTraffic, PlanItem, PlanLink, ScheduleStatus, StatusThresholds } from './plan-types.ts';

/** Vietnam keeps UTC+7 all year (no daylight saving): deadlines end at local midnight. */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/**
 * End of a deadline month in Vietnam time: `2022-03` → 2022-03-31T23:59:59.999+07:00. The plan
 * gives months ("Tháng 3/2022"); a task is due by the end of the month named.
 */
export function deadlineEndMs(deadline: string): number | null {
  const m = /^(\d{4})-(\d{2})$/.exec(deadline);
  if (m === null) return null;
  const firstOfNext = Date.UTC(Number(m[1]), Number(m[2]), 1); // month index m[2] is the next month
  return firstOfNext - VIETNAM_OFFSET_MS - 1;
}

/**
 * Which directions of traffic an item needs before it counts as "put into use". Section II
 * connections run both ways (the sectoral system uses NPDB data and the NPDB side uses, or is
 * enriched by, the sectoral data: "kết nối, khai thác, bổ sung làm giàu"). III.1 connects the
 * ministry's portal and one-stop system to the NPDB: it consumes. The other items are
 * institutional or coordination tasks, not measured by traffic.
 */
export function requiredRoles(item: Pick<PlanItem, 'id' | 'section'>): readonly LinkRole[] {
  if (item.section === 'connections') return ['consumes', 'provides'];
  if (item.id === 'III.1') return ['consumes'];
  return [];
}

const key = (serviceId: string, consumerId: string): string => `${consumerId}\u0000${serviceId}`;

/**
 * The status of one plan item, from its links and their traffic, at `nowMs`. Pure: no clock, no
 * I/O, so it is tested with fixed times. Traffic counts are those of the window ending now;
 * `firstOkAtMs` is all-time.
 */
export function computeItemStatus(
  item: Pick<PlanItem, 'id' | 'section' | 'deadline'>,
  links: readonly PlanLink[],
  traffic: readonly LinkTraffic[],
  nowMs: number,
  thresholds: StatusThresholds,
): ItemStatusResult {
  const roles = requiredRoles(item);
  const byLink = new Map(traffic.map((t) => [key(t.serviceId, t.consumerId), t]));
  const deadlineAtMs = deadlineEndMs(item.deadline);

  const directions: DirectionSummary[] = roles.map((role) => {
    const mine = links.filter((l) => l.itemId === item.id && l.role === role);
    let ok = 0;
    let clientErrors = 0;
    let serverErrors = 0;
    let firstOkAtMs: number | null = null;
    for (const l of mine) {
      const t = byLink.get(key(l.serviceId, l.consumerId));
      if (t === undefined) continue;
      ok += t.ok;
      clientErrors += t.clientErrors;
      serverErrors += t.serverErrors;
      if (t.firstOkAtMs !== null && (firstOkAtMs === null || t.firstOkAtMs < firstOkAtMs)) firstOkAtMs = t.firstOkAtMs;
    }
    return { role, links: mine.length, activeLinks: mine.filter((l) => l.serviceActive && l.grantActive).length, ok, clientErrors, serverErrors, firstOkAtMs };
  });

  const total = directions.reduce((s, d) => s + d.ok + d.clientErrors + d.serverErrors, 0);
  const failures = directions.reduce((s, d) => s + d.serverErrors, 0);
  const errorRate = total === 0 ? 0 : failures / total;
  const firsts = directions.map((d) => d.firstOkAtMs);
  const firstInUseAtMs = roles.length > 0 && firsts.every((f) => f !== null) ? Math.max(...(firsts as number[])) : null;
  const reasons: string[] = [];

  let status: ItemStatusResult['status'];
  if (roles.length === 0) {
    status = 'not_tracked';
    reasons.push('Nhiệm vụ thể chế/điều phối, không đo bằng lưu lượng / institutional or coordination task, not measured by traffic');
  } else if (directions.some((d) => d.activeLinks === 0)) {
    status = 'not_connected';
    for (const d of directions.filter((x) => x.activeLinks === 0)) {
      reasons.push(d.links === 0
        ? `Chưa liên kết dịch vụ chiều ${d.role} / no service linked for direction ${d.role}`
        : `Không có quyền truy cập hoặc dịch vụ đang hoạt động chiều ${d.role} / no active grant and service for direction ${d.role}`);
    }
  } else if (total >= thresholds.minExchangesForErrorRate && errorRate > thresholds.maxErrorRate) {
    status = 'degraded';
    reasons.push(`Tỷ lệ lỗi ${(errorRate * 100).toFixed(1)}% vượt ngưỡng ${(thresholds.maxErrorRate * 100).toFixed(1)}% / error rate above threshold`);
  } else if (directions.every((d) => d.ok > 0)) {
    status = 'in_use';
  } else {
    status = 'connected_unused';
    for (const d of directions.filter((x) => x.ok === 0)) reasons.push(`Không có trao đổi thành công chiều ${d.role} trong khoảng theo dõi / no successful exchange for direction ${d.role} in the window`);
  }

  let schedule: ScheduleStatus;
  if (status === 'not_tracked') schedule = 'not_measured';
  else if (deadlineAtMs === null) schedule = 'no_deadline';
  else if (status === 'in_use' && firstInUseAtMs !== null) schedule = firstInUseAtMs <= deadlineAtMs ? 'on_time' : 'late';
  else schedule = nowMs > deadlineAtMs ? 'overdue' : 'on_time';

  return { status, schedule, deadlineAtMs, firstInUseAtMs, directions, errorRate, reasons };
}
