import { Type, type Static } from 'typebox';

/**
 * Settings of the NPDB service, read once at start (see `startNpdb`). Each default documents
 * itself here.
 */
export const npdbEnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8082 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  /** `postgres://…`; absent: embedded PGlite in `NDXP_DATA_DIR`. */
  DATABASE_URL: Type.Optional(Type.String({ minLength: 1 })),
  /** PGlite data directory when there is no DATABASE_URL. */
  NDXP_DATA_DIR: Type.String({ minLength: 1, default: '.ndxp/npdb' }),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  /** Seed an empty database with a synthetic population at start. */
  NPDB_SEED_ON_START: Type.Boolean({ default: true }),
  /** People in the start-up seed (the demo default is 100,000). */
  NPDB_SEED_COUNT: Type.Integer({ minimum: 1, maximum: 150_000_000, default: 100_000 }),
  /** Seed of the synthetic population: the same seed gives the same people everywhere. */
  NPDB_SEED: Type.String({ minLength: 1, maxLength: 200, default: 'ndxp-demo' }),
  LOG_LEVEL: Type.Union([Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug'), Type.Literal('trace'), Type.Literal('silent')], { default: 'info' }),
});

export type NpdbConfig = Static<typeof npdbEnvSchema>;
