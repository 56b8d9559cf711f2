import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, type Migration } from './migrate.ts';
import { openTestDatabase, testBackends } from './test-database.ts';
import type { Db } from './types.ts';

const migrations: Migration[] = [
  { version: 1, name: 'things', sql: 'CREATE TABLE things (id bigint PRIMARY KEY, born date NOT NULL, label text NOT NULL);\nCREATE INDEX things_label ON things (label);' },
  { version: 2, name: 'more', sql: 'ALTER TABLE things ADD COLUMN note text;' },
];

describe.each(testBackends())('db on %s', (kind) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db.close();
  });

  it('applies migrations once and refuses a changed one', async () => {
    expect((await migrate(db, migrations)).applied).toEqual([1, 2]);
    expect((await migrate(db, migrations)).applied).toEqual([]);
    const changed = [migrations[0]!, { ...migrations[1]!, sql: 'ALTER TABLE things ADD COLUMN other text;' }];
    await expect(migrate(db, changed)).rejects.toThrow(/changed after it was applied/);
  });

  it('rolls back a failed migration entirely', async () => {
    const bad: Migration[] = [...migrations, { version: 3, name: 'bad', sql: 'CREATE TABLE t3 (x int);\nSELECT no_such_function();' }];
    await expect(migrate(db, bad)).rejects.toThrow();
    const t3 = await db.query("SELECT to_regclass('t3') AS t");
    expect(t3.rows[0]).toEqual({ t: null });
  });

  it('parses int8 as number and date as a plain string on both drivers', async () => {
    await db.query('INSERT INTO things (id, born, label) VALUES ($1, $2, $3)', [9_000_000_000, '1990-02-28', "O'Brien; DROP TABLE things"]);
    const { rows } = await db.query<{ id: number; born: string; label: string }>('SELECT id, born, label FROM things WHERE id = $1', [9_000_000_000]);
    expect(rows).toEqual([{ id: 9_000_000_000, born: '1990-02-28', label: "O'Brien; DROP TABLE things" }]);
  });

  it('runs a named statement repeatedly with fresh parameters, prepared on PostgreSQL', async () => {
    // The statement sees itself in pg_prepared_statements: it was prepared on the connection that runs it.
    const sql = "SELECT $1::int * 2 AS twice, (SELECT count(*) FROM pg_prepared_statements WHERE name = 'ndxp_test_twice')::int AS prepared";
    for (const n of [1, 2, 3, 21]) {
      const { rows } = await db.query<{ twice: number; prepared: number }>(sql, [n], { name: 'ndxp_test_twice' });
      expect(rows).toEqual([{ twice: 2 * n, prepared: kind === 'postgres' ? 1 : 0 }]);
    }
    const inTx = await db.transaction((tx) => tx.query<{ twice: number }>(sql, [5], { name: 'ndxp_test_twice' }));
    expect(inTx.rows[0]?.twice).toBe(10);
  });

  it('rolls back a failed transaction', async () => {
    await expect(db.transaction(async (tx) => {
      await tx.query('INSERT INTO things (id, born, label) VALUES ($1, $2, $3)', [1, '2000-01-01', 'a']);
      await tx.query('INSERT INTO things (id, born, label) VALUES ($1, $2, $3)', [1, '2000-01-01', 'duplicate']);
    })).rejects.toThrow();
    const { rows } = await db.query('SELECT id FROM things WHERE id = 1');
    expect(rows).toEqual([]);
  });

  it('bulk loads with COPY', async () => {
    const lines = function* () {
      for (let i = 100; i < 1100; i++) yield `${i}\t2001-01-01\tNguyễn Văn ${i}\t\\N\n`;
    };
    expect(await db.copyFrom('things', ['id', 'born', 'label', 'note'], lines())).toBe(1000);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM things WHERE id BETWEEN 100 AND 1099');
    expect(rows[0]?.n).toBe(1000);
    await expect(db.copyFrom('things; DROP TABLE things', ['id'], [])).rejects.toThrow(/invalid SQL identifier/);
  });

  it.runIf(kind === 'postgres')('survives a killed LISTEN connection: listens again by itself and says so', async () => {
    const got: string[] = [];
    let reconnects = 0;
    const stop = await db.listen('ndxp_test_reconnect', (p) => got.push(p), () => reconnects++);
    // What a server restart does to the listening connection (pg_terminate_backend, same effect).
    const killed = await db.query<{ n: number }>("SELECT count(pg_terminate_backend(pid))::int8 AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN ndxp_test_reconnect'");
    expect(killed.rows[0]!.n).toBe(1);
    for (let i = 0; i < 200 && reconnects === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(reconnects).toBe(1);
    await db.query("SELECT pg_notify('ndxp_test_reconnect', $1)", ['after']);
    for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual(['after']);
    await stop();
  });

  it.runIf(kind === 'postgres')('fails a transaction whose connection dies, without taking the process down', async () => {
    await expect(db.transaction(async (tx) => {
      await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
      await new Promise((r) => setTimeout(r, 50));
      await tx.query('SELECT 1');
    })).rejects.toThrow();
    // The broken connection went away instead of back into the pool.
    for (let i = 0; i < 5; i++) expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await db.transaction(async (tx) => void (await tx.query('SELECT 1')));
  });

  it('settles work started before close, waits for it, and refuses work after', async () => {
    const other = await openTestDatabase(kind);
    // Issued in the same tick as close: with pg-pool alone, these never settled.
    const started = [other.query<{ x: number }>('SELECT 1 AS x'), other.transaction(async (tx) => (await tx.query<{ y: number }>('SELECT 2 AS y')).rows[0]?.y)];
    await other.close();
    const [q, t] = await Promise.allSettled(started);
    expect(q).toMatchObject({ status: 'fulfilled', value: { rows: [{ x: 1 }] } });
    expect(t).toMatchObject({ status: 'fulfilled', value: 2 });
    await expect(other.query('SELECT 1')).rejects.toThrow();
  });

  it('delivers NOTIFY to listeners', async () => {
    const got: string[] = [];
    const stop = await db.listen('ndxp_test', (p) => got.push(p));
    await db.query("SELECT pg_notify('ndxp_test', $1)", ['hello']);
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual(['hello']);
    await stop();
  });
});
