import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from './types.ts';

/** One versioned plain-SQL migration: `0001_create_citizens.sql` → version 1. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Read every `NNNN_name.sql` file of a folder (a path or a `file:` URL), in version order. */
export async function loadMigrations(dir: string | URL): Promise<Migration[]> {
  const path = dir instanceof URL ? fileURLToPath(dir) : dir;
  const files = (await readdir(path)).filter((f) => f.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const file of files) {
    const m = FILE.exec(file);
    if (m === null) throw new Error(`migration file name must be NNNN_name.sql: ${file}`);
    out.push({ version: Number(m[1]), name: m[2] ?? '', sql: await readFile(`${path}/${file}`, 'utf8') });
  }
  out.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 1..n without gaps; found ${m.version} at position ${i + 1}`);
  });
  return out;
}

const checksum = (sql: string): string => createHash('sha256').update(sql).digest('hex');

/**
 * Apply pending migrations in one transaction, recording version and checksum. PostgreSQL DDL is
 * transactional, so a failing migration leaves nothing behind. Several processes may start at
 * once against one PostgreSQL: a transaction-scoped advisory lock serialises them. An applied
 * migration whose file changed since is refused: history is not rewritten silently.
 */
export async function migrate(db: Db, migrations: readonly Migration[]): Promise<{ applied: number[] }> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS ndxp_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Map((await tx.query<{ version: number; checksum: string }>('SELECT version, checksum FROM ndxp_migrations')).rows.map((r) => [r.version, r.checksum]));
    const applied: number[] = [];
    for (const m of migrations) {
      const sum = checksum(m.sql);
      const existing = done.get(m.version);
      if (existing !== undefined) {
        if (existing !== sum) throw new Error(`migration ${m.version}_${m.name} changed after it was applied`);
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO ndxp_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, sum]);
      applied.push(m.version);
    }
    return { applied };
  });
}

/** Advisory lock key for migrations: the bytes of 'NDXP'. */
const MIGRATION_LOCK = 0x4e445850;
