import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openTestDatabase, testBackends } from '@ndxp/db';
import { purgeQuotaUsage } from './purge-quota-usage.ts';

const migrations = await loadMigrations(new URL('../migrations/', import.meta.url));

describe.each(testBackends())('quota usage housekeeping on %s', (kind) => {
  it('purges only windows older than the cut-off', async () => {
    const db = await openTestDatabase(kind);
    try {
      await migrate(db, migrations);
      const g = '3f1c1f0e-7a52-4a5e-9d7e-0f1b2c3d4e5f';
      for (const [w, n] of [['2026-03-01T06:00:00Z', 5], ['2026-03-01T07:59:00Z', 7], ['2026-03-01T08:00:00Z', 9]] as const) {
        await db.query('INSERT INTO grant_quota_usage (grant_id, window_start, used) VALUES ($1, $2, $3)', [g, w, n]);
      }
      expect(await purgeQuotaUsage(db, Date.parse('2026-03-01T07:59:00Z'))).toBe(1);
      const { rows } = await db.query<{ used: number }>('SELECT used FROM grant_quota_usage ORDER BY window_start');
      expect(rows.map((r) => r.used)).toEqual([7, 9]);
    } finally {
      await db.close();
    }
  });
});
