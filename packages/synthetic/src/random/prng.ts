/**
 * Deterministic pseudo-random numbers. Everything the generator draws comes from `Rng`, seeded
 * from the population seed and a position (chunk index), never from `Math.random` or the clock:
 * the same seed must give the same people on every machine and every run.
 *
 * The core is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from PractRand): four
 * 32-bit words of state, passes PractRand and BigCrush, and is fast in JavaScript because it only
 * needs 32-bit integer operations. Seeding mixes with MurmurHash3's fmix32 so nearby positions
 * give unrelated streams.
 */

/** MurmurHash3 finaliser: a bijective 32-bit avalanche mix. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash any number of 32-bit words (and strings) to one 32-bit word. */
export function hashWords(...parts: readonly (number | string)[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    if (typeof part === 'number') {
      // Split so that integers up to 2^53 hash on all their bits.
      h = fmix32(h ^ fmix32((part >>> 0) + 0x7f4a7c15));
      h = fmix32(h ^ fmix32(Math.floor(part / 0x1_0000_0000) + 0x165667b1));
    } else {
      for (let i = 0; i < part.length; i++) h = fmix32(Math.imul(h ^ part.charCodeAt(i), 0x01000193));
      h = fmix32(h ^ part.length);
    }
  }
  return h;
}

/** A seeded generator. Not cryptographic: synthetic data only. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seed: readonly (number | string)[]) {
    this.a = hashWords(1, ...seed);
    this.b = hashWords(2, ...seed);
    this.c = hashWords(3, ...seed);
    this.d = hashWords(4, ...seed) | 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Next uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 0x1_0000_0000;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [min, max] (inclusive). */
  range(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Approximately normal (Irwin–Hall sum of four uniforms): cheap and bounded, enough for ages. */
  normal(mean: number, sd: number): number {
    const s = this.float() + this.float() + this.float() + this.float() - 2;
    return mean + s * sd * 1.7320508075688772; // variance of the sum is 4/12; rescale to sd
  }

  /** A uniformly chosen element. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }
}
