import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FeistelPermutation, feistel } from './feistel.ts';
import { Rng } from './prng.ts';
import { Weighted } from './weighted.ts';
import { ageOn, birthdayAt, civilFromDays, daysFromCivil, daysFromIso, isoFromDays } from './days.ts';

describe('FeistelPermutation', () => {
  it('is a bijection on small rectangular domains for any key', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), fc.integer(), (a, b, key) => {
      const p = new FeistelPermutation(a, b, key);
      const seen = new Set<number>();
      for (let x = 0; x < a * b; x++) {
        const y = p.apply(x);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThan(a * b);
        seen.add(y);
      }
      expect(seen.size).toBe(a * b);
    }), { numRuns: 60 });
  });

  it('depends on the key and rejects values outside the domain', () => {
    expect(feistel(12345, 1000, 1000, 1)).not.toBe(feistel(12345, 1000, 1000, 2));
    expect(() => new FeistelPermutation(10, 10, 1).apply(100)).toThrow(RangeError);
  });
});

describe('Rng', () => {
  it('is reproducible from its seed and differs across seeds', () => {
    const a = new Rng('x', 1);
    const b = new Rng('x', 1);
    const c = new Rng('x', 2);
    const sa = Array.from({ length: 8 }, () => a.next());
    expect(Array.from({ length: 8 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 8 }, () => c.next())).not.toEqual(sa);
  });

  it('draws uniform floats and integers in range', () => {
    const r = new Rng('uniform');
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const f = r.float();
      expect(f >= 0 && f < 1).toBe(true);
      buckets[Math.floor(f * 10)]++;
    }
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 1000; i++) {
      const v = r.range(3, 7);
      expect(v >= 3 && v <= 7 && Number.isInteger(v)).toBe(true);
    }
  });
});

describe('Weighted', () => {
  it('samples in proportion to the weights', () => {
    const w = new Weighted([['a', 70], ['b', 20], ['c', 10], ['never', 0]] as const);
    const r = new Rng('weighted');
    const n = { a: 0, b: 0, c: 0, never: 0 };
    for (let i = 0; i < 50_000; i++) n[w.sample(r)]++;
    expect(n.a / 50_000).toBeCloseTo(0.7, 1);
    expect(n.b / 50_000).toBeCloseTo(0.2, 1);
    expect(n.never).toBe(0);
    expect(w.share(2)).toBeCloseTo(0.1);
    expect(() => new Weighted([])).toThrow();
  });
});

describe('day numbers', () => {
  it('agree with Date for every day in 1850–2150', () => {
    fc.assert(fc.property(fc.integer({ min: daysFromCivil(1850, 1, 1), max: daysFromCivil(2150, 12, 31) }), (z) => {
      expect(isoFromDays(z)).toBe(new Date(z * 86_400_000).toISOString().slice(0, 10));
      expect(daysFromIso(isoFromDays(z))).toBe(z);
      const { y, m, d } = civilFromDays(z);
      expect(daysFromCivil(y, m, d)).toBe(z);
    }));
  });

  it('computes birthdays and completed ages, with 29 February', () => {
    const leapling = daysFromIso('2004-02-29');
    expect(isoFromDays(birthdayAt(leapling, 18))).toBe('2022-03-01');
    expect(isoFromDays(birthdayAt(leapling, 20))).toBe('2024-02-29');
    expect(ageOn(daysFromIso('2000-07-01'), daysFromIso('2018-06-30'))).toBe(17);
    expect(ageOn(daysFromIso('2000-07-01'), daysFromIso('2018-07-01'))).toBe(18);
  });
});
