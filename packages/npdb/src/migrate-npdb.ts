import { loadMigrations, migrate, type Db } from '@ndxp/db';

/** Apply the NPDB's pending migrations (plain SQL in `./migrations/`). */
export async function migrateNpdb(db: Db): Promise<{ applied: number[] }> {
  return migrate(db, await loadMigrations(new URL('./migrations/', import.meta.url)));
}
