import { describe, expect, it } from 'vitest';
import { fixedClock, unsafeBrand, type GrantId, type ServiceId, type SubsystemId } from '@ndxp/core';
import type { CachedGrant } from '../state/types.ts';
import { authoriseGrant } from './authorise-grant.ts';
import { selectFields } from './select-fields.ts';
import { createQuotaLimiter } from './quota-limiter.ts';
import { CircuitBreaker } from './circuit-breaker.ts';

const T0 = Date.parse('2026-03-01T08:00:00Z');
const DAY = 86_400_000;

function grant(over: Partial<CachedGrant> = {}): CachedGrant {
  return {
    id: unsafeBrand<'GrantId'>('g1') as GrantId,
    consumerId: unsafeBrand<'SubsystemId'>('BTC/tax') as SubsystemId,
    serviceId: unsafeBrand<'ServiceId'>('BCA/npdb/citizen-lookup/v1') as ServiceId,
    fields: ['/full_name', '/address'],
    purposes: new Set(['tax-registration']),
    legalBasis: 'Luật Quản lý thuế 2019',
    validFromMs: T0 - DAY,
    validUntilMs: T0 + DAY,
    quotaPerMinute: 3,
    state: 'active',
    ...over,
  };
}
const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('authoriseGrant', () => {
  it('picks the active grant in its window covering the purpose', () => {
    const other = grant({ id: unsafeBrand<'GrantId'>('g0') as GrantId, state: 'revoked' });
    expect(authoriseGrant([other, grant()], 'tax-registration', T0)).toMatchObject({ grant: { id: 'g1' }, purpose: 'tax-registration' });
    const second = grant({ id: unsafeBrand<'GrantId'>('g2') as GrantId, purposes: new Set(['audit']) });
    expect(authoriseGrant([grant(), second], 'audit', T0).grant.id).toBe('g2');
  });

  it('names the precise reason for each refusal', () => {
    expect(code(() => authoriseGrant([], 'tax-registration', T0))).toBe('GRANT_MISSING');
    expect(code(() => authoriseGrant([grant()], undefined, T0))).toBe('PURPOSE_REQUIRED');
    expect(code(() => authoriseGrant([grant()], '', T0))).toBe('PURPOSE_REQUIRED');
    expect(code(() => authoriseGrant([grant()], 'Tax Registration!', T0))).toBe('HEADER_INVALID');
    expect(code(() => authoriseGrant([grant()], 'marketing', T0))).toBe('PURPOSE_NOT_GRANTED');
    expect(code(() => authoriseGrant([grant()], 'tax-registration', T0 + DAY))).toBe('GRANT_EXPIRED');
    expect(code(() => authoriseGrant([grant()], 'tax-registration', T0 - DAY - 1))).toBe('GRANT_EXPIRED');
    expect(code(() => authoriseGrant([grant({ state: 'revoked' })], 'tax-registration', T0))).toBe('GRANT_REVOKED');
    for (const state of ['requested', 'approved', 'rejected'] as const) expect(code(() => authoriseGrant([grant({ state })], 'tax-registration', T0))).toBe('GRANT_NOT_ACTIVE');
  });
});

describe('selectFields', () => {
  const granted = ['/full_name', '/address'];
  it('defaults to every granted field and narrows on request', () => {
    expect(selectFields(granted, undefined)).toEqual(granted);
    expect(selectFields(granted, ' ')).toEqual(granted);
    expect(selectFields(granted, '/full_name')).toEqual(['/full_name']);
    expect(selectFields(granted, '/address/ward_code, /full_name,/full_name')).toEqual(['/address/ward_code', '/full_name']);
  });
  it('refuses fields outside the grant and malformed pointers', () => {
    expect(code(() => selectFields(granted, '/full_name,/personal_id'))).toBe('FIELD_NOT_GRANTED');
    expect(code(() => selectFields(granted, '/addressX'))).toBe('FIELD_NOT_GRANTED');
    expect(code(() => selectFields(granted, 'full_name'))).toBe('HEADER_INVALID');
    expect(code(() => selectFields(granted, '/a~2'))).toBe('HEADER_INVALID');
  });
});

describe('quota limiter', () => {
  it('admits up to the limit per fixed minute and says when to retry', () => {
    const q = createQuotaLimiter();
    const t = T0 + 15_000;
    expect([1, 2, 3].map(() => q.admit('g', 3, t).ok)).toEqual([true, true, true]);
    expect(q.admit('g', 3, t)).toEqual({ ok: false, retryAfterSeconds: 45, limit: 3 });
    expect(q.admit('other', 3, t).ok).toBe(true);
    expect(q.admit('g', 3, T0 + 60_000).ok).toBe(true);
  });

  it('learns what other hub processes used from the shared totals', () => {
    const q = createQuotaLimiter();
    expect(q.admit('g', 5, T0).ok).toBe(true);
    const d = q.drain(T0);
    expect(d).toEqual([{ grantId: 'g', windowStartMs: T0, count: 1 }]);
    // The database says 5 were used in this window: 1 here, 4 elsewhere.
    q.settle(d, [{ grantId: 'g', windowStartMs: T0, used: 5 }]);
    expect(q.admit('g', 5, T0).ok).toBe(false);
  });

  it('keeps unwritten admissions counted when an append fails', () => {
    const q = createQuotaLimiter();
    q.admit('g', 2, T0);
    const d = q.drain(T0);
    q.restore(d);
    expect(q.drain(T0)).toEqual(d);
    q.admit('g', 2, T0);
    expect(q.admit('g', 2, T0).ok).toBe(false);
  });
});

describe('circuit breaker', () => {
  it('opens after N consecutive failures, half-opens after the cool-down, closes on a good probe', () => {
    const clock = fixedClock(T0);
    const states: string[] = [];
    const b = new CircuitBreaker({ clock, failureThreshold: 3, cooldownMs: 10_000, onStateChange: (s) => states.push(s) });
    b.failure();
    b.failure();
    b.success(); // resets the count: failures must be consecutive
    b.failure();
    b.failure();
    expect(b.acquire()).toEqual({ ok: true, probe: false });
    b.failure();
    expect(b.state).toBe('open');
    expect(b.acquire()).toEqual({ ok: false, retryAfterSeconds: 10 });
    clock.advance(9_999);
    expect(b.acquire().ok).toBe(false);
    clock.advance(1);
    expect(b.acquire()).toEqual({ ok: true, probe: true });
    expect(b.acquire().ok).toBe(false); // one probe at a time
    b.failure();
    expect(b.state).toBe('open');
    clock.advance(10_000);
    expect(b.acquire()).toEqual({ ok: true, probe: true });
    b.success();
    expect(b.state).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });
});
