import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createLogger, parseConfig, systemClock, type Clock, type HttpServer } from '@ndxp/core';
import { openDatabase, type Db } from '@ndxp/db';
import { npdbEnvSchema, type NpdbConfig } from './config.ts';
import { buildNpdbApp, type NpdbGuard } from './http/build-app.ts';
import { migrateNpdb } from './migrate-npdb.ts';
import { recoverInterruptedLoad, seedPopulation } from './seed/seed-population.ts';

export interface StartNpdbOptions {
  /** Environment to read the configuration from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly guard?: NpdbGuard;
  readonly clock?: Clock;
}

/** A running NPDB service. */
export interface RunningNpdb {
  readonly app: HttpServer;
  readonly db: Db;
  readonly config: NpdbConfig;
  /** Base URL it listens on, e.g. `http://127.0.0.1:8082`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Start the NPDB as its own process would: parse the configuration once (fail fast), open
 * PostgreSQL (DATABASE_URL) or PGlite (NDXP_DATA_DIR), run migrations, repair an interrupted
 * bulk load, seed an empty database if configured, and listen.
 */
export async function startNpdb(options: StartNpdbOptions = {}): Promise<RunningNpdb> {
  const config = parseConfig(npdbEnvSchema, options.env ?? process.env);
  const logger = createLogger('npdb', config.LOG_LEVEL);
  // PGlite creates its data directory but not the parents (`.ndxp/` on a first run).
  if (config.DATABASE_URL === undefined) await mkdir(dirname(config.NDXP_DATA_DIR), { recursive: true });
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATABASE_URL === undefined ? config.NDXP_DATA_DIR : undefined, poolSize: config.DATABASE_POOL_SIZE });
  try {
    await migrateNpdb(db);
    if (await recoverInterruptedLoad(db)) logger.warn('an interrupted population load was found; its partial data was removed');
    if (config.NPDB_SEED_ON_START) {
      const { rows } = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM citizens) AS any');
      if (rows[0]?.any !== true) {
        logger.info({ count: config.NPDB_SEED_COUNT }, 'seeding synthetic population');
        const r = await seedPopulation(db, { count: config.NPDB_SEED_COUNT, seed: config.NPDB_SEED, clock: options.clock ?? systemClock });
        logger.info({ people: r.people, households: r.households }, 'synthetic population seeded');
      }
    }
    const app = buildNpdbApp({ db, logger, clock: options.clock, guard: options.guard });
    const url = await app.listen({ port: config.PORT, host: config.HOST });
    return {
      app, db, config, url,
      async close() {
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
