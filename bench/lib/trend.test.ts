import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { courseOf, median, pearson, senSlope } from './trend.ts';

describe('senSlope', () => {
  it('finds an exact line exactly, with an interval of zero width', () => {
    const t = senSlope(Array.from({ length: 12 }, (_, i) => 3 * i + 2));
    expect(t).toEqual({ slope: 3, lower: 3, upper: 3, direction: 'rising' });
    expect(senSlope(Array.from({ length: 12 }, (_, i) => 50 - 2 * i)).direction).toBe('falling');
  });

  it('matches a hand computation: slopes -1, 0.5, 1, 4/3, 2, 3', () => {
    const t = senSlope([1, 3, 2, 5]);
    expect(t.slope).toBeCloseTo((1 + 4 / 3) / 2, 12);
    // n = 4: C = 1.96 * sqrt(4*3*13/18) = 5.77, ranks round((6 - 5.77)/2) = 0 -> 1 and round((6 + 5.77)/2) + 1 = 7 -> 6.
    expect([t.lower, t.upper, t.direction]).toEqual([-1, 3, 'none']);
  });

  it('takes the interval at the ranks Sen gives: y = i² over 8 windows, pairwise slopes i + j', () => {
    // N = 28 slopes, C = 1.96 * sqrt(8*7*21/18) = 15.84: ranks round(6.08) = 6 and round(21.92) + 1 = 23
    // of the sorted sums i + j (0 <= i < j <= 7), which are 4 and 10; the median (14th, 15th) is 7.
    expect(senSlope(Array.from({ length: 8 }, (_, i) => i * i))).toEqual({ slope: 7, lower: 4, upper: 10, direction: 'rising' });
  });

  it('is not moved by one stalled window the way least squares is', () => {
    const flat = Array.from({ length: 20 }, (_, i) => 10 + (i % 3) * 0.5);
    flat[18] = 400; // one window a noisy neighbour stalled, near the end
    const t = senSlope(flat);
    expect(Math.abs(t.slope)).toBeLessThan(0.1);
    expect(t.direction).toBe('none');
  });

  it('detects a modest trend under noise, and none in the same noise without it', () => {
    // Deterministic noise (an LCG), amplitude ±5, around a trend of 0.5 per window.
    let seed = 42;
    const noise = Array.from({ length: 20 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 10);
    expect(senSlope(noise.map((e, i) => 20 + 0.5 * i + e)).direction).toBe('rising');
    expect(senSlope(noise.map((e) => 20 + e)).direction).toBe('none');
  });

  it('holds its slope inside its interval, and shifts all three by a line added to the data', () => {
    const series = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 25 });
    fc.assert(
      fc.property(series, fc.integer({ min: -50, max: 50 }), (ys, a) => {
        const t = senSlope(ys);
        expect(t.lower).toBeLessThanOrEqual(t.slope);
        expect(t.slope).toBeLessThanOrEqual(t.upper);
        const shifted = senSlope(ys.map((y, i) => y + a * i));
        expect(shifted.slope).toBeCloseTo(t.slope + a, 6);
        expect(shifted.lower).toBeCloseTo(t.lower + a, 6);
        expect(shifted.upper).toBeCloseTo(t.upper + a, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses too few or non-finite values', () => {
    expect(() => senSlope([1, 2])).toThrow(RangeError);
    expect(() => senSlope([1, Number.NaN, 3])).toThrow(RangeError);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('pearson', () => {
  it('is 1 for a line, -1 for a falling one, and matches a hand computation', () => {
    expect(pearson([1, 2, 3, 4], [3, 5, 7, 9])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 12);
    // means 2 and 3; deviations (-1, 0, 1) and (-1, -2, 3): sxy 4, sxx 2, syy 14 -> 4 / sqrt(28).
    expect(pearson([1, 2, 3], [2, 1, 6])).toBeCloseTo(4 / Math.sqrt(28), 12);
  });

  it('is NaN for a constant series and refuses series of different lengths', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => pearson([1, 2], [1, 2, 3])).toThrow(RangeError);
  });
});

describe('courseOf', () => {
  it('gives the medians of the first and last thirds and the trend over the run as a share of the median', () => {
    // 10, 11, …, 18: median 14, slope 1 per window, 8 windows of run -> +57.14%; thirds of 3: 11 and 17.
    const c = courseOf([10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(c).toEqual({ median: 14, first_third: 11, last_third: 17, drift_pct: 57.14, drift_pct_low: 57.14, drift_pct_high: 57.14, direction: 'rising' });
  });

  it('reads a flat series with one stalled window as flat', () => {
    const c = courseOf([20, 21, 20, 19, 20, 95, 20, 21, 20]);
    expect([c.drift_pct, c.direction, c.first_third, c.last_third]).toEqual([0, 'none', 20, 20]);
  });
});
