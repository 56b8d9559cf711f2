import { LedgerError } from './ledger-error.ts';

/*
 * Integer helpers for tree sizes and indexes. Sizes are JavaScript numbers, exact up to
 * Number.MAX_SAFE_INTEGER (2^53 - 1 entries, far beyond any log), so the code uses arithmetic
 * (`* 2`, `/ 2`, `%`) instead of bitwise operators, which would truncate to 32 bits at 4.3 billion.
 */

/** Throw `INVALID_ARGUMENT` unless `n` is a non-negative safe integer. */
export function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new LedgerError('INVALID_ARGUMENT', `${what} must be a non-negative safe integer, got ${String(n)}`);
  }
}

/** The largest power of two strictly less than `n` (the `k` of RFC 9162 §2.1.1). Requires n >= 2. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Whether `n` (>= 1) is an exact power of two. */
export function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/** Number of trailing zero bits of `n` (>= 1). */
export function trailingZeros(n: number): number {
  let z = 0;
  while (n % 2 === 0) {
    n /= 2;
    z++;
  }
  return z;
}

/** Number of one bits of `n` (>= 0): the number of perfect subtrees in a tree of size n. */
export function popCount(n: number): number {
  let c = 0;
  while (n > 0) {
    if (n % 2 === 1) c++;
    n = Math.floor(n / 2);
  }
  return c;
}
