import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db, DbKind } from './types.ts';
import { openPglite } from './open-pglite.ts';
import { openPostgres } from './open-postgres.ts';

/**
 * The environment variable that points the tests at a real PostgreSQL server (an admin URL able
 * to CREATE DATABASE). `.ci/run` sets it; without it only the PGlite suites run.
 */
export const TEST_POSTGRES_ENV = 'NDXP_TEST_POSTGRES_URL';

/** The backends the current test run covers: always PGlite, plus PostgreSQL when configured. */
export function testBackends(): DbKind[] {
  return process.env[TEST_POSTGRES_ENV] ? ['pglite', 'postgres'] : ['pglite'];
}

/** Admin URL of the test PostgreSQL server, if configured. */
export function testPostgresUrl(): string | undefined {
  return process.env[TEST_POSTGRES_ENV] || undefined;
}

/**
 * A fresh, isolated, empty database for one test file. PGlite: a new in-memory instance.
 * PostgreSQL: a new database `ndxp_t_<random>` on the test server, dropped on `close()`.
 */
export async function openTestDatabase(kind: DbKind = 'pglite'): Promise<Db & { readonly url?: string }> {
  if (kind === 'pglite') return openPglite();
  const admin = testPostgresUrl();
  if (admin === undefined) throw new Error(`${TEST_POSTGRES_ENV} is not set`);
  const url = await createScratchDatabase(admin);
  const db = await openPostgres({ url, max: 5 });
  return {
    ...db,
    url,
    async close() {
      await db.close();
      await dropScratchDatabase(admin, url);
    },
  };
}

/** Create an empty database on the server of `adminUrl`; returns its URL. */
export async function createScratchDatabase(adminUrl: string): Promise<string> {
  const name = `ndxp_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Database names cannot be parameters; `name` is generated above from hex only.
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drop a database made by `createScratchDatabase`. */
export async function dropScratchDatabase(adminUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^ndxp_t_[0-9a-f]{12}$/.test(name)) throw new Error('refusing to drop a database not made by the tests');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
