import { fmix32 } from './prng.ts';

/**
 * A keyed permutation of the integers [0, a·b): a balanced-or-not Feistel network over
 * Z_a × Z_b with six rounds (the numeric construction of NIST SP 800-38G's FF1/FF3, without their cipher round
 * function, since nothing here is secret). Each round maps (L, R) ∈ Z_a × Z_b to
 * (R, (L + F(R)) mod a) ∈ Z_b × Z_a, a bijection whatever F is; an even number of rounds returns
 * to Z_a × Z_b. So distinct inputs always give distinct outputs, which is how the generator makes
 * identifiers that look random yet are unique by construction, with no table of used values.
 */
export class FeistelPermutation {
  constructor(
    private readonly a: number,
    private readonly b: number,
    private readonly key: number,
  ) {
    if (a * b > Number.MAX_SAFE_INTEGER) throw new Error('domain too large');
  }

  /** Size of the domain. */
  get size(): number {
    return this.a * this.b;
  }

  /** The image of x ∈ [0, size). */
  apply(x: number): number {
    if (!Number.isInteger(x) || x < 0 || x >= this.a * this.b) throw new RangeError(`${x} is outside [0, ${this.a * this.b})`);
    return feistel(x, this.a, this.b, this.key);
  }
}

/** Function form of `FeistelPermutation#apply` for hot paths (no allocation per key). */
export function feistel(x: number, a: number, b: number, key: number): number {
  let l = Math.floor(x / b);
  let r = x - l * b;
  let ml = a;
  let mr = b;
  for (let i = 0; i < 6; i++) {
    const f = fmix32(key ^ fmix32(r + Math.imul(i + 1, 0x9e3779b9)));
    const nr = (l + (f % ml)) % ml;
    l = r;
    r = nr;
    const t = ml;
    ml = mr;
    mr = t;
  }
  return l * b + r;
}
