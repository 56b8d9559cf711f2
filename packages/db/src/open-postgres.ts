import pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Db, Transaction, QueryOptions, QueryResult } from './types.ts';
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

/** node-postgres's query config: named when asked, so each pooled connection prepares it once. */
function statement(sql: string, params: readonly unknown[], options: QueryOptions | undefined): pg.QueryConfig {
  return options?.name === undefined ? { text: sql, values: params as unknown[] } : { name: options.name, text: sql, values: params as unknown[] };
}

function wrap<R>(result: pg.QueryResult): QueryResult<R> {
  return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
}

/** First and longest wait before re-establishing a broken LISTEN connection, ms. */
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5000;

/** One LISTEN channel: its connection (absent while reconnecting) and who wants its notifications. */
interface Listener {
  client: pg.PoolClient | undefined;
  drop?: (error?: Error) => void;
  readonly handlers: Set<(payload: string) => void>;
  readonly reconnected: Set<() => void>;
  closed: boolean;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Watch a checked-out client for a broken connection. pg-pool listens for errors only on idle
 * clients; a checked-out client whose server goes away emits 'error', which would crash the
 * process. The error is kept instead (the queries themselves already fail), and `release()` hands
 * the client back destroyed rather than to the pool.
 */
function watchConnection(client: pg.PoolClient): { release(): void } {
  let broken: Error | undefined;
  const onError = (error: Error): void => {
    broken = error;
  };
  client.on('error', onError);
  return {
    release() {
      client.removeListener('error', onError);
      client.release(broken);
    },
  };
}

/** Open a pooled connection to a real PostgreSQL server. */
export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10, types, idleTimeoutMillis: 30_000 });
  // An idle client that loses its connection (server restart) emits here; without a listener the
  // process would crash. The pool replaces the client on next use.
  pool.on('error', () => undefined);
  // Fail fast at start if the server is unreachable or the URL is wrong.
  await pool.query('SELECT 1');
  const listeners = new Map<string, Listener>();
  /**
   * Work started and not yet settled. pg-pool's `end()` drops requests still waiting for a client:
   * their promises never settle (brianc/node-postgres#1980, #3113), so a caller awaiting one hangs.
   * `close()` therefore lets everything already started finish first, and refuses new work.
   */
  const running = new Set<Promise<unknown>>();
  let closed = false;
  function tracked<T>(work: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new Error('the database connection is closed'));
    const p = work();
    running.add(p);
    const forget = (): void => void running.delete(p);
    p.then(forget, forget);
    return p;
  }

  /**
   * Take a connection for LISTEN and keep it. If it breaks (server restart, failover, network), the
   * client emits 'error': without a listener that would crash the process. Instead the broken
   * connection is dropped and LISTEN is re-established on a new one, retrying with backoff for as
   * long as it takes; `onReconnect` handlers then learn that notifications may have been missed.
   */
  async function connectListener(channel: string, entry: Listener): Promise<void> {
    const client = await pool.connect();
    let released = false;
    const drop = (error?: Error): void => {
      if (released) return;
      released = true;
      client.removeListener('error', onError);
      if (entry.client === client) entry.client = undefined;
      client.release(error);
    };
    const onError = (error: Error): void => {
      drop(error);
      scheduleReconnect(channel, entry, RECONNECT_MIN_MS);
    };
    client.on('error', onError);
    client.on('notification', (msg) => {
      if (msg.channel === channel) for (const h of entry.handlers) h(msg.payload ?? '');
    });
    try {
      // Channel names are identifiers and cannot be parameters; assertIdentifier guards them.
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      drop(error as Error);
      throw error;
    }
    entry.client = client;
    entry.drop = drop;
  }

  function scheduleReconnect(channel: string, entry: Listener, delayMs: number): void {
    if (entry.closed || entry.timer !== undefined) return;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      connectListener(channel, entry).then(
        () => {
          if (entry.closed) return void closeListener(entry, channel);
          for (const r of entry.reconnected) r();
        },
        () => scheduleReconnect(channel, entry, Math.min(delayMs * 2, RECONNECT_MAX_MS)),
      );
    }, delayMs);
    entry.timer.unref();
  }

  async function closeListener(entry: Listener, channel: string): Promise<void> {
    entry.closed = true;
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = undefined;
    const client = entry.client;
    if (client === undefined) return;
    await client.query(`UNLISTEN ${channel}`).catch(() => undefined);
    entry.drop?.();
  }

  /** One transaction on one pooled connection; a broken connection is dropped, not reused. */
  async function runTransaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    const watch = watchConnection(client);
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async <R>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) => wrap<R>(await client.query(statement(sql, params, options))),
        // A query without parameters uses the simple protocol, which accepts several statements.
        exec: async (sql: string) => void (await client.query(sql)),
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      watch.release();
    }
  }

  async function runCopy(table: string, columns: readonly string[], rows: AsyncIterable<string> | Iterable<string>): Promise<number> {
    const client = await pool.connect();
    const watch = watchConnection(client);
    try {
      const stream = client.query(copyFromStream(`COPY ${assertIdentifier(table)} (${columns.map(assertIdentifier).join(', ')}) FROM STDIN`));
      await pipeline(Readable.from(rows), stream);
      return Number(stream.rowCount ?? 0);
    } finally {
      watch.release();
    }
  }

  const db: Db = {
    kind: 'postgres',
    query<R>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) {
      return tracked(async () => wrap<R>(await pool.query(statement(sql, params, options))));
    },
    transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      return tracked(() => runTransaction(fn));
    },
    exec(sql: string) {
      return tracked(async () => void (await pool.query(sql)));
    },
    async listen(channel, onPayload, onReconnect) {
      assertIdentifier(channel);
      let entry = listeners.get(channel);
      if (entry === undefined) {
        entry = { client: undefined, handlers: new Set(), reconnected: new Set(), closed: false, timer: undefined };
        listeners.set(channel, entry);
        try {
          await connectListener(channel, entry);
        } catch (error) {
          listeners.delete(channel);
          throw error;
        }
      }
      entry.handlers.add(onPayload);
      if (onReconnect !== undefined) entry.reconnected.add(onReconnect);
      const current = entry;
      return async () => {
        current.handlers.delete(onPayload);
        if (onReconnect !== undefined) current.reconnected.delete(onReconnect);
        if (current.handlers.size === 0 && listeners.get(channel) === current) {
          listeners.delete(channel);
          await closeListener(current, channel);
        }
      };
    },
    copyFrom(table, columns, rows) {
      return tracked(() => runCopy(table, columns, rows));
    },
    async close() {
      closed = true;
      await Promise.allSettled([...running]);
      const all = [...listeners.entries()];
      listeners.clear();
      for (const [channel, l] of all) await closeListener(l, channel);
      await pool.end();
    },
  };
  return db;
}
