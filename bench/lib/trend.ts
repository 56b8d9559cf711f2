/**
 * Trend of a figure sampled in equal windows (a soak's per-window p99, resident memory, …): the
 * Theil–Sen slope with Sen's distribution-free confidence interval (Sen 1968, "Estimates of the
 * regression coefficient based on Kendall's tau", JASA 63; the interval as in Gilbert 1987,
 * "Statistical Methods for Environmental Pollution Monitoring", §16.5).
 *
 * Why this and not least squares: the slope is the median of the slopes between every pair of
 * windows, so one window that a noisy neighbour stalled moves it little, where it can swing a
 * least-squares line; and the interval says whether a trend is there at all, from the data alone,
 * with no assumption that the noise is normal.
 *
 * Also the small statistics the benchmarks share: the median (of rounds, of windows) and Pearson's
 * correlation (what a window's latency moved with).
 */
export interface Trend {
  /** Median pairwise slope, per window. */
  readonly slope: number;
  /** The 95% confidence interval of the slope, per window. */
  readonly lower: number;
  readonly upper: number;
  /** 'rising' or 'falling' when the whole interval is on one side of zero; otherwise 'none'. */
  readonly direction: 'rising' | 'falling' | 'none';
}

/** Two-sided 95% normal quantile. */
const Z95 = 1.959964;

/**
 * Theil–Sen slope of `ys` taken at windows 0, 1, 2, … with its 95% interval. Needs at least three
 * values (fewer give no interval); NaN values are not allowed.
 */
export function senSlope(ys: readonly number[]): Trend {
  const n = ys.length;
  if (n < 3) throw new RangeError(`a trend needs at least 3 windows, got ${n}`);
  if (ys.some((y) => !Number.isFinite(y))) throw new RangeError('a trend needs finite values');
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) slopes.push((ys[j]! - ys[i]!) / (j - i));
  slopes.sort((a, b) => a - b);
  const N = slopes.length;
  const median = N % 2 === 1 ? slopes[(N - 1) / 2]! : (slopes[N / 2 - 1]! + slopes[N / 2]!) / 2;
  // Var(S) of Kendall's S without ties; the interval's ends are order statistics of the slopes.
  const c = Z95 * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  const lowerRank = Math.max(1, Math.round((N - c) / 2));
  const upperRank = Math.min(N, Math.round((N + c) / 2) + 1);
  const lower = slopes[lowerRank - 1]!;
  const upper = slopes[upperRank - 1]!;
  return { slope: median, lower, upper, direction: lower > 0 ? 'rising' : upper < 0 ? 'falling' : 'none' };
}

/** Median of `xs` (at least one value). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('the median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Pearson's correlation of two equally long series (at least two points), or NaN when either is
 * constant. Used to say which of a window's circumstances its latency followed.
 */
export function pearson(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length || xs.length < 2) throw new RangeError('a correlation needs two series of the same length, at least 2');
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
}

/** A figure's course over a run of equal windows: medians of its first and last thirds, and its trend over the whole run. */
export interface Course {
  readonly median: number;
  readonly first_third: number;
  readonly last_third: number;
  /** Theil–Sen slope times the run's length (windows − 1), as a share of the median, with Sen's 95% interval. */
  readonly drift_pct: number;
  readonly drift_pct_low: number;
  readonly drift_pct_high: number;
  readonly direction: Trend['direction'];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The course of `values`, one per window in order (at least three), rounded to hundredths. */
export function courseOf(values: readonly number[]): Course {
  const third = Math.max(1, Math.floor(values.length / 3));
  const trend = senSlope(values);
  const mid = median(values);
  const overRun = (slope: number): number => round2(((slope * (values.length - 1)) / Math.max(Number.EPSILON, Math.abs(mid))) * 100);
  return {
    median: round2(mid), first_third: round2(median(values.slice(0, third))), last_third: round2(median(values.slice(-third))),
    drift_pct: overRun(trend.slope), drift_pct_low: overRun(trend.lower), drift_pct_high: overRun(trend.upper), direction: trend.direction,
  };
}
