import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { loadMigrations, migrate, openPostgres, openTestDatabase, testBackends, type Db } from '@ndxp/db';
import { createAuditWriter, type QuotaUsageSync } from './audit-writer.ts';
import { canonicalEntry, type AuditEntry } from './audit-entry.ts';
import { readEntries, logSize } from './read-entries.ts';
import { createSubjectHasher } from './subject-hasher.ts';
import type { QuotaDelta, QuotaTotal } from './append-entries.ts';

const migrations = await loadMigrations(new URL('../migrations/', import.meta.url));

function entry(i: number, extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    v: 1,
    time: new Date(Date.UTC(2026, 2, 1, 8, 0, 0, i)).toISOString(),
    request_id: `req-${i}`,
    hub_instance: 'test',
    consumer: 'BTC/tax',
    service: 'BCA/npdb/citizen-lookup/v1',
    method: 'GET',
    purpose: 'tax-registration',
    grant_id: '3f1c1f0e-7a52-4a5e-9d7e-0f1b2c3d4e5f',
    legal_basis: 'Luật Quản lý thuế 2019',
    fields: ['/full_name'],
    status: 200,
    provider_status: 200,
    error_code: null,
    latency_us: 1234,
    request_sha256: createHash('sha256').update('').digest('hex'),
    response_sha256: createHash('sha256').update(`r${i}`).digest('hex'),
    subject_hmac: null,
    subject_key_id: null,
    ...extra,
  };
}

describe.each(testBackends())('audit writer on %s', (kind) => {
  let db: Db & { url?: string };
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await migrate(db, migrations);
  });
  afterAll(async () => {
    await db.close();
  });

  it('stores the RFC 8785 canonical entry and copies its members into columns', async () => {
    const writer = createAuditWriter({ db });
    const hasher = createSubjectHasher(Buffer.alloc(32, 1));
    const e = entry(0, { subject_hmac: hasher.hash('001203012345'), subject_key_id: hasher.keyId });
    const seq = await writer.append(e);
    // The HMAC column holds the 32 bytes; read as hex to compare with the entry's member.
    const { rows } = await db.query<Record<string, unknown>>("SELECT *, encode(subject_hmac, 'hex') AS subject_hmac FROM audit_log WHERE seq = $1", [seq]);
    const row = rows[0]!;
    expect(row['entry']).toBe(canonicalEntry(e));
    // RFC 8785: members sorted by code unit, no whitespace.
    expect(row['entry']).toMatch(/^\{"consumer":"BTC\/tax","error_code":null,"fields":\["\/full_name"\],"grant_id":/);
    expect(row).toMatchObject({ request_id: 'req-0', consumer_id: 'BTC/tax', service_id: 'BCA/npdb/citizen-lookup/v1', status: 200, latency_us: 1234, grant_id: e.grant_id, subject_hmac: e.subject_hmac, subject_key_id: hasher.keyId });
    expect(JSON.stringify(row)).not.toContain('001203012345');
    await writer.close();
  });

  it('group-commits concurrent appends with dense sequence numbers, each entry at the index it was given', async () => {
    const batches: number[] = [];
    const writer = createAuditWriter({ db, maxBatch: 50, observer: { onFlush: (n, _s, ok) => ok && batches.push(n) } });
    const start = await logSize(db);
    const seqs = await Promise.all(Array.from({ length: 200 }, (_, i) => writer.append(entry(1000 + i))));
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => start + i));
    // 200 appends in one tick: a handful of statements, each at most maxBatch, not 200.
    expect(batches.reduce((a, b) => a + b, 0)).toBe(200);
    expect(batches.length).toBeLessThanOrEqual(5);
    expect(Math.max(...batches)).toBeLessThanOrEqual(50);
    // Within a batch, entries keep their append order.
    for (let b = 0; b < 4; b++) {
      const chunk = seqs.slice(b * 50, b * 50 + 50);
      expect(chunk).toEqual(Array.from({ length: 50 }, (_, i) => chunk[0]! + i));
    }
    const stored = await readEntries(db, start - 1, 500);
    const byRequest = new Map(stored.map((s) => [JSON.parse(s.entry).request_id as string, s.seq]));
    seqs.forEach((seq, i) => expect(byRequest.get(`req-${1000 + i}`)).toBe(seq));
    await writer.close();
  });

  it('keeps sequence numbers dense and in commit order across several writers and connections', async () => {
    // Two writers, each with its own connection pool on PostgreSQL: as two hub processes would be.
    const other: Db = kind === 'postgres' ? await openPostgres({ url: db.url!, max: 2 }) : db;
    const a = createAuditWriter({ db, maxBatch: 7 });
    const b = createAuditWriter({ db: other, maxBatch: 5 });
    const start = await logSize(db);
    const work: Promise<number>[] = [];
    for (let i = 0; i < 120; i++) work.push((i % 2 === 0 ? a : b).append(entry(2000 + i)));
    const seqs = await Promise.all(work);
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 120 }, (_, i) => start + i));
    // Causality: an entry appended after another became durable always gets a later index,
    // whichever process wrote either of them.
    let last = -1;
    for (let i = 0; i < 10; i++) {
      const seq = await (i % 2 === 0 ? b : a).append(entry(3000 + i));
      expect(seq).toBeGreaterThan(last);
      last = seq;
    }
    const { rows } = await db.query<{ n: number; lo: number; hi: number }>('SELECT count(*)::int8 AS n, min(seq) AS lo, max(seq) AS hi FROM audit_log');
    expect(rows[0]!.n).toBe(rows[0]!.hi - rows[0]!.lo + 1);
    expect(rows[0]!.lo).toBe(0);
    await a.close();
    await b.close();
    if (other !== db) await other.close();
  });

  it('carries quota deltas in the same statement and returns the shared totals', async () => {
    const grantId = '3f1c1f0e-7a52-4a5e-9d7e-0f1b2c3d4e5f';
    const windowStartMs = Date.UTC(2026, 2, 1, 8, 0);
    let pending: QuotaDelta[] = [{ grantId, windowStartMs, count: 3 }];
    const settled: QuotaTotal[][] = [];
    const sync: QuotaUsageSync = {
      drain: () => {
        const d = pending;
        pending = [];
        return d;
      },
      settle: (_d, totals) => settled.push([...totals]),
      restore: (d) => {
        pending = [...pending, ...d];
      },
    };
    const writer = createAuditWriter({ db, quota: sync });
    await writer.append(entry(4000));
    pending = [{ grantId, windowStartMs, count: 2 }];
    await writer.append(entry(4001));
    expect(settled).toEqual([[{ grantId, windowStartMs, used: 3 }], [{ grantId, windowStartMs, used: 5 }]]);
    await writer.close();
  });

  it('fails closed while the audit table is broken, restores quota deltas, then recovers without a gap', async () => {
    const restored: QuotaDelta[][] = [];
    let deltas: QuotaDelta[] = [];
    const errors: unknown[] = [];
    const writer = createAuditWriter({
      db,
      quota: { drain: () => deltas.splice(0), settle: () => undefined, restore: (d) => restored.push([...d]) },
      onError: (e) => errors.push(e),
    });
    const before = await writer.append(entry(5000));
    deltas = [{ grantId: '3f1c1f0e-7a52-4a5e-9d7e-0f1b2c3d4e5f', windowStartMs: Date.UTC(2026, 2, 1, 9, 0), count: 1 }];
    await db.query('ALTER TABLE audit_log RENAME TO audit_log_away');
    await expect(writer.append(entry(5001))).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE', status: 503 });
    expect(writer.healthy()).toBe(false);
    expect(errors).toHaveLength(1);
    expect(restored).toEqual([[{ grantId: '3f1c1f0e-7a52-4a5e-9d7e-0f1b2c3d4e5f', windowStartMs: Date.UTC(2026, 2, 1, 9, 0), count: 1 }]]);
    await db.query('ALTER TABLE audit_log_away RENAME TO audit_log');
    deltas = [];
    const after = await writer.append(entry(5002));
    expect(after).toBe(before + 1);
    expect(writer.healthy()).toBe(true);
    await writer.close();
  });

  it('refuses entries while a flush is stuck, and accepts them again once it settles', async () => {
    const writer = createAuditWriter({ db, flushTimeoutMs: 150 });
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => {
      locked = r;
    });
    // Another transaction holds the sequence row: the append statement blocks behind it.
    const blocker = (kind === 'postgres' ? await openPostgres({ url: db.url!, max: 1 }) : db);
    const holding = blocker.transaction(async (tx) => {
      await tx.query('SELECT next_seq FROM audit_log_state FOR UPDATE');
      locked();
      await held;
    });
    await isLocked;
    await expect(writer.append(entry(6000))).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
    await expect(writer.append(entry(6001))).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE', detail: 'the audit store is not answering' });
    expect(writer.healthy()).toBe(false);
    release();
    await holding;
    if (blocker !== db) await blocker.close();
    // The stuck statement settles (it commits late: its entry is in the log although the caller
    // was refused, which errs on the side of recording too much, never too little).
    let seq: number | undefined;
    for (let i = 0; i < 100 && seq === undefined; i++) {
      seq = await writer.append(entry(6002)).catch(() => undefined);
      if (seq === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    expect(seq).toBeDefined();
    const tail = await readEntries(db, seq! - 2, 2);
    expect(tail.map((t) => JSON.parse(t.entry).request_id)).toEqual(['req-6000', 'req-6002']);
    expect(writer.healthy()).toBe(true);
    await writer.close();
  });

  it('refuses appends after close and when the database is gone', async () => {
    const scratch = await openTestDatabase(kind);
    await migrate(scratch, migrations);
    const writer = createAuditWriter({ db: scratch });
    expect(await writer.append(entry(7000))).toBe(0);
    await scratch.close();
    await expect(writer.append(entry(7001))).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
    await writer.close();
    await expect(writer.append(entry(7002))).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE', detail: 'the audit writer is closed' });
  });
});
