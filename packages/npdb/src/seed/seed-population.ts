import { systemClock, type Clock } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import { DEFAULT_AS_OF, generatePopulation, type SyntheticHousehold } from '@ndxp/synthetic';
import { CHANGE_COLUMNS, CITIZEN_COLUMNS, HOUSEHOLD_COLUMNS, changeRows, citizenRow, householdRow } from './population-rows.ts';
import { dropForBulkLoad, hasDeferredDdl, restoreAfterBulkLoad } from './deferred-ddl.ts';

export interface SeedProgress {
  /** `loading`: rows are streaming in; `indexing`: keys and indexes are being built. */
  readonly phase: 'loading' | 'indexing' | 'done';
  /** Person records loaded so far. */
  readonly people: number;
  readonly households: number;
  /** Person records requested. */
  readonly total: number;
  /** While indexing: the key or index being built. */
  readonly step?: string;
}

export interface SeedOptions {
  /** Number of person records (living and deceased). */
  readonly count: number;
  /** Seed of the synthetic population; the same seed always gives the same people. */
  readonly seed: string | number;
  /** Reference date `YYYY-MM-DD` of the population (default `2026-07-01`). */
  readonly asOf?: string;
  /** People per COPY batch (default 200,000 on PostgreSQL, 25,000 on PGlite, which buffers each batch). */
  readonly batchSize?: number;
  readonly onProgress?: (progress: SeedProgress) => void;
  readonly clock?: Clock;
}

export interface SeedResult {
  readonly people: number;
  readonly households: number;
  readonly changes: number;
}

/** Lines joined per stream chunk: fewer, larger writes to the COPY stream. */
const LINES_PER_CHUNK = 512;
/** How often, in people, progress is reported while a batch streams. */
const PROGRESS_EVERY = 10_000;

function* joined(lines: Iterable<string>): Generator<string> {
  let buf = '';
  let n = 0;
  for (const line of lines) {
    buf += line;
    if (++n === LINES_PER_CHUNK) {
      yield buf;
      buf = '';
      n = 0;
    }
  }
  if (buf !== '') yield buf;
}

/**
 * Load a synthetic population into an empty NPDB, streaming: households are generated one by
 * one and written with COPY in batches, so memory stays constant whatever the count (ten million
 * people on PostgreSQL). Keys and indexes are dropped for the load and rebuilt afterwards (see
 * `deferred-ddl.ts`); if loading fails, the partial population is removed and the keys restored.
 *
 * The change feed receives the events of the year before the reference date (births, deaths,
 * marriages, moves) in generation order.
 */
export async function seedPopulation(db: Db, options: SeedOptions): Promise<SeedResult> {
  if (!Number.isInteger(options.count) || options.count < 1) throw new RangeError(`count must be a positive integer, got ${options.count}`);
  const clock = options.clock ?? systemClock;
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const batchSize = options.batchSize ?? (db.kind === 'postgres' ? 200_000 : 25_000);
  await recoverInterruptedLoad(db);
  const existing = (await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM (SELECT 1 FROM citizens LIMIT 1) x')).rows[0]?.n ?? 0;
  if (existing > 0) throw new Error('the NPDB already holds citizens; seed an empty database');

  const startedAt = new Date(clock.now()).toISOString();
  const report = (p: SeedProgress) => options.onProgress?.(p);
  const population = generatePopulation({ seed: options.seed, count: options.count, asOf })[Symbol.iterator]();
  let people = 0;
  let households = 0;
  let changes = 0;
  let finished = false;

  await dropForBulkLoad(db);
  try {
    while (!finished) {
      const householdLines: string[] = [];
      const changeLines: string[] = [];
      const target = people + batchSize;
      // Citizens stream straight into COPY as they are generated; the batch's households and
      // changes (a fraction of the rows) are kept and written after it.
      const citizens = function* (): Generator<string> {
        let nextReport = people + PROGRESS_EVERY;
        while (people < target) {
          const step = population.next();
          if (step.done === true) {
            finished = true;
            return;
          }
          const h: SyntheticHousehold = step.value;
          households++;
          householdLines.push(householdRow(h));
          for (const line of changeRows(h, asOf)) changeLines.push(line);
          for (const p of h.members) yield citizenRow(p);
          for (const p of h.deceased) yield citizenRow(p);
          people += h.members.length + h.deceased.length;
          if (people >= nextReport) {
            report({ phase: 'loading', people, households, total: options.count });
            nextReport = people + PROGRESS_EVERY;
          }
        }
      };
      await db.copyFrom('citizens', CITIZEN_COLUMNS, joined(citizens()));
      if (householdLines.length > 0) await db.copyFrom('households', HOUSEHOLD_COLUMNS, joined(householdLines));
      if (changeLines.length > 0) changes += await db.copyFrom('citizen_changes', CHANGE_COLUMNS, joined(changeLines));
      if (people >= options.count) finished = true;
      report({ phase: 'loading', people, households, total: options.count });
    }
    await restoreAfterBulkLoad(db, (step) => report({ phase: 'indexing', people, households, total: options.count, step }));
  } catch (error) {
    await discardPartialLoad(db).catch(() => undefined);
    throw error;
  }
  // Fresh statistics, so the planner uses the new primary key at once.
  await db.exec('ANALYZE households; ANALYZE citizens; ANALYZE citizen_changes');
  await db.query(
    'INSERT INTO npdb_seed_runs (seed, people, households, as_of, started_at, finished_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [String(options.seed), people, households, asOf, startedAt, new Date(clock.now()).toISOString()],
  );
  report({ phase: 'done', people, households, total: options.count });
  return { people, households, changes };
}

/** Remove a partial population and restore the keys a load dropped. */
async function discardPartialLoad(db: Db): Promise<void> {
  await db.exec('TRUNCATE citizen_documents, citizen_changes, citizens, households');
  await restoreAfterBulkLoad(db);
}

/**
 * If an earlier load was interrupted (its dropped keys are still recorded), remove its partial
 * population and restore the keys. A no-op otherwise. Called before seeding and at start.
 * Returns whether anything was repaired.
 */
export async function recoverInterruptedLoad(db: Db): Promise<boolean> {
  if (!(await hasDeferredDdl(db))) return false;
  await discardPartialLoad(db);
  return true;
}
