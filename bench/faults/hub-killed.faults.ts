import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres, type Db } from '@ndxp/db';
import { recordFigures } from '../../packages/hub/test/support/figures.ts';
import { accessToken, deliveredButNotLogged, logDensity, registerPlatform, sleep, startHubChild, startLoad, until, verifyLogOf, waitForCheckpoint, type HubChild, type Registered } from './support/cluster.ts';
import { createDatabase, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.ts';

/**
 * A hub process killed under load (SIGKILL: no shutdown, no flush, mid-append), with three hub
 * processes sharing one PostgreSQL and the load spread over all three. The survivors keep serving;
 * the log stays consistent: dense sequence numbers, every delivered answer present under its index
 * with the hash of the delivered bytes, checkpoints still published (another process takes over
 * integration), the whole log verifying, and the history verified before the kill unchanged. The
 * killed process is then started again and serves.
 */
const PHASE_MS = Number(process.env['NDXP_FAULTS_PHASE_MS'] ?? 6000);
const HUBS = 3;

describe('hub killed under load', () => {
  let pgServer: PrivatePostgres;
  let url: string;
  const hubs: HubChild[] = [];
  let reg: Registered;
  let db: Db;
  let statePath: string;

  beforeAll(async () => {
    pgServer = await startPrivatePostgres();
    url = await createDatabase(pgServer, 'hub');
    // Started one after the other: each runs the migrations under the advisory lock.
    for (let i = 0; i < HUBS; i++) hubs.push(await startHubChild(url));
    reg = await registerPlatform(hubs[0]!.url);
    db = await openPostgres({ url, max: 2 });
    statePath = join(await mkdtemp(join(tmpdir(), 'ndxp-faults-verifier-')), 'state.json');
  });
  afterAll(async () => {
    await db?.close().catch(() => undefined);
    for (const h of hubs) await h.stop();
    await reg?.provider.close();
    await pgServer?.destroy();
  });

  it('keeps serving on the survivors and keeps the log whole', async () => {
    const token = await accessToken(hubs[0]!.url, reg);
    // The grant reached every process through NOTIFY.
    await until(async () => {
      for (const h of hubs) {
        const r = await fetch(`${h.url}/x/BCA/npdb/citizen-lookup/v1/v1/citizens/001203012345`, { headers: { authorization: `Bearer ${token}`, 'x-ndxp-purpose': 'tax-registration' } });
        if (r.status !== 200) return false;
      }
      return true;
    }, 'the grant on every hub process', 30_000);
    const load = startLoad({ urls: hubs.map((h) => h.url), token: () => token, concurrency: 12 });
    const victim = 1;
    let killedAt = 0;
    let restartedAt = 0;
    let restarted: HubChild | undefined;
    try {
      await sleep(PHASE_MS);
      const before = await logDensity(db);
      await waitForCheckpoint(hubs[0]!.url, before.size);
      expect((await verifyLogOf(hubs[0]!.url, statePath)).ok).toBe(true);

      killedAt = Date.now();
      hubs[victim]!.process.kill('SIGKILL');
      await hubs[victim]!.exited;
      await sleep(PHASE_MS);
      // Back again, on the same database: migrations are already there, state loads, it serves.
      restarted = await startHubChild(url);
      restartedAt = Date.now();
      await sleep(PHASE_MS / 2);
    } finally {
      await load.stop();
    }
    const all = load.outcomes;

    const survivors = all.filter((o) => o.hub !== victim);
    const toVictim = all.filter((o) => o.hub === victim);
    // The survivors answered everything with data; no 5xx, no refusal, before or after the kill.
    const survivorFailures = survivors.filter((o) => o.status !== 200);
    expect(survivorFailures.map((o) => `${o.status} ${o.code ?? o.error}`)).toEqual([]);
    // The victim's share failed at the connection (no answer), never with a wrong answer.
    const victimAnswers = toVictim.filter((o) => o.status !== 0);
    expect(victimAnswers.every((o) => o.status === 200)).toBe(true);
    const refusedConnections = toVictim.filter((o) => o.status === 0).length;
    expect(refusedConnections).toBeGreaterThan(0);

    // The log: dense, every delivered answer present as delivered, verifying, history unchanged.
    const density = await logDensity(db);
    expect(density.dense).toBe(true);
    const missing = await deliveredButNotLogged(db, all);
    expect(missing).toEqual([]);
    await waitForCheckpoint(hubs[0]!.url, density.size);
    const report = await verifyLogOf(hubs[2]!.url, statePath);
    expect(report.ok, JSON.stringify(report.result.problems)).toBe(true);
    // Entries written by the killed process before it died are part of the verified log.
    const byVictim = await db.query<{ n: number }>('SELECT count(DISTINCT hub_instance)::int8 AS n FROM audit_log');
    expect(byVictim.rows[0]!.n).toBeGreaterThanOrEqual(HUBS);

    // The restarted process serves.
    const again = await fetch(`${restarted!.url}/x/BCA/npdb/citizen-lookup/v1/v1/citizens/001203012345`, { headers: { authorization: `Bearer ${token}`, 'x-ndxp-purpose': 'tax-registration' } });
    expect(again.status).toBe(200);
    hubs.push(restarted!);

    recordFigures('hub-killed', 'postgres', {
      hub_processes: HUBS, killed: 1, requests: all.length, delivered: all.filter((o) => o.status === 200).length,
      survivor_requests: survivors.length, survivor_failures: survivorFailures.length, victim_connection_failures: refusedConnections,
      log_size: density.size, entries_verified: report.result.entriesChecked, checkpoints_verified: report.result.checkpointsVerified,
      delivered_missing_from_log: missing.length, restarted_and_serving: true, restart_after_kill_ms: restartedAt - killedAt,
    });
  });
});
