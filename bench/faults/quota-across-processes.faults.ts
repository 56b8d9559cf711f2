import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pool } from 'undici';
import { openPostgres, type Db } from '@ndxp/db';
import { recordFigures } from '../../packages/hub/test/support/figures.ts';
import { CALL_PATH, PURPOSE, accessToken, registerPlatform, startHubChild, until, type HubChild, type Registered } from './support/cluster.ts';
import { createDatabase, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.ts';

/**
 * Quota bypass across two hub processes sharing one PostgreSQL: a burst of parallel calls spread
 * over both, at the start of a fresh one-minute window. Each process enforces the quota exactly on
 * what it knows; it learns the other's admissions only when its own next audit append returns. The
 * measured overrun is recorded against the documented bound (processes × quota), and the shared
 * counter in PostgreSQL must hold the true total.
 */
const QUOTA = 50;

describe('quota across processes', () => {
  let pgServer: PrivatePostgres;
  let db: Db;
  const hubs: HubChild[] = [];
  let reg: Registered;
  let token: string;

  beforeAll(async () => {
    pgServer = await startPrivatePostgres();
    const url = await createDatabase(pgServer, 'hub');
    hubs.push(await startHubChild(url));
    hubs.push(await startHubChild(url));
    reg = await registerPlatform(hubs[0]!.url, { quotaPerMinute: QUOTA });
    db = await openPostgres({ url, max: 2 });
    token = await accessToken(hubs[0]!.url, reg);
  });
  afterAll(async () => {
    await db?.close().catch(() => undefined);
    for (const h of hubs) await h.stop();
    await reg?.provider.close();
    await pgServer?.destroy();
  });

  it('bounds the quota overrun across two processes, and the shared counter holds the true total', async () => {
    // Start at the beginning of a fresh minute window so the whole burst falls into one.
    await until(() => Date.now() % 60_000 < 2_000, 'the start of a minute', 61_000);
    const windowStart = Date.now() - (Date.now() % 60_000);
    const pools = hubs.map((h) => new Pool(h.url, { connections: 32 }));
    const results = await Promise.all(Array.from({ length: 400 }, async (_, i) => {
      const res = await pools[i % 2]!.request({ path: CALL_PATH, method: 'GET', headers: { authorization: `Bearer ${token}`, 'x-ndxp-purpose': PURPOSE } });
      await res.body.text();
      return res.statusCode;
    }));
    await Promise.all(pools.map((p) => p.close()));
    const admitted = results.filter((s) => s === 200).length;
    const { rows } = await db.query<{ used: number }>("SELECT used FROM grant_quota_usage WHERE window_start = $1", [new Date(windowStart).toISOString()]);
    recordFigures('quota-two-processes', 'processes', { quota_per_minute: QUOTA, processes: 2, burst_requests: 400, burst_admitted: admitted, shared_counter: rows[0]?.used ?? 0 });
    expect(results.every((s) => s === 200 || s === 429)).toBe(true);
    expect(admitted).toBeGreaterThanOrEqual(QUOTA);
    expect(admitted).toBeLessThanOrEqual(2 * QUOTA);
    expect(rows[0]?.used).toBe(admitted);
  });
});
