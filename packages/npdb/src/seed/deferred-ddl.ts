import { assertIdentifier, type Db, type Transaction } from '@ndxp/db';

/** The tables a population load fills. */
export const POPULATION_TABLES = ['households', 'citizens', 'citizen_changes'] as const;

type Kind = 'primary' | 'unique' | 'index' | 'foreign';
interface Ddl {
  readonly table_name: string;
  readonly name: string;
  readonly kind: Kind;
  readonly definition: string;
}

/** Recreate in this order: keys first (foreign keys need them), then indexes, then foreign keys. */
const RESTORE_ORDER: readonly Kind[] = ['primary', 'unique', 'index', 'foreign'];

/**
 * Drop the keys, foreign keys and secondary indexes of the population tables (and foreign keys
 * pointing at them from elsewhere), saving their definitions as PostgreSQL reports them in
 * `npdb_deferred_ddl`, in the same transaction. Loading into bare tables and building each index
 * once, sorted, is several times faster than maintaining them row by row, and foreign-key checks
 * per row would queue one trigger event per row of a ten-million-row COPY.
 */
export async function dropForBulkLoad(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const tables = [...POPULATION_TABLES];
    const constraints = await tx.query<{ table_name: string; name: string; contype: string; definition: string }>(
      `SELECT c.conrelid::regclass::text AS table_name, c.conname AS name, c.contype::text AS contype, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c
        WHERE c.contype IN ('p', 'u', 'f')
          AND (c.conrelid::regclass::text = ANY($1::text[]) OR (c.contype = 'f' AND c.confrelid::regclass::text = ANY($1::text[])))
        ORDER BY c.conname`,
      [tables],
    );
    const indexes = await tx.query<{ table_name: string; name: string; definition: string }>(
      `SELECT i.tablename AS table_name, i.indexname AS name, i.indexdef AS definition
         FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype IN ('p', 'u'))
        ORDER BY i.indexname`,
      [tables],
    );
    const kindOf = (t: string): Kind => (t === 'p' ? 'primary' : t === 'u' ? 'unique' : 'foreign');
    const all: Ddl[] = [
      ...constraints.rows.map((r) => ({ table_name: r.table_name, name: r.name, kind: kindOf(r.contype), definition: r.definition })),
      ...indexes.rows.map((r) => ({ ...r, kind: 'index' as const })),
    ].sort((a, b) => RESTORE_ORDER.indexOf(a.kind) - RESTORE_ORDER.indexOf(b.kind));
    let ord = 0;
    for (const d of all) await tx.query('INSERT INTO npdb_deferred_ddl (ord, table_name, name, kind, definition) VALUES ($1, $2, $3, $4, $5)', [ord++, d.table_name, d.name, d.kind, d.definition]);
    // Drop in reverse dependency order: foreign keys, then indexes, then keys.
    for (const d of [...all].reverse()) {
      // Names come from the catalogue of our own schema; they are still checked before use.
      if (d.kind === 'index') await tx.exec(`DROP INDEX ${assertIdentifier(d.name)}`);
      else await tx.exec(`ALTER TABLE ${assertIdentifier(d.table_name)} DROP CONSTRAINT ${assertIdentifier(d.name)}`);
    }
  });
}

/** Whether a bulk load left keys to restore (it is running, or it was interrupted). */
export async function hasDeferredDdl(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM npdb_deferred_ddl');
  return (rows[0]?.n ?? 0) > 0;
}

/**
 * Recreate everything `dropForBulkLoad` saved, in one transaction, and forget it. PostgreSQL
 * builds each index with one sort; `maintenance_work_mem` is raised for this transaction only.
 */
export async function restoreAfterBulkLoad(db: Db, onStep?: (name: string, done: number, total: number) => void): Promise<void> {
  await db.transaction(async (tx: Transaction) => {
    if (db.kind === 'postgres') {
      // Index builds sort in maintenance_work_mem; foreign-key validation is one anti-join per key
      // over the whole table, which spills to disk at the default 4 MB work_mem.
      await tx.query("SELECT set_config('maintenance_work_mem', '512MB', true), set_config('work_mem', '256MB', true)");
    }
    const { rows } = await tx.query<Ddl>('SELECT table_name, name, kind, definition FROM npdb_deferred_ddl ORDER BY ord');
    let done = 0;
    for (const d of rows) {
      onStep?.(d.name, done, rows.length);
      // The definitions were produced by pg_get_constraintdef / pg_get_indexdef for this schema.
      if (d.kind === 'index') await tx.exec(d.definition);
      else await tx.exec(`ALTER TABLE ${assertIdentifier(d.table_name)} ADD CONSTRAINT ${assertIdentifier(d.name)} ${d.definition}`);
      done++;
    }
    await tx.exec('DELETE FROM npdb_deferred_ddl');
  });
}
