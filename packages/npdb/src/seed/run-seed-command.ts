import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import cliProgress from 'cli-progress';
import { openDatabase } from '@ndxp/db';
import { migrateNpdb } from '../migrate-npdb.ts';
import { seedPopulation, type SeedResult } from './seed-population.ts';

export interface SeedCommandOptions {
  /** `postgres://…`; absent: PGlite in `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data directory (default `.ndxp/npdb`). */
  readonly dataDir?: string | undefined;
  readonly count: number;
  readonly seed: string | number;
  readonly asOf?: string | undefined;
  /** Where the progress bar and summary go (default stderr). */
  readonly stream?: NodeJS.WritableStream;
}

export interface SeedCommandResult extends SeedResult {
  readonly seconds: number;
  readonly peoplePerSecond: number;
}

/**
 * `ndxp npdb seed --count N`: migrate, then stream a synthetic population into the NPDB with a
 * progress bar. Memory stays flat whatever N (ten million on PostgreSQL).
 */
export async function runSeedCommand(options: SeedCommandOptions): Promise<SeedCommandResult> {
  const stream = options.stream ?? process.stderr;
  const dataDir = options.databaseUrl === undefined ? (options.dataDir ?? '.ndxp/npdb') : undefined;
  // PGlite creates its data directory but not the parents (`.ndxp/` on a first run).
  if (dataDir !== undefined) await mkdir(dirname(dataDir), { recursive: true });
  const db = await openDatabase({ url: options.databaseUrl, dataDir });
  const bar = new cliProgress.SingleBar({
    stream,
    format: ' {phase} |{bar}| {percentage}% | {value}/{total} người / people | {rate}/s | ETA {eta_formatted} {step}',
    hideCursor: true,
    etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  const started = performance.now();
  try {
    await migrateNpdb(db);
    bar.start(options.count, 0, { phase: 'Nạp / loading  ', rate: 0, step: '' });
    const result = await seedPopulation(db, {
      count: options.count,
      seed: options.seed,
      ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
      onProgress: (p) => {
        const seconds = (performance.now() - started) / 1000;
        const payload = { phase: p.phase === 'loading' ? 'Nạp / loading  ' : 'Chỉ mục / index', rate: Math.round(p.people / Math.max(seconds, 0.001)), step: p.step ?? '' };
        bar.update(p.people, payload);
      },
    });
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    const peoplePerSecond = Math.round(result.people / seconds);
    stream.write(`Đã nạp / seeded ${result.people} people in ${result.households} households (${result.changes} changes) in ${seconds.toFixed(1)} s, ${peoplePerSecond} people/s\n`);
    return { ...result, seconds, peoplePerSecond };
  } finally {
    bar.stop();
    await db.close();
  }
}
