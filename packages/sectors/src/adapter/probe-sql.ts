import type { Queryable, Db } from '@ndxp/db';
import type { CompiledSql } from './compile-named-sql.ts';

/** A result column of the configured query, with its PostgreSQL type name when known. */
export interface ProbedColumn {
  readonly name: string;
  /** `format_type` name from `pg_typeof`, e.g. `text`, `date`, `integer`; undefined if unknown. */
  readonly type: string | undefined;
}

/** PostgreSQL rejected the query: message and offset into the compiled SQL (when given). */
export interface SqlProbeFailure {
  readonly message: string;
  readonly offset: number | undefined;
}

const PREFIX = 'SELECT q.* FROM (SELECT 1) AS ndxp_probe LEFT JOIN (\n';
const SUFFIX = '\n) AS q ON false';
/** Column names safe to name in SQL text (the rest are typed as unknown). */
const PLAIN_COLUMN = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Find the query's result columns without reading any data: the query becomes the right side of
 * a `LEFT JOIN … ON false`, which the planner never executes, yet yields one row of NULLs keyed
 * by every column name (PostgreSQL's "describe" without a driver API for it). The parameters are
 * bound as NULL, so PostgreSQL must be able to infer their types from the query, as it must at run
 * time too. Runs in a read-only transaction: a data-modifying CTE fails here instead of writing.
 */
export async function probeSqlColumns(db: Db, sql: CompiledSql): Promise<{ columns: ProbedColumn[] } | { failure: SqlProbeFailure }> {
  const nulls = sql.names.map(() => null);
  try {
    return await db.transaction(async (tx: Queryable) => {
      await tx.query('SET TRANSACTION READ ONLY');
      const { rows } = await tx.query<Record<string, unknown>>(PREFIX + sql.text + SUFFIX, nulls);
      const names = Object.keys(rows[0] ?? {});
      const typed = names.filter((n) => PLAIN_COLUMN.test(n));
      const types = new Map<string, string>();
      if (typed.length > 0) {
        // Identifiers cannot be bound; these came from PostgreSQL itself and match PLAIN_COLUMN.
        const list = typed.map((n, i) => `pg_typeof(q.${n})::text AS t${i}`).join(', ');
        const t = await tx.query<Record<string, string>>(`SELECT ${list} FROM (SELECT 1) AS ndxp_probe LEFT JOIN (\n${sql.text}\n) AS q ON false`, nulls);
        typed.forEach((n, i) => {
          const v = t.rows[0]?.[`t${i}`];
          if (v !== undefined) types.set(n, v);
        });
      }
      return { columns: names.map((name) => ({ name, type: types.get(name) })) };
    });
  } catch (e) {
    const err = e as { message?: string; position?: string | number };
    const pos = err.position === undefined ? undefined : Number(err.position) - 1 - PREFIX.length;
    return { failure: { message: err.message ?? 'query rejected', offset: pos !== undefined && pos >= 0 && pos <= sql.text.length ? pos : undefined } };
  }
}

/** JSON Schema for a PostgreSQL type as the drivers return it (see @ndxp/db type parsers). */
export function jsonSchemaForPgType(type: string | undefined): Record<string, unknown> {
  if (type === undefined) return {};
  if (type.endsWith('[]')) return { type: 'array', items: jsonSchemaForPgType(type.slice(0, -2)) };
  if (/^(smallint|integer|bigint)$/.test(type)) return { type: 'integer' };
  if (/^(real|double precision)$/.test(type)) return { type: 'number' };
  if (type === 'numeric' || type.startsWith('numeric(')) return { type: 'string', description: 'exact decimal' };
  if (type === 'boolean') return { type: 'boolean' };
  if (type === 'date') return { type: 'string', format: 'date' };
  if (type.startsWith('timestamp')) return { type: 'string', format: 'date-time' };
  if (type === 'json' || type === 'jsonb') return {};
  if (type === 'uuid') return { type: 'string', format: 'uuid' };
  return { type: 'string' };
}
