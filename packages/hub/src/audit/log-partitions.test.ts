import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertIdentifier, loadMigrations, migrate, openTestDatabase, testBackends, type Db, type Queryable } from '@ndxp/db';
import { bytesEqual, encodeUtf8, hashLeaf, rootHash } from '@ndxp/ledger';
import { openTestHub, type TestHub } from '../app/test-hub.ts';
import { findLeafIndex } from '../log/find-leaf-index.ts';
import { readLogTree } from '../log/read-log-tree.ts';
import { syntheticEntry, syntheticTexts } from '../log/testing/synthetic-entries.ts';
import { appendEntries } from './append-entries.ts';
import { createAuditWriter } from './audit-writer.ts';
import { ensureLogPartitions } from './ensure-log-partitions.ts';

const migrations = await loadMigrations(new URL('../migrations/', import.meta.url));

/** Which partition holds each entry, and each partition's recorded bounds. */
async function layout(db: Db, table: 'audit_log' | 'log_leaves'): Promise<{ part: string; min: number; max: number; lower: number; upper: number }[]> {
  const { rows } = await db.query<{ part: string; min: number; max: number; lower: number; upper: number }>(
    `SELECT t.tableoid::regclass::text AS part, min(t.seq)::int8 AS min, max(t.seq)::int8 AS max, p.lower, p.upper
     FROM ${assertIdentifier(table)} AS t JOIN log_partitions AS p ON t.tableoid::regclass::text = $1 || p.lower
     GROUP BY 1, p.lower, p.upper ORDER BY min`,
    [`${table}_`],
  );
  return rows.map((r) => ({ part: r.part, min: Number(r.min), max: Number(r.max), lower: Number(r.lower), upper: Number(r.upper) }));
}

describe.each(testBackends())('audit log partitions on %s', (kind) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await migrate(db, migrations);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('makes partitions as the log reaches them, and every entry lands inside its bounds', async () => {
    expect((await db.query('SELECT * FROM log_partitions')).rows).toEqual([]);
    let next = 0;
    for (const n of [7, 13, 30, 1, 49]) {
      const { firstSeq } = await appendEntries(db, syntheticTexts(next, n), [], { partitionSize: 16 });
      expect(firstSeq).toBe(next);
      next += n;
    }
    const parts = await layout(db, 'audit_log');
    expect(parts.map((p) => p.part)).toEqual(['audit_log_0', 'audit_log_16', 'audit_log_32', 'audit_log_48', 'audit_log_64', 'audit_log_80', 'audit_log_96']);
    for (const p of parts) {
      expect(p.upper - p.lower).toBe(16);
      expect(p.min).toBeGreaterThanOrEqual(p.lower);
      expect(p.max).toBeLessThan(p.upper);
    }
    // Dense, in order, the exact texts, read back through the parent.
    const { rows } = await db.query<{ seq: number; entry: string }>('SELECT seq, entry FROM audit_log ORDER BY seq');
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(rows.map((r) => r.entry)).toEqual(syntheticTexts(0, 100));
    // Each new partition carries the parent's indexes (the subject index among them).
    const { rows: idx } = await db.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'audit_log_96' ORDER BY 1`);
    expect(idx.map((r) => r.indexname).join(' ')).toMatch(/subject/);
  });

  it('is safe to call from several connections at once: each range is made once', async () => {
    const covered = await Promise.all([ensureLogPartitions(db, 16, 64), ensureLogPartitions(db, 16, 64), ensureLogPartitions(db, 16, 64)]);
    expect(new Set(covered).size).toBe(1);
    const { rows } = await db.query<{ lower: number; upper: number }>('SELECT lower, upper FROM log_partitions ORDER BY lower');
    rows.forEach((r, i) => {
      expect(Number(r.lower)).toBe(i * 16);
      expect(Number(r.upper)).toBe((i + 1) * 16);
    });
    expect(Number(rows.at(-1)!.upper)).toBe(covered[0]);
    expect(covered[0]).toBeGreaterThanOrEqual(100 + 64);
  });

  it('the writer keeps room ahead, so appends do not wait for the DDL', async () => {
    const covered = Number((await db.query<{ n: number }>('SELECT max(upper)::int8 AS n FROM log_partitions')).rows[0]!.n);
    const writer = createAuditWriter({ db, partitionSize: 16 });
    let next = 0;
    // Walk up to just below the covered range, one entry at a time.
    const start = Number((await db.query<{ n: number }>('SELECT next_seq AS n FROM audit_log_state')).rows[0]!.n);
    for (let i = start; i < covered - 1; i++) next = (await writer.append(syntheticEntry(i))) + 1;
    await writer.close();
    const after = Number((await db.query<{ n: number }>('SELECT max(upper)::int8 AS n FROM log_partitions')).rows[0]!.n);
    // Nothing was ever refused, and the writer had made more room before the log got there.
    expect(next).toBe(covered - 1);
    expect(after).toBeGreaterThanOrEqual(next + 8);
  });

  it('trusts the coverage it was given: no look-ahead until half a partition is left', async () => {
    const covered = await ensureLogPartitions(db, 16);
    const next = Number((await db.query<{ n: number }>('SELECT next_seq AS n FROM audit_log_state')).rows[0]!.n);
    // Count the look-ahead calls the writer makes through its connection.
    let lookAheads = 0;
    const counting: Queryable = {
      query: (sql, params, options) => {
        if (sql.includes('ndxp_ensure_log_partitions')) lookAheads++;
        return db.query(sql, params, options);
      },
    };
    const writer = createAuditWriter({ db: counting, partitionSize: 16, coveredUpTo: covered });
    // The writer looks ahead once the next sequence number is within half a partition (8) of the end.
    let nextSeq = next;
    while (nextSeq + 1 + 8 < covered) nextSeq = (await writer.append(syntheticEntry(nextSeq))) + 1;
    expect(lookAheads).toBe(0);
    while (nextSeq + 8 < covered + 16) nextSeq = (await writer.append(syntheticEntry(nextSeq))) + 1;
    await writer.close();
    expect(lookAheads).toBeGreaterThan(0);
  });

  it('refuses the exchange (fail closed) when no partition can be made', async () => {
    const local = await openTestDatabase(kind);
    try {
      await migrate(local, migrations);
      await local.exec('DROP FUNCTION ndxp_ensure_log_partitions(bigint, bigint)');
      const writer = createAuditWriter({ db: local, partitionSize: 16 });
      await expect(writer.append(syntheticEntry(0))).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
      expect(Number((await local.query<{ n: number }>('SELECT next_seq AS n FROM audit_log_state')).rows[0]!.n)).toBe(0);
      await writer.close();
    } finally {
      await local.close();
    }
  });

  it('keeps the entries written before the upgrade as the first partition', async () => {
    const old = await openTestDatabase(kind);
    try {
      await migrate(old, migrations.filter((m) => m.version < 5));
      await appendEntries(old, syntheticTexts(0, 20));
      await migrate(old, migrations);
      expect((await old.query('SELECT lower, upper FROM log_partitions')).rows.map((r) => Object.values(r).map(Number))).toEqual([[0, 20]]);
      await appendEntries(old, syntheticTexts(20, 5), [], { partitionSize: 16 });
      expect((await layout(old, 'audit_log')).map((p) => [p.part, p.min, p.max])).toEqual([['audit_log_0', 0, 19], ['audit_log_20', 20, 24]]);
      const { rows } = await old.query<{ entry: string }>('SELECT entry FROM audit_log ORDER BY seq');
      expect(rows.map((r) => r.entry)).toEqual(syntheticTexts(0, 25));
      // The old indexes were attached to the new parents, not left behind or built twice.
      const { rows: idx } = await old.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'audit_log_0' ORDER BY 1`);
      // (0006 then dropped three, added one over (service_id, consumer_id, at), and rebuilt the
      // subject index for the column's new type, which names it afresh.)
      expect(idx.map((r) => r.indexname)).toEqual(['audit_log_0_pkey', 'audit_log_0_service_id_consumer_id_at_idx', 'audit_log_0_subject_hmac_seq_idx']);
    } finally {
      await old.close();
    }
  });
});

describe.each(testBackends())('the transparency log over partitions on %s', (kind) => {
  let t: TestHub;
  beforeAll(async () => {
    // The smallest partitions the configuration allows; the hub makes the first one at start.
    t = await openTestHub(kind, { NDXP_LOG_INTEGRATION: 'false', NDXP_LOG_PARTITION_SIZE: '1024' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('makes the first partition at start, then integrates, proves and finds leaves across partition bounds', async () => {
    expect((await t.db.query('SELECT lower, upper FROM log_partitions')).rows.map((r) => Object.values(r).map(Number))).toEqual([[0, 1024]]);
    const start = Number((await t.db.query<{ n: number }>('SELECT next_seq AS n FROM audit_log_state')).rows[0]!.n);
    const written = syntheticTexts(start, 3100);
    for (let at = 0; at < written.length; at += 450) await appendEntries(t.db, written.slice(at, at + 450), [], { partitionSize: 1024 });
    const all = (await t.db.query<{ entry: string }>('SELECT entry FROM audit_log ORDER BY seq')).rows.map((r) => r.entry);

    const round = await t.hub.log.integrate();
    expect(round.size).toBe(all.length);
    const leaves = all.map((e) => hashLeaf(encodeUtf8(e)));
    expect(bytesEqual((await readLogTree(t.db)).root, rootHash(leaves))).toBe(true);
    // Leaf hashes are spread over the partitions of log_leaves, and each is found by its hash.
    expect((await layout(t.db, 'log_leaves')).map((p) => p.part)).toEqual(['log_leaves_0', 'log_leaves_1024', 'log_leaves_2048', 'log_leaves_3072']);
    for (const i of [0, 1023, 1024, 2047, 2048, all.length - 1]) expect(await findLeafIndex(t.db, leaves[i]!)).toBe(i);
  });
});
