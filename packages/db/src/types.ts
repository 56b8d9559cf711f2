/** Result of one statement. Rows are plain objects keyed by column name. */
export interface QueryResult<R> {
  readonly rows: R[];
  readonly rowCount: number;
}

/**
 * Something that runs parameterised SQL: a database or a transaction. Every statement in NDXP
 * goes through `query` with `$1…$n` placeholders: values are never spliced into SQL text
 * (non-negotiable 4).
 */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>>;
}

/** Options of one statement. */
export interface QueryOptions {
  /**
   * Prepare the statement once per connection under this name and reuse it: PostgreSQL's named
   * prepared statements (extended query protocol, Parse once, then Bind/Execute), so the SQL text
   * is neither sent nor parsed and planned again. For hot statements with fixed text only: a name
   * must always mean the same SQL. PGlite runs in process and ignores it.
   */
  readonly name?: string;
}

/** A transaction: parameterised queries plus scripts (for migrations). */
export interface Transaction extends Queryable {
  exec(sql: string): Promise<void>;
}

export type DbKind = 'pglite' | 'postgres';

/** A connection to one service's database, embedded (PGlite) or real PostgreSQL: same SQL. */
export interface Db extends Queryable {
  readonly kind: DbKind;
  /** Run `fn` in one transaction: commit if it resolves, roll back if it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Run a script of several statements without parameters (migrations only). */
  exec(sql: string): Promise<void>;
  /**
   * Subscribe to `NOTIFY channel`. Resolves to an unsubscribe function. If the listening
   * connection breaks (a PostgreSQL restart), it is re-established by itself, and `onReconnect` is
   * called once it is: notifications sent meanwhile were missed, so re-read what they announce.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  /**
   * Bulk load with `COPY table (cols) FROM STDIN` (text format). `rows` yields text-format lines,
   * each ending in a newline. Streams on PostgreSQL; buffered per call on PGlite.
   */
  copyFrom(table: string, columns: readonly string[], rows: AsyncIterable<string> | Iterable<string>): Promise<number>;
  close(): Promise<void>;
}
