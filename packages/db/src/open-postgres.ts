import pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Db, Transaction, QueryResult } from './types.ts';
import { assertIdentifier } from './identifier.ts';
import { DATE_OID, INT8_OID, NUMERIC_OID, parseDate, parseInt8, parseNumeric } from './type-parsers.ts';

const parsers: Readonly<Record<number, (value: string) => unknown>> = {
  [INT8_OID]: parseInt8,
  [DATE_OID]: parseDate,
  [NUMERIC_OID]: parseNumeric,
};

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    return parsers[oid] ?? pg.types.getTypeParser(oid, format ?? 'text');
  },
} as pg.CustomTypesConfig;

export interface PostgresOptions {
  readonly url: string;
  /** Pool size (default 10). */
  readonly max?: number;
}

function wrap<R>(result: pg.QueryResult): QueryResult<R> {
  return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
}

/** Open a pooled connection to a real PostgreSQL server. */
export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10, types, idleTimeoutMillis: 30_000 });
  // An idle client that loses its connection (server restart) emits here; without a listener the
  // process would crash. The pool replaces the client on next use.
  pool.on('error', () => undefined);
  // Fail fast at start if the server is unreachable or the URL is wrong.
  await pool.query('SELECT 1');
  const listeners = new Map<string, { client: pg.PoolClient; handlers: Set<(p: string) => void> }>();

  const db: Db = {
    kind: 'postgres',
    async query<R>(sql: string, params: readonly unknown[] = []) {
      return wrap<R>(await pool.query(sql, params as unknown[]));
    },
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <R>(sql: string, params: readonly unknown[] = []) => wrap<R>(await client.query(sql, params as unknown[])),
          // A query without parameters uses the simple protocol, which accepts several statements.
          exec: async (sql: string) => void (await client.query(sql)),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async listen(channel, onPayload) {
      assertIdentifier(channel);
      let entry = listeners.get(channel);
      if (entry === undefined) {
        const client = await pool.connect();
        const handlers = new Set<(p: string) => void>();
        client.on('notification', (msg) => {
          if (msg.channel === channel) for (const h of handlers) h(msg.payload ?? '');
        });
        // Channel names are identifiers and cannot be parameters; the regex above guards them.
        await client.query(`LISTEN ${channel}`);
        entry = { client, handlers };
        listeners.set(channel, entry);
      }
      entry.handlers.add(onPayload);
      const current = entry;
      return async () => {
        current.handlers.delete(onPayload);
        if (current.handlers.size === 0 && listeners.get(channel) === current) {
          listeners.delete(channel);
          await current.client.query(`UNLISTEN ${channel}`).catch(() => undefined);
          current.client.release();
        }
      };
    },
    async copyFrom(table, columns, rows) {
      const client = await pool.connect();
      try {
        const stream = client.query(copyFromStream(`COPY ${assertIdentifier(table)} (${columns.map(assertIdentifier).join(', ')}) FROM STDIN`));
        await pipeline(Readable.from(rows), stream);
        return Number(stream.rowCount ?? 0);
      } finally {
        client.release();
      }
    },
    async close() {
      for (const { client } of listeners.values()) client.release();
      listeners.clear();
      await pool.end();
    },
  };
  return db;
}
