import { describe, expect, it } from 'vitest';
import { fixedClock } from '@ndxp/core';
import { computeItemStatus, deadlineEndMs, requiredRoles } from './compute-item-status.ts';
import { DEFAULT_THRESHOLDS, type LinkTraffic, type PlanLink } from './plan-types.ts';

const TAX = { id: 'II.9', section: 'connections' as const, deadline: '2022-03' };
const clock = fixedClock('2026-03-02T01:00:00Z');
const DAY = 24 * 3600 * 1000;

const link = (role: PlanLink['role'], over: Partial<PlanLink> = {}): PlanLink => ({
  itemId: 'II.9',
  role,
  serviceId: role === 'consumes' ? 'BCA/npdb/citizen-verify/v1' : 'TCT/tax/taxpayer-lookup/v1',
  consumerId: role === 'consumes' ? 'TCT/tax' : 'BCA/sector-exchange',
  serviceActive: true,
  grantActive: true,
  ...over,
});
const traffic = (l: PlanLink, ok: number, clientErrors = 0, serverErrors = 0, firstOkAtMs: number | null = ok > 0 ? clock.now() - DAY : null): LinkTraffic => ({
  serviceId: l.serviceId,
  consumerId: l.consumerId,
  ok,
  clientErrors,
  serverErrors,
  firstOkAtMs,
});

describe('computeItemStatus', () => {
  const consumes = link('consumes');
  const provides = link('provides');

  it('is not connected without an active service and grant in every direction', () => {
    expect(computeItemStatus(TAX, [], [], clock.now(), DEFAULT_THRESHOLDS)).toMatchObject({ status: 'not_connected', schedule: 'overdue' });
    const revoked = computeItemStatus(TAX, [consumes, link('provides', { grantActive: false })], [traffic(consumes, 5)], clock.now(), DEFAULT_THRESHOLDS);
    expect(revoked.status).toBe('not_connected');
    expect(revoked.reasons.join()).toMatch(/no active grant and service for direction provides/);
    const disabled = computeItemStatus(TAX, [link('consumes', { serviceActive: false }), provides], [], clock.now(), DEFAULT_THRESHOLDS);
    expect(disabled.directions.map((d) => d.activeLinks)).toEqual([0, 1]);
    expect(disabled.status).toBe('not_connected');
  });

  it('is connected but unused until both directions have a successful exchange in the window', () => {
    expect(computeItemStatus(TAX, [consumes, provides], [], clock.now(), DEFAULT_THRESHOLDS).status).toBe('connected_unused');
    const oneWay = computeItemStatus(TAX, [consumes, provides], [traffic(consumes, 3)], clock.now(), DEFAULT_THRESHOLDS);
    expect(oneWay.status).toBe('connected_unused');
    expect(oneWay.reasons.join()).toMatch(/direction provides/);
    // Client errors (an unknown person, a bad request) are exchanges, but not successful ones.
    expect(computeItemStatus(TAX, [consumes, provides], [traffic(consumes, 3), traffic(provides, 0, 4)], clock.now(), DEFAULT_THRESHOLDS).status).toBe('connected_unused');
  });

  it('is in use with successes both ways, and reports when that was first reached against the deadline', () => {
    const first = Date.parse('2026-02-20T03:00:00Z');
    const r = computeItemStatus(TAX, [consumes, provides], [traffic(consumes, 3, 0, 0, first - DAY), traffic(provides, 1, 0, 0, first)], clock.now(), DEFAULT_THRESHOLDS);
    expect(r).toMatchObject({ status: 'in_use', schedule: 'late', firstInUseAtMs: first, errorRate: 0 });
    expect(r.directions).toEqual([
      { role: 'consumes', links: 1, activeLinks: 1, ok: 3, clientErrors: 0, serverErrors: 0, firstOkAtMs: first - DAY },
      { role: 'provides', links: 1, activeLinks: 1, ok: 1, clientErrors: 0, serverErrors: 0, firstOkAtMs: first },
    ]);
    const early = computeItemStatus(TAX, [consumes, provides], [traffic(consumes, 1, 0, 0, Date.parse('2022-03-31T16:59:59Z')), traffic(provides, 1, 0, 0, Date.parse('2022-03-10T00:00:00Z'))], clock.now(), DEFAULT_THRESHOLDS);
    expect(early.schedule).toBe('on_time');
  });

  it('is degraded when the 5xx rate passes the threshold, once there are enough exchanges', () => {
    const t = { ...DEFAULT_THRESHOLDS, maxErrorRate: 0.1, minExchangesForErrorRate: 20 };
    // 18 ok + 2 failures = 10%: not above the threshold.
    expect(computeItemStatus(TAX, [consumes, provides], [traffic(consumes, 10, 0, 2), traffic(provides, 8)], clock.now(), t).status).toBe('in_use');
    // 18 ok + 3 failures = 14.3%: degraded.
    const bad = computeItemStatus(TAX, [consumes, provides], [traffic(consumes, 10, 0, 3), traffic(provides, 8)], clock.now(), t);
    expect(bad.status).toBe('degraded');
    expect(bad.errorRate).toBeCloseTo(3 / 21, 10);
    // Too few exchanges to judge: 1 failure out of 3 is not a rate.
    expect(computeItemStatus(TAX, [consumes, provides], [traffic(consumes, 1, 0, 1), traffic(provides, 1)], clock.now(), t).status).toBe('in_use');
  });

  it('ignores traffic of links that belong to other items or pairs', () => {
    const other = link('provides', { itemId: 'II.2', serviceId: 'BHXH/insurance/card/v1' });
    expect(computeItemStatus(TAX, [consumes, provides, other], [traffic(consumes, 1), traffic(other, 9)], clock.now(), DEFAULT_THRESHOLDS).status).toBe('connected_unused');
  });

  it('schedules against the end of the deadline month in Vietnam time', () => {
    expect(new Date(deadlineEndMs('2022-03') ?? 0).toISOString()).toBe('2022-03-31T16:59:59.999Z');
    expect(new Date(deadlineEndMs('2022-12') ?? 0).toISOString()).toBe('2022-12-31T16:59:59.999Z');
    expect(deadlineEndMs('ongoing')).toBeNull();
    const future = { id: 'II.9', section: 'connections' as const, deadline: '2026-12' };
    expect(computeItemStatus(future, [], [], clock.now(), DEFAULT_THRESHOLDS).schedule).toBe('on_time');
    clock.set(Date.parse('2027-01-01T00:00:00Z'));
    expect(computeItemStatus(future, [], [], clock.now(), DEFAULT_THRESHOLDS).schedule).toBe('overdue');
  });

  it('does not measure institutional and coordination tasks, and tracks III.1 one way', () => {
    expect(computeItemStatus({ id: 'I.1', section: 'institutions', deadline: '2022-02' }, [], [], clock.now(), DEFAULT_THRESHOLDS)).toMatchObject({ status: 'not_tracked', schedule: 'not_measured' });
    expect(requiredRoles({ id: 'IV.3', section: 'coordination' })).toEqual([]);
    expect(requiredRoles({ id: 'III.1', section: 'public-services' })).toEqual(['consumes']);
    const portal = { ...link('consumes'), itemId: 'III.1', consumerId: 'BTTTT/one-stop' };
    expect(computeItemStatus({ id: 'III.1', section: 'public-services', deadline: '2022-06' }, [portal], [traffic(portal, 2)], clock.now(), DEFAULT_THRESHOLDS).status).toBe('in_use');
  });
});
