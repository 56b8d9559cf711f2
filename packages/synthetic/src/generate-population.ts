import { generateChunk } from './generate-chunk.ts';
import { HOUSEHOLDS_PER_CHUNK, MAX_CHUNKS } from './identifiers.ts';
import type { SyntheticHousehold } from './types.ts';

export interface PopulationOptions {
  /** Any string or number; the same seed always gives the same population. */
  readonly seed: string | number;
  /** Number of person records (living and deceased) to produce. */
  readonly count: number;
  /** Reference date `YYYY-MM-DD` (default `2026-07-01`). */
  readonly asOf?: string;
}

/** Largest population the identifier scheme supports (see `identifiers.ts`). */
export const MAX_POPULATION = MAX_CHUNKS * HOUSEHOLDS_PER_CHUNK * 3;

/**
 * The synthetic population, household by household: an iterator, so it streams in constant
 * memory whatever the count. Deterministic: the same seed, count and reference date give the
 * same households with the same people on every run and machine, and a smaller count gives a
 * prefix of a larger one (only the last household may be cut short).
 *
 * Other reference systems (tax, insurance…) derive their own records for the same people by
 * iterating the same population with the same seed; `generateChunk` regenerates any range of
 * 2,048 households without the ones before it.
 *
 * Invariants (tested over whole populations): personal IDs unique and valid for the person's
 * birth province, gender and year; parents older than their children (mothers 18+, fathers 20+ at
 * marriage); spouses of legal marriage age on the wedding day; exactly one head per household.
 */
export function* generatePopulation(options: PopulationOptions): Generator<SyntheticHousehold> {
  if (!Number.isInteger(options.count) || options.count < 0) throw new RangeError(`count must be a non-negative integer, got ${options.count}`);
  if (options.count > MAX_POPULATION) throw new RangeError(`count must be at most ${MAX_POPULATION}`);
  let left = options.count;
  for (let chunk = 0; left > 0; chunk++) {
    if (chunk >= MAX_CHUNKS) throw new RangeError('population exceeds the identifier space');
    for (const household of generateChunk(options, chunk, left)) {
      left -= household.members.length + household.deceased.length;
      yield household;
    }
  }
}

