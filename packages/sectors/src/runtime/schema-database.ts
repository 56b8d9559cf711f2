import { assertIdentifier, type Db, type Transaction } from '@ndxp/db';

/**
 * One sectoral system's database as a PostgreSQL schema of a shared database.
 *
 * Why: the sectors service hosts 19 reference systems. Each owns its tables and migrations, but
 * an embedded PGlite instance costs ~200 MB and seconds to start, so the 19 share one database
 * (one data directory for the sectors service, as for every other service) and each lives in its
 * own schema, reached through `search_path`. Every statement runs in a transaction that first
 * sets `SET LOCAL search_path`, so the SQL of a system (including an agency's adapter queries)
 * names its tables unqualified and never sees another system's tables by accident. On
 * PostgreSQL a deployment can equally give each system its own database URL; the code is the same.
 */
export async function openSchemaDatabase(base: Db, schema: string): Promise<Db> {
  const name = assertIdentifier(schema);
  if (name.includes('.')) throw new Error(`schema name must be a plain identifier: ${schema}`);
  await base.query(`CREATE SCHEMA IF NOT EXISTS ${name}`);
  // pg_temp last: never let a temporary table shadow a system's own.
  const scope = `SET LOCAL search_path TO ${name}, pg_temp`;
  const inScope = <T>(fn: (tx: Transaction) => Promise<T>): Promise<T> =>
    base.transaction(async (tx) => {
      await tx.query(scope);
      return fn(tx);
    });
  return {
    kind: base.kind,
    query: (sql, params) => inScope((tx) => tx.query(sql, params)),
    transaction: inScope,
    exec: (sql) => inScope((tx) => tx.exec(sql)),
    listen: (channel, onPayload) => base.listen(channel, onPayload),
    copyFrom: (table, columns, rows) => base.copyFrom(`${name}.${assertIdentifier(table)}`, columns, rows),
    async close() {
      // The shared database belongs to whoever opened it.
    },
  };
}

/** The schema name of a system: `sector_` and its subsystem code with `-` as `_`. */
export function schemaNameOf(subsystemCode: string): string {
  return assertIdentifier(`sector_${subsystemCode.replaceAll('-', '_')}`);
}
