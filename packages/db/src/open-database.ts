import type { Db } from './types.ts';
import { openPglite } from './open-pglite.ts';
import { openPostgres } from './open-postgres.ts';

export interface DatabaseOptions {
  /** `postgres://…` to use a PostgreSQL server. Absent: embedded PGlite. */
  readonly url?: string | undefined;
  /** PGlite data directory. Absent (and no url): in memory. */
  readonly dataDir?: string | undefined;
  /** PostgreSQL pool size. */
  readonly poolSize?: number | undefined;
}

/** Open a service database: PostgreSQL when a URL is configured, PGlite otherwise. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Db> {
  if (options.url !== undefined && options.url !== '') return openPostgres({ url: options.url, ...(options.poolSize === undefined ? {} : { max: options.poolSize }) });
  return openPglite(options.dataDir);
}
