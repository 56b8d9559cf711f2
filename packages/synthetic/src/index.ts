/**
 * @ndxp/synthetic: a deterministic generator of realistic Vietnamese citizens and households,
 * for the reference NPDB and the reference sectoral systems. Pure: no I/O, no clock, no
 * `Math.random`; it imports only @ndxp/core.
 */
export * from './types.ts';
export { generatePopulation, MAX_POPULATION, type PopulationOptions } from './generate-population.ts';
export { generateChunk, type ChunkOptions } from './generate-chunk.ts';
export { HOUSEHOLDS_PER_CHUNK } from './identifiers.ts';
export { DEFAULT_AS_OF } from './context.ts';
export { MIN_MARRIAGE_AGE } from './build-household.ts';
export { cardExpiry } from './finalize-household.ts';
export { ETHNICITIES, type EthnicitySpec } from './tables/ethnicities.ts';
export { RELIGIONS, type ReligionSpec } from './tables/religions.ts';
export { Rng, hashWords } from './random/prng.ts';
export { daysFromIso, isoFromDays, ageOn } from './random/days.ts';
