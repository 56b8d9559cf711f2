import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openTestDatabase, testBackends } from '@ndxp/db';
import { canonicalEntry } from './audit-entry.ts';
import { syntheticEntry } from '../log/testing/synthetic-entries.ts';
import { appendEntries } from './append-entries.ts';

const migrations = await loadMigrations(new URL('../migrations/', import.meta.url));
const hmac = (personalId: string): string => createHmac('sha256', Buffer.alloc(32, 5)).update(personalId).digest('hex');
const ANNA = '001190000001';
const BINH = '079085000002';

/** Entries `from`.. about Anna and Binh in turn (every third has no subject). */
const texts = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => {
  const n = from + i;
  const subject = n % 3 === 2 ? null : n % 3 === 0 ? ANNA : BINH;
  return canonicalEntry(syntheticEntry(n, { subject_hmac: subject === null ? null : hmac(subject), subject_key_id: subject === null ? null : 'hs-test' }));
});

describe.each(testBackends())('0006_audit_log_lean on %s', (kind) => {
  it('stores subject HMACs as 32 bytes, converting those written before it, and finds them all by subject', async () => {
    const db = await openTestDatabase(kind);
    try {
      // Entries as the hub wrote them before 0006 (here before 0005, so the upgrade also makes
      // them the first partition): the HMAC's hex text in the column. The current append
      // statement writes bytes, so it cannot stand in for the old one.
      await migrate(db, migrations.filter((m) => m.version < 5));
      for (const [seq, text] of texts(0, 12).entries()) {
        const e = JSON.parse(text) as { time: string; request_id: string; subject_hmac: string | null; subject_key_id: string | null };
        await db.query(
          `INSERT INTO audit_log (seq, at, request_id, hub_instance, method, status, latency_us, response_sha256, subject_hmac, subject_key_id, entry)
           VALUES ($1, $2, $3, 'hub-test', 'GET', 200, 1, 'e3b0', $4, $5, $6)`,
          [seq, e.time, e.request_id, e.subject_hmac, e.subject_key_id, text],
        );
      }
      await db.query('UPDATE audit_log_state SET next_seq = 12');
      await migrate(db, migrations);
      await appendEntries(db, texts(12, 9));
      const seqsOf = async (personalId: string): Promise<number[]> =>
        (await db.query<{ seq: number }>("SELECT seq FROM audit_log WHERE subject_hmac = decode($1, 'hex') ORDER BY seq", [hmac(personalId)])).rows.map((r) => Number(r.seq));
      // Entries from both sides of the upgrade, and only the person's own.
      expect(await seqsOf(ANNA)).toEqual([0, 3, 6, 9, 12, 15, 18]);
      expect(await seqsOf(BINH)).toEqual([1, 4, 7, 10, 13, 16, 19]);
      // The column is a faithful copy of the entry's member, whatever side of the upgrade wrote it.
      const { rows } = await db.query<{ entry: string; hex: string | null; bytes: number | null }>(
        "SELECT entry, encode(subject_hmac, 'hex') AS hex, octet_length(subject_hmac) AS bytes FROM audit_log ORDER BY seq",
      );
      expect(rows).toHaveLength(21);
      for (const r of rows) {
        const inEntry = (JSON.parse(r.entry) as { subject_hmac: string | null }).subject_hmac;
        expect(r.hex).toBe(inEntry);
        expect(r.bytes === null ? null : Number(r.bytes)).toBe(inEntry === null ? null : 32);
      }
      // The canonical entries, which the Merkle log hashes, are untouched by the upgrade.
      expect((await db.query<{ entry: string }>('SELECT entry FROM audit_log ORDER BY seq')).rows.map((r) => r.entry)).toEqual(texts(0, 21));
    } finally {
      await db.close();
    }
  });

  it('keeps only the audit_log indexes that queries use', async () => {
    const db = await openTestDatabase(kind);
    try {
      await migrate(db, migrations);
      const { rows } = await db.query<{ name: string; def: string }>(
        "SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'audit_log' ORDER BY 1",
      );
      expect(rows.map((r) => r.name)).toEqual(['audit_log_link', 'audit_log_pkey', 'audit_log_subject']);
      expect(rows.find((r) => r.name === 'audit_log_link')?.def).toMatch(/\(service_id, consumer_id, at\)/);
    } finally {
      await db.close();
    }
  });
});
