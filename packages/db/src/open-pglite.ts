import { PGlite } from '@electric-sql/pglite';
import type { Db, Transaction, QueryResult } from './types.ts';
import { assertIdentifier } from './identifier.ts';
import { DATE_OID, INT8_OID, NUMERIC_OID, parseDate, parseInt8, parseNumeric } from './type-parsers.ts';

function wrapResult<R>(result: { rows: R[]; affectedRows?: number }): QueryResult<R> {
  return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
}

/** Open an embedded PGlite database: in memory, or persisted in `dataDir`. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = await PGlite.create({
    ...(dataDir === undefined ? {} : { dataDir }),
    parsers: { [INT8_OID]: parseInt8, [DATE_OID]: parseDate, [NUMERIC_OID]: parseNumeric },
  });
  const query = async <R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> =>
    wrapResult(await pg.query<R>(sql, [...params]));

  return {
    kind: 'pglite',
    query,
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      return pg.transaction(async (tx) =>
        fn({
          query: async <R>(sql: string, params: readonly unknown[] = []) => wrapResult(await tx.query<R>(sql, [...params])),
          exec: async (sql: string) => void (await tx.exec(sql)),
        }),
      );
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(assertIdentifier(channel), onPayload);
      return async () => unlisten();
    },
    async copyFrom(table, columns, rows) {
      // PGlite has no COPY FROM STDIN; it reads COPY input from a Blob mounted at /dev/blob.
      const target = `${assertIdentifier(table)} (${columns.map(assertIdentifier).join(', ')})`;
      const parts: string[] = [];
      for await (const line of rows) parts.push(line);
      if (parts.length === 0) return 0;
      const result = await pg.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob(parts) });
      return result.affectedRows ?? parts.length;
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
