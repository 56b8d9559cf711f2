import type { Rng } from './prng.ts';

/**
 * A categorical distribution sampled in O(log n) by binary search over cumulative weights.
 * Weights need not sum to 1; they are shares as published (percent, thousands of people…).
 */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error('a weighted table needs at least one entry');
    this.items = entries.map(([v]) => v);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, w], i) => {
      if (!(w >= 0)) throw new Error(`weight must be non-negative, got ${w}`);
      sum += w;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new Error('weights must not all be zero');
    this.total = sum;
  }

  /** Draw one value. */
  sample(rng: Rng): T {
    const x = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }

  /** Probability of the i-th entry (for tests and documentation). */
  share(i: number): number {
    const prev = i === 0 ? 0 : (this.cumulative[i - 1] as number);
    return ((this.cumulative[i] as number) - prev) / this.total;
  }
}
