/**
 * @ndxp/db: one interface over embedded PGlite and real PostgreSQL, versioned plain-SQL
 * migrations, and isolated test databases.
 */
export * from './types.ts';
export * from './open-database.ts';
export * from './open-pglite.ts';
export * from './open-postgres.ts';
export * from './migrate.ts';
export * from './identifier.ts';
export * from './test-database.ts';
export * from './sql-state.ts';
