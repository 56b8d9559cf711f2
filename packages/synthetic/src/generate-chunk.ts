import { populationContext, DEFAULT_AS_OF } from './context.ts';
import { ChunkIdentifiers, HOUSEHOLDS_PER_CHUNK } from './identifiers.ts';
import { buildHousehold } from './build-household.ts';
import { finalizeHousehold } from './finalize-household.ts';
import { Rng } from './random/prng.ts';
import type { SyntheticHousehold } from './types.ts';

export interface ChunkOptions {
  readonly seed: string | number;
  /** Reference date `YYYY-MM-DD` (default `2026-07-01`): ages and validity are computed as of it. */
  readonly asOf?: string;
}

/**
 * Households of chunk `chunk` (households `chunk × 2048 … chunk × 2048 + 2047`), generated
 * independently of every other chunk. `limit` stops after that many person records (the last
 * household truncated); the result is then a prefix of the unlimited chunk.
 */
export function* generateChunk(options: ChunkOptions, chunk: number, limit = Infinity): Generator<SyntheticHousehold> {
  const ctx = populationContext(options.seed, options.asOf ?? DEFAULT_AS_OF);
  const ids = new ChunkIdentifiers(ctx, chunk);
  const rng = new Rng(ctx.seedHash, 'chunk', chunk);
  let left = limit;
  for (let i = 0; i < HOUSEHOLDS_PER_CHUNK && left > 0; i++) {
    const draft = buildHousehold(ctx, rng, ids, chunk * HOUSEHOLDS_PER_CHUNK + i);
    const household = finalizeHousehold(ctx, rng, ids, draft, left);
    left -= household.members.length + household.deceased.length;
    yield household;
  }
}
