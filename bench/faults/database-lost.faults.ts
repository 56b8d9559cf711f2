import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres, type Db } from '@ndxp/db';
import { recordFigures } from '../../packages/hub/test/support/figures.ts';
import { accessToken, deliveredButNotLogged, logDensity, registerPlatform, sleep, startHubChild, startLoad, until, verifyLogOf, waitForCheckpoint, type HubChild, type Outcome, type Registered } from './support/cluster.ts';
import { createDatabase, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.ts';

/**
 * PostgreSQL lost mid-load, twice: a crash (`pg_ctl stop -m immediate`: connections cut, no
 * checkpoint) and a clean shutdown (`-m fast`), each followed by a restart. On a private server,
 * never the shared one. Through both:
 *  - while the database is down the hub refuses (AUDIT_UNAVAILABLE 503, fail closed) and never
 *    delivers data without a durable entry; /readyz says not ready;
 *  - it recovers by itself, without a restart, and the process never dies;
 *  - every delivered answer is in the log, under its index, with the hash of the delivered bytes;
 *  - the log is dense and verifies (`ndxp log verify`), and its history before the outage is
 *    unchanged after it (the verifier's saved state).
 */
const OUTAGE_MS = Number(process.env['NDXP_FAULTS_OUTAGE_MS'] ?? 6000);
const PHASE_MS = Number(process.env['NDXP_FAULTS_PHASE_MS'] ?? 5000);

describe('database lost mid-load', () => {
  let pgServer: PrivatePostgres;
  let hub: HubChild;
  let reg: Registered;
  let db: Db;
  let statePath: string;

  beforeAll(async () => {
    pgServer = await startPrivatePostgres();
    const url = await createDatabase(pgServer, 'hub');
    hub = await startHubChild(url);
    reg = await registerPlatform(hub.url);
    db = await openPostgres({ url, max: 2 });
    statePath = join(await mkdtemp(join(tmpdir(), 'ndxp-faults-verifier-')), 'state.json');
  });
  afterAll(async () => {
    await db?.close().catch(() => undefined);
    await hub?.stop();
    await reg?.provider.close();
    await pgServer?.destroy();
  });

  it('refuses while down, recovers by itself, loses no delivered answer, and the log verifies', async () => {
    let token = await accessToken(hub.url, reg);
    const load = startLoad({ urls: [hub.url], token: () => token, concurrency: 8 });
    const phases: { mode: string; stoppedAt: number; startedAt: number; recoveredMs: number; readyDown: boolean }[] = [];
    const t0 = Date.now();
    try {
      await sleep(PHASE_MS);
      // A verified checkpoint from before any outage: the verifier keeps it in its state file.
      const before = await logDensity(db);
      await waitForCheckpoint(hub.url, before.size);
      const first = await verifyLogOf(hub.url, statePath);
      expect(first.ok, JSON.stringify(first.result.problems)).toBe(true);

      for (const mode of ['immediate', 'fast'] as const) {
        const stoppedAt = Date.now() - t0;
        await pgServer.stop(mode);
        await sleep(OUTAGE_MS / 2);
        // The hub must outlive its database.
        expect(hub.process.exitCode ?? hub.process.signalCode, `hub died during the ${mode} outage:\n${hub.stderr()}`).toBeNull();
        const ready = await fetch(`${hub.url}/readyz`);
        const readyDown = ready.status === 503 && (await ready.json() as { code: string }).code === 'UNAVAILABLE';
        await sleep(OUTAGE_MS / 2);
        await pgServer.start();
        const startedAt = Date.now() - t0;
        // Recovered: a call answered 200 after the restart, with nobody touching the hub.
        const recoveredMs = await until(() => load.outcomes.some((o) => o.at > startedAt && o.status === 200), 'a delivered answer after the restart', 120_000);
        phases.push({ mode, stoppedAt, startedAt, recoveredMs, readyDown });
        token = await accessToken(hub.url, reg); // the token endpoint works again too
        await sleep(PHASE_MS);
      }
    } finally {
      await load.stop();
    }
    expect(hub.process.exitCode, hub.stderr()).toBeNull();
    expect(hub.process.signalCode, hub.stderr()).toBeNull();

    const outcomes = load.outcomes;
    const during = (o: Outcome) => phases.some((p) => o.at > p.stoppedAt + 200 && o.at < p.startedAt);
    const down = outcomes.filter(during);
    // Fail closed: while the database is away nothing is delivered that is not durably logged.
    const deliveredDuringOutage = down.filter((o) => o.status >= 200 && o.status < 300);
    const refusedDuringOutage = down.filter((o) => o.status === 503 && o.code === 'AUDIT_UNAVAILABLE');
    expect(down.length).toBeGreaterThan(0);
    expect(refusedDuringOutage.length).toBeGreaterThan(0);
    // Nothing but fail-closed refusals while down (a provider hiccup would show as PROVIDER_*).
    const otherwise = down.filter((o) => !(o.status === 503 && o.code === 'AUDIT_UNAVAILABLE') && !(o.status >= 200 && o.status < 300));
    expect(otherwise.map((o) => `${o.status} ${o.code ?? o.error}`)).toEqual([]);
    for (const p of phases) expect(p.readyDown, `readyz during the ${p.mode} outage`).toBe(true);

    // Every delivered answer is in the log, exactly as delivered; the log is dense.
    const missing = await deliveredButNotLogged(db, outcomes);
    expect(missing).toEqual([]);
    const density = await logDensity(db);
    expect(density.dense).toBe(true);
    const refusedNoIndex = outcomes.filter((o) => o.code === 'AUDIT_UNAVAILABLE' && o.index !== undefined);
    expect(refusedNoIndex).toEqual([]);

    // The log verifies, and agrees with the checkpoint verified before the outages.
    await waitForCheckpoint(hub.url, density.size);
    const report = await verifyLogOf(hub.url, statePath);
    expect(report.ok, JSON.stringify(report.result.problems)).toBe(true);
    expect(report.result.entriesChecked).toBeGreaterThanOrEqual(density.size);
    const delivered = outcomes.filter((o) => o.status === 200).length;
    expect(delivered).toBeGreaterThan(0);

    recordFigures('database-lost', 'postgres', {
      outages: phases.length, outage_ms: OUTAGE_MS, requests: outcomes.length, delivered, refused_while_down: refusedDuringOutage.length,
      delivered_while_down: deliveredDuringOutage.length, recovery_ms_after_crash: phases[0]!.recoveredMs, recovery_ms_after_shutdown: phases[1]!.recoveredMs,
      entries_verified: report.result.entriesChecked, log_size: density.size, delivered_missing_from_log: missing.length, checkpoints_verified: report.result.checkpointsVerified,
      hub_process_survived: true,
    });
  });
});
